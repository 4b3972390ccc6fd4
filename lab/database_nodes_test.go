package lab

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"net"
	"reflect"
	"testing"
	"time"

	mysqldriver "github.com/go-sql-driver/mysql"
)

// The driver reads tcp(h1:3306,h2:3306) as one host "[h1:3306,h2:3306]:3306";
// torchlab splits the list into the cluster's nodes.
func TestParseClusterDSN(t *testing.T) {
	cases := []struct {
		url, first string
		nodes      []string
	}{
		{"mysql://app:pw@tcp(db1:3306,db2:3307,db3)/torchlab?timeout=2s",
			"app:pw@tcp(db1:3306)/torchlab?timeout=2s", []string{"db1:3306", "db2:3307", "db3:3306"}},
		{"mysql://root@tcp(127.0.0.1:3306)/test", "root@tcp(127.0.0.1:3306)/test", []string{"127.0.0.1:3306"}},
		{"mysql://root@tcp([::1]:3306, [::1]:3307)/test", "root@tcp([::1]:3306)/test", []string{"[::1]:3306", "[::1]:3307"}},
	}
	for _, c := range cases {
		dialect, dsn, err := ParseDatabaseURL(c.url)
		if err != nil || dialect != "mysql" {
			t.Fatalf("%s: %v %v", c.url, dialect, err)
		}
		cfg, nodes, err := mysqlConfig(dsn)
		if err != nil {
			t.Fatalf("%s: %v", c.url, err)
		}
		if !reflect.DeepEqual(nodes, c.nodes) || cfg.Addr != c.nodes[0] || cfg.DBName == "" {
			t.Errorf("%s: nodes %q, addr %q, db %q; want %q", c.url, nodes, cfg.Addr, cfg.DBName, c.nodes)
		}
		if first, _, _ := splitNodes(dsn); first != c.first {
			t.Errorf("%s: driver DSN %q; want %q", c.url, first, c.first)
		}
	}
	for _, bad := range []string{"mysql://root@tcp(db1:3306,,db2)/x", "mysql://root@tcp(db1:3306/x", "mysql://root@tcp(db1,db2)/"} {
		if _, _, err := ParseDatabaseURL(bad); err == nil {
			t.Errorf("%s: accepted", bad)
		}
	}
}

// A process keeps to the node that answered and, when it stops answering,
// dials the next; a node that says it cannot serve is left for the next.
func TestNodeConnectorFailsOver(t *testing.T) {
	// Three ports: the first and third refuse (nothing listens).
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	dead := func() string {
		l, _ := net.Listen("tcp", "127.0.0.1:0")
		a := l.Addr().String()
		l.Close()
		return a
	}
	cfg := mysqldriver.NewConfig()
	cfg.Timeout = time.Second
	addrs := []string{dead(), dead()}
	c, err := newNodeConnector(cfg, addrs)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Connect(context.Background())
	var op *net.OpError
	if err == nil || !errors.As(err, &op) || !DatabaseUnavailable(err) {
		t.Fatalf("no node answers: %v", err)
	}
	c.leave(0)
	if got := c.preferred.Load(); got != 1 {
		t.Fatalf("after node 0 left, preferred %d", got)
	}
	c.leave(0) // node 0 is no longer preferred: nothing changes
	if got := c.preferred.Load(); got != 1 {
		t.Fatalf("preferred %d", got)
	}
	if !nodeUnusable(&mysqldriver.MySQLError{Number: 1047}) || nodeUnusable(&mysqldriver.MySQLError{Number: 1213}) {
		t.Fatal("1047 must mark a node unusable, 1213 must not")
	}
}

// A lock conflict is retried and counted; a connection lost before COMMIT
// is retried; one lost during COMMIT is not (the change may be saved) and
// answers unavailable, as does a database that stays away.
func TestRetryWrite(t *testing.T) {
	ctx := context.Background()
	conflict := &mysqldriver.MySQLError{Number: 1213, Message: "Deadlock found when trying to get lock"}
	runs := 0
	before, _ := RetryCounts()
	err := retryWrite(ctx, false, func() error {
		if runs++; runs < 3 {
			return fmt.Errorf("commit: %w", conflict)
		}
		return nil
	})
	if after, _ := RetryCounts(); err != nil || runs != 3 || after-before != 2 {
		t.Fatalf("conflicts: err %v after %d runs, %d counted", err, runs, after-before)
	}

	runs = 0
	err = retryWrite(ctx, false, func() error {
		if runs++; runs == 1 {
			return mysqldriver.ErrInvalidConn
		}
		return nil
	})
	if err != nil || runs != 2 {
		t.Fatalf("lost before commit: err %v after %d runs", err, runs)
	}

	runs = 0
	err = retryWrite(ctx, false, func() error {
		runs++
		return &commitUnknownError{driver.ErrBadConn}
	})
	if runs != 1 || ErrorCode(err) != CodeUnavailable {
		t.Fatalf("lost during commit: %v after %d runs", err, runs)
	}

	runs = 0
	err = retryWrite(ctx, false, func() error {
		runs++
		return &mysqldriver.MySQLError{Number: 1452, Message: "Cannot add or update a child row: a foreign key constraint fails"}
	})
	if runs != 1 || ErrorCode(err) != CodeInternal {
		t.Fatalf("a refusal is not retried: %v after %d runs", err, runs)
	}

	// A node cut off from the primary component while committing: the
	// commit was rolled back, so the transaction runs again (on another
	// node); any other error during COMMIT is not retried.
	runs = 0
	cutOff := &mysqldriver.MySQLError{Number: 1180, Message: "Error while appending streaming replication fragment(provider status: Not connected to Primary Component)"}
	err = retryWrite(ctx, false, func() error {
		if runs++; runs == 1 {
			return cutOff
		}
		return nil
	})
	if err != nil || runs != 2 {
		t.Fatalf("cut off from the primary component at commit: err %v after %d runs", err, runs)
	}
	runs = 0
	err = retryWrite(ctx, false, func() error {
		runs++
		return &mysqldriver.MySQLError{Number: 1180, Message: "Got error 28 \"No space left on device\" during COMMIT"}
	})
	if runs != 1 || ErrorCode(err) != CodeInternal {
		t.Fatalf("another error during commit is not retried: %v after %d runs", err, runs)
	}

	short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	err = retryWrite(short, false, func() error {
		return &mysqldriver.MySQLError{Number: 1047, Message: "WSREP has not yet prepared node for application use"}
	})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a node that never comes back, until the request ends: %v", err)
	}
}

// An unexpected duplicate (on Galera, a row another node committed while
// this transaction ran) is run again twice at most; a domain refusal never.
func TestRetryUnexpectedDuplicate(t *testing.T) {
	dup := &mysqldriver.MySQLError{Number: 1062, Message: "Duplicate entry"}
	runs := 0
	err := retryWrite(context.Background(), false, func() error { runs++; return dup })
	if runs != 1+duplicateRetries || !errors.Is(err, dup) {
		t.Fatalf("a duplicate that recurs: %v after %d runs", err, runs)
	}
	runs = 0
	err = retryWrite(context.Background(), false, func() error {
		if runs++; runs == 1 {
			return dup
		}
		return Errorf(CodeInvalidState, "already released")
	})
	if runs != 2 || ErrorCode(err) != CodeInvalidState {
		t.Fatalf("a duplicate, then the state seen: %v after %d runs", err, runs)
	}
	runs = 0
	err = retryWrite(context.Background(), false, func() error { runs++; return Errorf(CodeDuplicateNationID, "registered") })
	if runs != 1 {
		t.Fatalf("a domain refusal ran %d times", runs)
	}
}
