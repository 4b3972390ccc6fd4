package lab

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// A use case that must read several tables before it decides costs a
// round trip per SELECT on MySQL. readAll sends them as one
// multi-statement query there and reads each answer in turn (its first
// read also carries START TRANSACTION: beginFirst), so that the reads of
// a release are one round trip (docs/performance.md, "Round trips").
// Elsewhere the SELECTs run one by one: SQLite runs one statement a call,
// and on a Galera node a transaction aborted by another node's write
// in the middle of a multi-statement query would have its remaining
// statements run outside it (write_batch.go).

// readStep is one SELECT of a readAll and what takes each of its rows.
type readStep struct {
	query string
	args  []any
	row   func(tx *txDB, rows *sql.Rows) error
}

// into is a readStep that appends each row, scanned by GORM into a T
// (columns by the model's names), to out.
func into[T any](out *[]T, query string, args ...any) readStep {
	return readStep{query: query, args: args, row: func(tx *txDB, rows *sql.Rows) error {
		var v T
		switch any(&v).(type) {
		case *int64, *string, *bool:
			// GORM's ScanRows would read every remaining row into one.
			if err := rows.Scan(&v); err != nil {
				return err
			}
		default:
			if err := tx.ScanRows(rows, &v); err != nil {
				return err
			}
			// ScanRows runs no callbacks: what a model fills after a
			// find (Followup's next action) is filled here.
			if f, ok := any(&v).(interface{ AfterFind(*gorm.DB) error }); ok {
				if err := f.AfterFind(tx.DB); err != nil {
					return err
				}
			}
		}
		*out = append(*out, v)
		return nil
	}}
}

// readAll runs the steps in order in tx, together when together is set.
func readAll(tx *txDB, together bool, steps ...readStep) error {
	if !together {
		for _, st := range steps {
			if err := readStepRows(tx, st); err != nil {
				return err
			}
		}
		return nil
	}
	queries := make([]string, len(steps))
	var args []any
	for i, st := range steps {
		queries[i] = st.query
		args = append(args, st.args...)
	}
	rows, err := queryDirect(tx, strings.Join(queries, ";\n"), args...)
	if err != nil {
		return translateError(tx.DB, err)
	}
	defer rows.Close()
	for i, st := range steps {
		if i > 0 && !rows.NextResultSet() {
			if err := rows.Err(); err != nil {
				return translateError(tx.DB, err)
			}
			return fmt.Errorf("read %d of %d gave no answer", i+1, len(steps))
		}
		if err := scanEach(tx, rows, st); err != nil {
			return err
		}
	}
	return translateError(tx.DB, rows.Close())
}

func readStepRows(tx *txDB, st readStep) error {
	rows, err := queryDirect(tx, st.query, st.args...)
	if err != nil {
		return translateError(tx.DB, err)
	}
	defer rows.Close()
	if err := scanEach(tx, rows, st); err != nil {
		return err
	}
	return translateError(tx.DB, rows.Close())
}

func scanEach(tx *txDB, rows *sql.Rows, st readStep) error {
	for rows.Next() {
		if err := st.row(tx, rows); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return translateError(tx.DB, err)
	}
	return nil
}
