package lab

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"math/rand/v2"
	"net"
	"sync/atomic"
	"time"

	mysqldriver "github.com/go-sql-driver/mysql"
)

// Every write of the service is one transaction run by inTx, which runs it
// again when the database refused it without saving anything:
//
//   - a lock conflict: a deadlock (1213; on Galera also a write that lost
//     certification to another node's, refused at COMMIT) or a lock wait
//     timeout (1205), retried at once with short, jittered pauses; and, twice
//     at most, a unique key broken unexpectedly (see retryWrite);
//   - a lost node: the connection broke, or the node answered that it cannot
//     serve (1047 outside the primary component, 1053 shutting down), before
//     COMMIT was sent. The server rolled the transaction back; it is run
//     again on a fresh connection, which the node connector dials to another
//     node (database_nodes.go), for up to unavailableFor.
//
// A connection lost while the COMMIT itself was in flight is not retried:
// the transaction may have been committed by the cluster without the answer
// arriving, and running it again could apply it twice. The caller gets
// 503 unavailable ("the outcome is not known"), and a request sent again
// meets the state the first one left: docs/decisions.md, "High availability".

// conflictAttempts bounds the runs of a transaction that keeps losing lock
// conflicts; unavailableFor bounds the wait for a database that lost its
// node before answering 503.
const (
	conflictAttempts = 10
	duplicateRetries = 2
	unavailableFor   = 10 * time.Second
)

// retries counts the transactions run again, by cause, for /metrics
// (RetryCounts).
var retries struct{ conflicts, lostConnections atomic.Int64 }

// RetryCounts returns how many times this process ran a transaction again
// after a lock conflict, and after a lost connection.
func RetryCounts() (conflicts, lostConnections int64) {
	return retries.conflicts.Load(), retries.lostConnections.Load()
}

// inTx runs fn in one transaction: everything it writes, its audit rows
// included, commits together or not at all. fn must use only tx (on SQLite
// the pool has one connection, which tx holds). fn may run more than once
// (see above): it must not change anything outside tx, or only what a new
// run sets again from the start.
func (s *Service) inTx(ctx context.Context, fn func(tx *txDB) error) error {
	return retryWrite(ctx, false, func() error { return s.runTx(ctx, fn) })
}

// retryStatement runs an auto-committed statement whose repetition is
// harmless (it sets a time, or takes a sequence number of which a gap
// means nothing) under the same rules, retrying even a lost answer.
func retryStatement(ctx context.Context, fn func() error) error {
	return retryWrite(ctx, true, fn)
}

// commitUnknownError is a connection lost while COMMIT was in flight.
type commitUnknownError struct{ err error }

func (e *commitUnknownError) Error() string { return "commit unacknowledged: " + e.err.Error() }
func (e *commitUnknownError) Unwrap() error { return e.err }

// runTx is one run of a transaction.
func (s *Service) runTx(ctx context.Context, fn func(tx *txDB) error) error {
	begun := s.db.Gorm.WithContext(ctx).Begin()
	if begun.Error != nil {
		return begun.Error
	}
	tx := &txDB{DB: begun, now: s.now()}
	finished := false
	defer func() {
		if !finished { // fn failed or panicked
			tx.Rollback()
		}
	}()
	if err := fn(tx); err != nil {
		return err
	}
	finished = true
	if err := tx.Commit().Error; err != nil {
		if DatabaseUnavailable(err) && !nodeUnusable(err) {
			// 1047 or 1053 at COMMIT is a refusal: nothing was replicated.
			return &commitUnknownError{err}
		}
		return err
	}
	return nil
}

