package migrations

import (
	"context"
	"database/sql"
	"fmt"
)

// getLock is a goose session locker built on MySQL's GET_LOCK, which works
// the same on MySQL, MariaDB and TiDB and needs no extra table. The lock
// belongs to the connection, so a crashed process releases it by itself.
// GET_LOCK names are server-wide: a hash of the database name is part of the
// lock name (which may not exceed 64 characters),
// so deployments (and test runs) sharing a server do not wait for each other.
type getLock struct{ name string }

// lockWaitSeconds bounds how long a starting process waits for another one
// to finish migrating before it gives up with an error.
const lockWaitSeconds = 300

func (l getLock) SessionLock(ctx context.Context, conn *sql.Conn) error {
	var got sql.NullInt64
	if err := conn.QueryRowContext(ctx, "SELECT GET_LOCK(CONCAT(?, ':', MD5(DATABASE())), ?)", l.name, lockWaitSeconds).Scan(&got); err != nil {
		return fmt.Errorf("GET_LOCK(%s): %w", l.name, err)
	}
	if !got.Valid || got.Int64 != 1 {
		return fmt.Errorf("GET_LOCK(%s): not granted within %d s (another process is migrating)", l.name, lockWaitSeconds)
	}
	return nil
}

func (l getLock) SessionUnlock(ctx context.Context, conn *sql.Conn) error {
	_, err := conn.ExecContext(ctx, "SELECT RELEASE_LOCK(CONCAT(?, ':', MD5(DATABASE())))", l.name)
	return err
}
