package lab

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"gorm.io/gorm"
)

// The statements every booking runs (and every audit row) go to the
// transaction's database/sql handle directly, past GORM's statement
// builder: measured on MariaDB at a million women, GORM's building,
// reflection and callbacks were about a sixth of the server's CPU a
// booking, for statements whose text never changes (docs/performance.md
// §4). So are the rows of the follow-up queue's page (casePage), where
// GORM's reflection per row and column was a third of the server's CPU.
// Everything else keeps GORM. The SQL
// here is the same on both dialects: plain column names and ?
// placeholders.

// The direct statements take a *txDB, never a *gorm.DB: they run on the
// transaction's connection and see nothing a GORM chain would add, so a
// handle carrying conditions (tx.Where(...), tx.Clauses(...): a *gorm.DB)
// cannot be passed to them and have its conditions silently dropped. It
// does not compile. Reads on the pool go through queryPool.

// execDirect runs a statement in the transaction, with GORM's error
// translation (a duplicate key is still gorm.ErrDuplicatedKey).
func execDirect(tx *txDB, query string, args ...any) (sql.Result, error) {
	res, err := tx.Statement.ConnPool.ExecContext(tx.Statement.Context, query, args...)
	return res, translateError(tx.DB, err)
}

// queryRowDirect reads one row in the transaction; its Scan gives
// sql.ErrNoRows when there is none.
func queryRowDirect(tx *txDB, query string, args ...any) *sql.Row {
	return tx.Statement.ConnPool.QueryRowContext(tx.Statement.Context, query, args...)
}

// queryDirect reads rows in the transaction. The caller closes the rows.
func queryDirect(tx *txDB, query string, args ...any) (*sql.Rows, error) {
	return tx.Statement.ConnPool.QueryContext(tx.Statement.Context, query, args...)
}

// queryRowOn reads one row into dest on db's connection, a transaction's
// or the pool's, for a read helper that serves both. db must be a plain
// handle: one that carries a query's conditions is refused with an error,
// since a statement run past GORM could not apply them. Its Scan gives
// sql.ErrNoRows when there is none.
func queryRowOn(db *gorm.DB, dest []any, query string, args ...any) error {
	if err := plainHandle(db); err != nil {
		return err
	}
	return db.Statement.ConnPool.QueryRowContext(db.Statement.Context, query, args...).Scan(dest...)
}

// plainHandle refuses a handle that carries anything a GORM chain adds to
// a query (conditions, a table, joins, a selection).
func plainHandle(db *gorm.DB) error {
	st := db.Statement
	if len(st.Clauses) > 0 || st.Table != "" || st.Model != nil || len(st.Joins) > 0 ||
		len(st.Selects) > 0 || len(st.Omits) > 0 || len(st.Preloads) > 0 || st.SQL.Len() > 0 {
		return errors.New("a statement run past GORM was given a handle carrying a query's conditions, which it cannot apply")
	}
	return nil
}

// queryPool reads rows outside any transaction, on the pool. The caller
// closes the rows.
func (s *Service) queryPool(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return s.db.SQL.QueryContext(ctx, query, args...)
}

// placeholders is "?, ?, ?" for n values, the inside of an IN list.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

// translateError is what GORM's TranslateError does to a statement's
// error, for the statements run past it.
func translateError(db *gorm.DB, err error) error {
	if err == nil {
		return nil
	}
	if t, ok := db.Dialector.(gorm.ErrorTranslator); ok {
		return t.Translate(err)
	}
	return err
}

// InListMax is the most values an "IN (…)" list holds. MariaDB turns a
// list of in_predicate_conversion_threshold (1,000) values or more into a
// derived table joined to the query, another plan than the plain list's;
// with a freshly bulk-loaded table's statistics it read all 5.7 million
// results for each chunk of 1,000 samples (EXPLAIN: type ALL). The seed
// analyzes its tables (loadgen.analyze), so lists stay plain.
const InListMax = 500

// Chunks splits ids into lists of at most n.
func Chunks[T any](ids []T, n int) [][]T {
	var out [][]T
	for len(ids) > 0 {
		k := min(n, len(ids))
		out = append(out, ids[:k])
		ids = ids[k:]
	}
	return out
}
