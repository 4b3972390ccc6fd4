package migrations

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	mysqldriver "github.com/go-sql-driver/mysql"
)

// leaseLock is goose's session locker on MySQL: a row of migration_locks,
// held for a lease that its holder renews while it migrates.
//
// It replaces GET_LOCK, which belongs to one server: on a Galera cluster
// two processes starting on two nodes were both granted it, and raced to
// create the same tables. A row is replicated like any write; two
// processes taking it at once on two nodes conflict at certification, and
// the loser (error 1213) tries again and finds the row held. A crashed
// holder cannot release it: its lease runs out instead, after leaseFor,
// and the next process takes the row over.
//
// The lock is taken and renewed on connections of its own from the pool,
// never on goose's (which may be inside a migration's transaction), and
// times are the database's clock (UTC_TIMESTAMP), the same for every
// process whatever its own clock says.
type leaseLock struct {
	db     *sql.DB
	name   string
	holder string
	wait   time.Duration

	mu   sync.Mutex
	stop chan struct{}
	done chan struct{}
}

// leaseFor is how long a taken lock lasts unless renewed; it is renewed
// every leaseFor/4 while held, so a slow migration keeps it and a crashed
// holder blocks the others for at most leaseFor.
var leaseFor = 60 * time.Second

// lockWait bounds how long a starting process waits for another one to
// finish migrating before it gives up with an error.
const lockWait = 5 * time.Minute

func newLeaseLock(db *sql.DB, name string) *leaseLock {
	b := make([]byte, 8)
	rand.Read(b)
	host, _ := os.Hostname()
	holder := fmt.Sprintf("%.80s/%d/%s", host, os.Getpid(), hex.EncodeToString(b))
	return &leaseLock{db: db, name: name, holder: holder, wait: lockWait}
}

const createLockTable = `CREATE TABLE IF NOT EXISTS migration_locks (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    name       VARCHAR(64)  NOT NULL,
    holder     VARCHAR(128) NOT NULL,
    expires_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_migration_locks_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`

// take inserts the row, or takes over a row whose lease has run out, or
// renews a row this holder has, in one statement. MySQL applies the
// assignments in order: holder is decided first, and expires_at moves
// only if the row is (now) this holder's.
const take = `INSERT INTO migration_locks (name, holder, expires_at)
VALUES (?, ?, UTC_TIMESTAMP(6) + INTERVAL ? MICROSECOND)
ON DUPLICATE KEY UPDATE
    holder = IF(expires_at < UTC_TIMESTAMP(6), VALUES(holder), holder),
    expires_at = IF(holder = VALUES(holder), VALUES(expires_at), expires_at)`

func (l *leaseLock) SessionLock(ctx context.Context, _ *sql.Conn) error {
	if _, err := l.db.ExecContext(ctx, createLockTable); err != nil {
		return fmt.Errorf("migration lock table: %w", err)
	}
	deadline := time.Now().Add(l.wait)
	for {
		got, err := l.try(ctx)
		if err != nil && !retryable(err) {
			return fmt.Errorf("migration lock %s: %w", l.name, err)
		}
		if got {
			l.mu.Lock()
			l.stop, l.done = make(chan struct{}), make(chan struct{})
			go l.renew(l.stop, l.done)
			l.mu.Unlock()
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("migration lock %s: not granted within %s (another process is migrating)", l.name, l.wait)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// try takes the row if it is free or expired, and reports whether this
// holder has it.
func (l *leaseLock) try(ctx context.Context) (bool, error) {
	if _, err := l.db.ExecContext(ctx, take, l.name, l.holder, leaseFor.Microseconds()); err != nil {
		return false, err
	}
	var holder string
	err := l.db.QueryRowContext(ctx, "SELECT holder FROM migration_locks WHERE name = ?", l.name).Scan(&holder)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil // released in between: the next try takes it
	}
	return holder == l.holder, err
}

// renew extends the lease until stop closes. A renewal that finds the row
// taken over (this process stalled beyond its lease) cannot undo that;
// goose's version table then refuses the second run of a migration.
func (l *leaseLock) renew(stop, done chan struct{}) {
	defer close(done)
	t := time.NewTicker(leaseFor / 4)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), leaseFor/4)
			l.db.ExecContext(ctx, "UPDATE migration_locks SET expires_at = UTC_TIMESTAMP(6) + INTERVAL ? MICROSECOND WHERE name = ? AND holder = ?",
				leaseFor.Microseconds(), l.name, l.holder)
			cancel()
		}
	}
}

func (l *leaseLock) SessionUnlock(ctx context.Context, _ *sql.Conn) error {
	l.mu.Lock()
	if l.stop != nil {
		close(l.stop)
		<-l.done
		l.stop = nil
	}
	l.mu.Unlock()
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		_, err = l.db.ExecContext(ctx, "DELETE FROM migration_locks WHERE name = ? AND holder = ?", l.name, l.holder)
		if err == nil || !retryable(err) {
			break
		}
		time.Sleep(time.Duration(attempt+1) * 20 * time.Millisecond)
	}
	return err
}

// retryable: a deadlock or certification conflict (1213), a lock wait
// (1205), or a node lost meanwhile; the statement is tried again.
func retryable(err error) bool {
	var my *mysqldriver.MySQLError
	if errors.As(err, &my) {
		switch my.Number {
		case 1213, 1205, 1047, 1053:
			return true
		}
	}
	return errors.Is(err, mysqldriver.ErrInvalidConn)
}
