package migrations

import (
	"context"
	"database/sql"
	"time"
)

// CreateLockTable and LockName let tests play a crashed holder's row.
const (
	CreateLockTable = createLockTable
	LockName        = lockName
)

// SetLeaseFor shortens the lease for a test and restores it afterwards.
func SetLeaseFor(d time.Duration) (restore func()) {
	old := leaseFor
	leaseFor = d
	return func() { leaseFor = old }
}

// TakeLock takes the migration lock as a process would and returns its
// release, and a probe: whether another process could take it now.
func TakeLock(ctx context.Context, db *sql.DB) (release func() error, othersCanTake func() (bool, error), err error) {
	mine := newLeaseLock(db, lockName)
	if err := mine.SessionLock(ctx, nil); err != nil {
		return nil, nil, err
	}
	other := newLeaseLock(db, lockName)
	return func() error { return mine.SessionUnlock(ctx, nil) }, func() (bool, error) { return other.try(ctx) }, nil
}
