package lab

import (
	"database/sql"
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

// execDirect runs a statement in the transaction, with GORM's error
// translation (a duplicate key is still gorm.ErrDuplicatedKey).
func execDirect(tx *txDB, query string, args ...any) (sql.Result, error) {
	res, err := tx.Statement.ConnPool.ExecContext(tx.Statement.Context, query, args...)
	return res, translateError(tx, err)
}

// queryRowDirect reads one row in the transaction; its Scan gives
// sql.ErrNoRows when there is none.
func queryRowDirect(tx *txDB, query string, args ...any) *sql.Row {
	return tx.Statement.ConnPool.QueryRowContext(tx.Statement.Context, query, args...)
}

// queryDirect reads rows on db's connection (a transaction's, or the
// pool's) with db's context; any conditions chained on db are not used.
// The caller closes the rows.
func queryDirect(db *gorm.DB, query string, args ...any) (*sql.Rows, error) {
	return db.Statement.ConnPool.QueryContext(db.Statement.Context, query, args...)
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
func translateError(tx *txDB, err error) error {
	if err == nil {
		return nil
	}
	if t, ok := tx.Dialector.(gorm.ErrorTranslator); ok {
		return t.Translate(err)
	}
	return err
}