func retryWrite(ctx context.Context, repeatable bool, attempt func() error) error {
	var conflicts, duplicates, losses int
	var waited time.Duration
	for {
		err := attempt()
		if err == nil {
			return nil
		}
		var pause time.Duration
		var unknown *commitUnknownError
		switch {
		case isLockConflict(err):
			conflicts++
			if conflicts == conflictAttempts {
				return unavailable("the database refused the change for conflicts with others too often; try again", err)
			}
			retries.conflicts.Add(1)
			pause = time.Duration(conflicts)*5*time.Millisecond + rand.N(5*time.Millisecond)
		case isRawDuplicate(err) && duplicates < duplicateRetries:
			// A unique key that the use case did not expect: on Galera,
			// another node's transaction committed the row while this one
			// ran on a snapshot from before (its row locks hold on its own
			// node only). Run again, it sees that row and decides by it;
			// on one server the duplicate recurs and is answered as a duplicate.
			duplicates++
			retries.conflicts.Add(1)
			pause = time.Duration(duplicates)*5*time.Millisecond + rand.N(5*time.Millisecond)
		case errors.As(err, &unknown) && !repeatable:
			return unavailable("the database connection was lost while saving: the change may or may not have been saved; look before sending it again", err)
		case DatabaseUnavailable(err):
			if waited >= unavailableFor {
				return unavailable("the database does not answer; try again in a moment", err)
			}
			losses++
			retries.lostConnections.Add(1)
			pause = min(50*time.Millisecond<<min(losses, 5), time.Second)
		default:
			return err
		}
		t := time.NewTimer(pause)
		select {
		case <-ctx.Done():
			t.Stop()
			return errors.Join(ctx.Err(), err)
		case <-t.C:
		}
		waited += pause
	}
}

func isLockConflict(err error) bool {
	if errors.Is(err, errOpenCaseRace) {
		return true
	}
	var my *mysqldriver.MySQLError
	return errors.As(err, &my) && (my.Number == 1213 || my.Number == 1205)
}

// isRawDuplicate reports a unique-key violation that reached the retry as
// the database's error, not as a domain error (which a use case returns for
// the duplicates it expects: an ID number, a username).
func isRawDuplicate(err error) bool {
	var domain *Error
	if errors.As(err, &domain) {
		return false
	}
	var my *mysqldriver.MySQLError
	return isDuplicate(err) || (errors.As(err, &my) && my.Number == 1062)
}

// DatabaseUnavailable reports whether err says the database (the node the
// connection led to) could not be reached or could not serve, rather than
// refusing the statement: a broken or refused connection, a node outside
// its cluster's primary component (1047), shutting down (1053), gone
// (2006, 2013) or having killed the connection (1927). api answers such an
// error with 503 unavailable.
func DatabaseUnavailable(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, driver.ErrBadConn) || errors.Is(err, mysqldriver.ErrInvalidConn) || errors.Is(err, sql.ErrConnDone) {
		return true
	}
	if nodeUnusable(err) {
		return true
	}
	var my *mysqldriver.MySQLError
	if errors.As(err, &my) {
		return my.Number == 2006 || my.Number == 2013
	}
	var op *net.OpError
	return errors.As(err, &op)
}

// sqliteInterrupt is SQLite's SQLITE_INTERRUPT: the driver interrupts a
// statement whose context ends while it runs, and answers this code where
// it would answer the context's error between statements.
const sqliteInterrupt = 9

// Interrupted reports whether err is a statement stopped because its
// context ended: the context's error, or SQLite's interrupt. Only the
// caller knows whether that context was its own (a request whose client
// went away) or another's.
func Interrupted(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var coded interface{ Code() int }
	return errors.As(err, &coded) && coded.Code() == sqliteInterrupt
}

// unavailableError is a domain error (503 unavailable) that keeps its cause
// for the log.
type unavailableError struct {
	domain *Error
	cause  error
}

func unavailable(message string, cause error) error {
	return &unavailableError{domain: Errorf(CodeUnavailable, "%s", message), cause: cause}
}

func (e *unavailableError) Error() string   { return e.domain.Error() + ": " + e.cause.Error() }
func (e *unavailableError) Unwrap() []error { return []error{e.domain, e.cause} }
