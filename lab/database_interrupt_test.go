package lab_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"torchlab/lab"
	"torchlab/lab/labtest"
)

// A statement whose context ends while it runs is told apart from a fault:
// SQLite's driver answers it with SQLITE_INTERRUPT, not the context's error.
func TestInterruptedStatement(t *testing.T) {
	db, slow := labtest.SlowSQLiteStatement(t)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := db.SQL.ExecContext(ctx, slow)
	if err == nil || errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("the driver answered %v, where SQLite's interrupt was expected", err)
	}
	if !lab.Interrupted(err) {
		t.Errorf("SQLite's interrupt (%v) is not read as interrupted", err)
	}
	for _, err := range []error{context.Canceled, context.DeadlineExceeded} {
		if !lab.Interrupted(err) {
			t.Errorf("%v is not read as interrupted", err)
		}
	}
	if lab.Interrupted(errors.New("no such table: u")) {
		t.Error("another error is read as interrupted")
	}
}
