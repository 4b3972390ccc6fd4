-- The lock that lets one of several processes starting together apply the
-- migrations (migrations/leaselock.go). It replaces MySQL's GET_LOCK, which
-- a Galera cluster does not replicate: two processes on two nodes would
-- both have been granted it. A row is held for a lease that its holder
-- renews while it migrates, so a holder that crashed is replaced once the
-- lease runs out. The locker creates the table itself before the first
-- migration (it needs it to take the lock); this file makes it part of the
-- schema that the parity test compares.

-- +goose Up
CREATE TABLE IF NOT EXISTS migration_locks (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    name       VARCHAR(64)  NOT NULL,
    holder     VARCHAR(128) NOT NULL,
    expires_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_migration_locks_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
-- The table stays: the locker holds its row while this runs.
SELECT 1;
