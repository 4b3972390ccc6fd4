package loadgen

import (
	"context"
	"database/sql"
	"strings"

	"torchlab/migrations"
)

// table collects rows of one table for multi-row INSERTs.
type table struct {
	name string
	cols []string
	args []any
	rows int
}

func newTable(name string, cols ...string) *table { return &table{name: name, cols: cols} }

func (t *table) add(vals ...any) {
	if len(vals) != len(t.cols) {
		panic("loadgen: " + t.name + ": wrong number of values")
	}
	t.args = append(t.args, vals...)
	t.rows++
}

// batch is a unit of work the generator hands the writer: rows of several
// tables, inserted in this order in one transaction.
type batch struct {
	tables []*table
	rows   int
}

// writer inserts batches through one connection, many rows per statement.
type writer struct {
	conn    *sql.Conn
	dialect migrations.Dialect
	// perStmt caps the rows of one INSERT: SQLite takes at most 32,766
	// parameters in a statement; MySQL's limit is the packet size.
	perStmt int
	rows    int64
}

func (w *writer) write(ctx context.Context, b *batch) error {
	tx, err := w.conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, t := range b.tables {
		if err := w.insert(ctx, tx, t); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	w.rows += int64(b.rows)
	return nil
}

func (w *writer) insert(ctx context.Context, tx *sql.Tx, t *table) error {
	n := len(t.cols)
	per := w.perStmt
	if w.dialect == migrations.SQLite && per*n > 32000 {
		per = 32000 / n
	}
	rowMarks := "(" + strings.TrimSuffix(strings.Repeat("?,", n), ",") + ")"
	head := "INSERT INTO " + t.name + " (" + strings.Join(t.cols, ", ") + ") VALUES "
	for start := 0; start < t.rows; start += per {
		k := min(per, t.rows-start)
		var sb strings.Builder
		sb.Grow(len(head) + k*(len(rowMarks)+1))
		sb.WriteString(head)
		for i := 0; i < k; i++ {
			if i > 0 {
				sb.WriteByte(',')
			}
			sb.WriteString(rowMarks)
		}
		if _, err := tx.ExecContext(ctx, sb.String(), t.args[start*n:(start+k)*n]...); err != nil {
			return err
		}
	}
	return nil
}
