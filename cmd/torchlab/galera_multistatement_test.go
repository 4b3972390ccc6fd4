package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"testing"
	"time"
)

// TestGaleraMultiStatementAfterAbort shows why torchlab never sends a
// transaction's writes as one multi-statement query to a Galera node
// (lab/write_batch.go). A transaction on node 1 updates a row that node 2
// updates at the same moment, then sends two INSERTs as one query and
// commits. Run 40 times each with the COMMIT in the query and apart, on
// MariaDB 10.11 with galera-4 it sometimes answers OK although the update
// was rolled back, and the two INSERTs are in the table: after the abort
// the node ran the rest of the query outside the transaction. It counts
// and logs such runs and asserts nothing about them, as what it shows is
// the server's behaviour; it fails if a run's outcome cannot be read.
// TORCHLAB_TEST_GALERA_PROBE=1 runs it (about a minute; not in .ci/run).
func TestGaleraMultiStatementAfterAbort(t *testing.T) {
	if os.Getenv("TORCHLAB_TEST_GALERA_PROBE") != "1" {
		t.Skip("TORCHLAB_TEST_GALERA_PROBE=1 runs the Galera multi-statement probe")
	}
	cl := startCluster(t)
	open := func(n *galeraNode) *sql.DB {
		db, err := sql.Open("mysql", fmt.Sprintf("root@tcp(127.0.0.1:%d)/probe?multiStatements=true&interpolateParams=true", n.port))
		if err != nil {
			t.Fatal(err)
		}
		return db
	}
	setup := cl[0].open(t, "")
	for _, q := range []string{"CREATE DATABASE probe", "CREATE TABLE probe.t (id INT PRIMARY KEY, v INT) ENGINE=InnoDB",
		"CREATE TABLE probe.u (id INT AUTO_INCREMENT PRIMARY KEY, x INT) ENGINE=InnoDB", "INSERT INTO probe.t VALUES (1, 0)"} {
		if _, err := setup.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	time.Sleep(500 * time.Millisecond)
	a, b := open(cl[0]), open(cl[1])
	ctx := context.Background()
	for _, withCommit := range []bool{true, false} {
		anomalies, conflicts, clean := 0, 0, 0
		for round := 1; round <= 40; round++ {
			var before int
			if err := a.QueryRow("SELECT v FROM t WHERE id = 1").Scan(&before); err != nil {
				t.Fatal(err)
			}
			conn, _ := a.Conn(ctx)
			conn.ExecContext(ctx, "START TRANSACTION")
			if _, err := conn.ExecContext(ctx, "UPDATE t SET v = v + 1 WHERE id = 1"); err != nil {
				t.Fatal(err)
			}
			done := make(chan struct{})
			go func() { b.Exec("UPDATE t SET v = v + 100 WHERE id = 1"); close(done) }()
			time.Sleep(time.Duration(round%5) * time.Millisecond)
			x := round * 10
			if !withCommit {
				x += 1000
			}
			q := fmt.Sprintf("INSERT INTO u (x) VALUES (%d); INSERT INTO u (x) VALUES (%d)", x+1, x+2)
			if withCommit {
				q += "; COMMIT"
			}
			_, err := conn.ExecContext(ctx, q)
			if err == nil && !withCommit {
				_, err = conn.ExecContext(ctx, "COMMIT")
			}
			if err != nil {
				conn.ExecContext(ctx, "ROLLBACK")
			}
			conn.Close()
			<-done
			time.Sleep(100 * time.Millisecond)
			var rows, v int
			if err := a.QueryRow("SELECT COUNT(*) FROM u WHERE x IN (?, ?)", x+1, x+2).Scan(&rows); err != nil {
				t.Fatal(err)
			}
			if err := a.QueryRow("SELECT v FROM t WHERE id = 1").Scan(&v); err != nil {
				t.Fatal(err)
			}
			ours := v - before - 100 // 1 if our update committed, 0 if not
			switch {
			case err == nil && ours == 1 && rows == 2: // committed whole
				clean++
			case err != nil && ours == 0 && rows == 0: // refused whole
				conflicts++
			default:
				anomalies++
				t.Logf("commit in batch %v round %d: err %v, our update %d, our rows %d", withCommit, round, err, ours, rows)
			}
		}
		t.Logf("commit in batch %v: clean %d, refused %d, anomalies %d", withCommit, clean, conflicts, anomalies)
	}
}
