package lab

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"strings"

	mysqldriver "github.com/go-sql-driver/mysql"
	"gorm.io/gorm"

	"torchlab/migrations"
)

// A transaction that reads, decides in Go, then writes several rows costs a
// round trip per statement on MySQL. inTxBatch lets such a use case queue
// its writes in a writeBatch while it decides; the batch is then sent with
// the COMMIT as one multi-statement round trip, and START TRANSACTION with
// the first read (beginFirst): a booking is its read and its batch,
// whatever the number of rows (docs/performance.md, "Round trips"). The rules stay in Go and the SQL
// is the same on SQLite, where the batch's statements run one by one in
// the transaction before it commits.
//
// What a batch may hold: writes whose outcome the reads already decided
// (under the reads' row locks), so that nothing in Go has to look at one
// statement's result before the next is sent. A unique key may still
// refuse a row; the statements after it and the COMMIT are then not run,
// and the use case's error handling sees the duplicate as without a batch.
//
// Never on Galera: a node that aborts a transaction for another node's
// conflicting write while it runs a multi-statement query rolls the
// transaction back and then runs the query's remaining statements each in
// a transaction of its own, and answers OK (seen on MariaDB 10.11 with
// galera-4: TestGaleraMultiStatementAfterAbort). There, and on SQLite,
// the batch runs one statement at a time, each checked as it runs; the
// use case's reads then take no row locks (batching()).

// writeBatch is the writes of one run of a transaction, in order.
type writeBatch struct {
	stmts []batchStmt
	// ids holds the id each statement's INSERT made (0 for other
	// statements), once it ran.
	ids []int64
	// sent counts the statements already run (runEach); last is the
	// latest id they inserted.
	sent int
	last int64
}

type batchStmt struct {
	query string
	args  []any
	// refused, when set, is asked for the error when the statement
	// changed no row. It is asked only where statements run one by one:
	// a batch sent whole was decided under the reads' row locks.
	refused func(tx *txDB) error
}

// insertedID is an argument that stands for the id made by the batch's
// latest INSERT before the statement: LAST_INSERT_ID() on MySQL.
type insertedID struct{}

// exec queues a statement and returns its index, for insertedIDOf.
func (b *writeBatch) exec(query string, args ...any) int {
	b.stmts = append(b.stmts, batchStmt{query: query, args: args})
	return len(b.stmts) - 1
}

// execChecked queues a statement that must change a row, and the error
// refused gives when it changed none (see batchStmt).
func (b *writeBatch) execChecked(refused func(tx *txDB) error, query string, args ...any) int {
	b.stmts = append(b.stmts, batchStmt{query: query, args: args, refused: refused})
	return len(b.stmts) - 1
}

// batching reports whether writes are sent with their COMMIT as one query
// (MySQL, but not a Galera node). Use cases lock the rows they read
// (FOR UPDATE) when it is so, because the batch is then decided in Go on
// those rows alone.
func (s *Service) batching() bool {
	return s.db.Dialect == migrations.MySQL && !s.db.galera
}

// insertedIDOf returns the id the k-th statement's INSERT made, once it
// ran (runEach, or the commit).
func (b *writeBatch) insertedIDOf(k int) int64 {
	if k < len(b.ids) {
		return b.ids[k]
	}
	return 0
}

// inTxBatch runs fn as inTx does, then its batch, and commits. fn may run
// more than once (inTx); done is called with the batch that committed.
func (s *Service) inTxBatch(ctx context.Context, fn func(tx *txDB, b *writeBatch) error, done func(b *writeBatch)) error {
	return retryWrite(ctx, false, func() error {
		var b writeBatch
		var err error
		if s.batching() {
			err = s.runTxBatchMySQL(ctx, fn, &b)
		} else {
			err = s.runTx(ctx, func(tx *txDB) error {
				if err := fn(tx, &b); err != nil {
					return err
				}
				return b.runEach(tx)
			})
		}
		if err == nil && done != nil {
			done(&b)
		}
		return err
	})
}

// runEach runs the statements queued and not yet run, one at a time in
// tx: the whole batch where there is no batching, or what a use case must
// see written before it goes on (a row's id that Go needs).
func (b *writeBatch) runEach(tx *txDB) error {
	for ; b.sent < len(b.stmts); b.sent++ {
		st := b.stmts[b.sent]
		args := make([]any, len(st.args))
		for i, a := range st.args {
			if _, ok := a.(insertedID); ok {
				a = b.last
			}
			args[i] = a
		}
		res, err := execDirect(tx, st.query, args...)
		if err != nil {
			return err
		}
		if st.refused != nil {
			if n, err := res.RowsAffected(); err != nil {
				return err
			} else if n == 0 {
				return st.refused(tx)
			}
		}
		if isInsert(st.query) {
			if b.last, err = res.LastInsertId(); err != nil {
				return err
			}
			b.setID(b.sent, b.last)
		}
	}
	return nil
}

