package lab

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"torchlab/migrations"
)

// takeAccession takes the next accession code in a statement of its own,
// before the collection's transaction. The sequence is one row that every
// collection of every station updates, and its lock lasts until the
// statement's transaction ends: taken inside the collection, it made all
// collections wait for each other (measured under load at a million women:
// 260 ms a wait on average). In a short transaction of its own (update,
// read, commit) the lock still spanned two round trips, and the waits were
// 27 ms on average under a busy mix: the process holding it had to be
// given the CPU again to send the rest. Now one auto-committed statement
// increments and returns the number (LAST_INSERT_ID(expr) on MySQL,
// RETURNING on SQLite), and the row is locked only inside the database.
// CollectSample checks before taking one; a collection that still fails
// (it lost a race) leaves an unused number, a gap that means nothing
// (codes are not counted).
func (s *Service) takeAccession(ctx context.Context) (string, error) {
	var n int64
	// A retry after a lost answer may skip a number: a gap means nothing.
	err := retryStatement(ctx, func() error {
		var err error
		n, err = s.nextSequenceValue(ctx, "accession")
		return err
	})
	if err != nil {
		return "", err
	}
	return FormatAccession(n)
}

// nextSequenceValue increments a row of sequences and returns its new
// value, in one statement: two processes never get the same value.
func (s *Service) nextSequenceValue(ctx context.Context, name string) (int64, error) {
	var n int64
	switch s.db.Dialect {
	case migrations.MySQL:
		res, err := s.db.SQL.ExecContext(ctx, "UPDATE sequences SET value = LAST_INSERT_ID(value + 1) WHERE name = ?", name)
		if err != nil {
			return 0, err
		}
		if rows, err := res.RowsAffected(); err != nil || rows != 1 {
			return 0, fmt.Errorf("the %s sequence is missing (%d rows, %v)", name, rows, err)
		}
		if n, err = res.LastInsertId(); err != nil {
			return 0, err
		}
	default:
		err := s.db.SQL.QueryRowContext(ctx, "UPDATE sequences SET value = value + 1 WHERE name = ? RETURNING value", name).Scan(&n)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, fmt.Errorf("the %s sequence is missing", name)
		}
		if err != nil {
			return 0, err
		}
	}
	return n, nil
}
