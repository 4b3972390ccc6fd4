package lab_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"torchlab/lab"
)

// A statement whose context ends while it runs is told apart from a fault:
// SQLite's driver answers it with SQLITE_INTERRUPT, not the context's error.
func TestInterruptedStatement(t *testing.T) {
	db, err := lab.OpenDatabase("sqlite:"+filepath.Join(t.TempDir(), "t.db"), lab.DefaultPool)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.SQL.Exec(`CREATE TABLE t (x INTEGER);
		WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000) INSERT INTO t SELECT x FROM c`); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	// Nine million rows: seconds of work, stopped after 50 ms.
	_, err = db.SQL.ExecContext(ctx, "CREATE TABLE u AS SELECT a.x FROM t AS a, t AS b")
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