func (b *writeBatch) setID(k int, id int64) {
	for len(b.ids) <= k {
		b.ids = append(b.ids, 0)
	}
	b.ids[k] = id
}

// runTxBatchMySQL is one run of the transaction on MySQL, on a connection
// of its own: START TRANSACTION sent with fn's first statement, fn's other
// statements, then the batch and COMMIT in one multi-statement round trip.
func (s *Service) runTxBatchMySQL(ctx context.Context, fn func(tx *txDB, b *writeBatch) error, b *writeBatch) error {
	conn, err := s.db.SQL.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	begun := &beginFirst{conn: conn}
	open := true
	defer func() {
		if !open || !begun.begun {
			return
		}
		// A connection must never go back to the pool inside a
		// transaction: if ROLLBACK fails, it is closed instead.
		if _, err := conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK"); err != nil {
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	tx := &txDB{DB: s.db.Gorm.Session(&gorm.Session{NewDB: true, Context: ctx}), now: s.now()}
	tx.Statement.ConnPool = begun
	if err := fn(tx, b); err != nil {
		return err
	}
	query, args := b.multiStatement()
	skip := 0         // answers before the batch's own
	if !begun.begun { // fn read nothing: the batch is the transaction
		query = "START TRANSACTION;\n" + query
		begun.begun = true
		skip = 1
	}
	err = conn.Raw(func(dc any) error {
		named := make([]driver.NamedValue, len(args))
		for i, a := range args {
			named[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
			if err := dc.(driver.NamedValueChecker).CheckNamedValue(&named[i]); err != nil {
				return err
			}
		}
		res, err := dc.(driver.ExecerContext).ExecContext(ctx, query, named)
		if err != nil {
			return err
		}
		ids := res.(mysqldriver.Result).AllLastInsertIds()[skip:]
		for k, st := range b.stmts[b.sent:] {
			if k < len(ids) && isInsert(st.query) {
				b.setID(b.sent+k, ids[k])
			}
		}
		b.sent = len(b.stmts)
		return nil
	})
	if err == nil {
		open = false
		return nil
	}
	var my *mysqldriver.MySQLError
	if !errors.As(err, &my) && DatabaseUnavailable(err) {
		// Lost on the way: the COMMIT at its end may have run.
		open = false
		_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		return &commitUnknownError{err}
	}
	// The server refused a statement: it ran none after it, the COMMIT
	// included; the deferred ROLLBACK ends the transaction.
	return translateError(tx.DB, err)
}

// multiStatement is the statements not yet run and COMMIT as one query,
// with insertedID arguments written in as LAST_INSERT_ID(), or as the id
// last inserted by runEach when no INSERT of the query precedes them.
func (b *writeBatch) multiStatement() (string, []any) {
	var q strings.Builder
	var args []any
	inserted := false
	for _, st := range b.stmts[b.sent:] {
		k := 0
		for i := 0; i < len(st.query); i++ {
			c := st.query[i]
			if c == '?' && k < len(st.args) {
				if _, ok := st.args[k].(insertedID); ok {
					k++
					if inserted {
						q.WriteString("LAST_INSERT_ID()")
						continue
					}
					args = append(args, b.last)
					q.WriteByte(c)
					continue
				}
				args = append(args, st.args[k])
				k++
			}
			q.WriteByte(c)
		}
		q.WriteString(";\n")
		inserted = inserted || isInsert(st.query)
	}
	q.WriteString("COMMIT")
	return q.String(), args
}

func isInsert(query string) bool {
	return strings.HasPrefix(strings.TrimSpace(strings.ToUpper(query[:min(len(query), 16)])), "INSERT")
}

// beginFirst is a connection whose first statement is sent with START
// TRANSACTION before it, as one query: the transaction's first read costs
// no round trip of its own. The driver skips the START TRANSACTION's empty
// answer, so the caller reads its statement's rows or result as usual.
type beginFirst struct {
	conn  *sql.Conn
	begun bool
}

func (c *beginFirst) first(query string) string {
	if c.begun {
		return query
	}
	c.begun = true
	return "START TRANSACTION;\n" + query
}

func (c *beginFirst) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	if !c.begun {
		if _, err := c.conn.ExecContext(ctx, c.first("DO 0")); err != nil {
			return nil, err
		}
	}
	return c.conn.PrepareContext(ctx, query)
}

func (c *beginFirst) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return c.conn.ExecContext(ctx, c.first(query), args...)
}

func (c *beginFirst) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return c.conn.QueryContext(ctx, c.first(query), args...)
}

func (c *beginFirst) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return c.conn.QueryRowContext(ctx, c.first(query), args...)
}
