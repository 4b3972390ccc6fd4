-- Same as mysql/00027_migration_locks.sql. SQLite takes no lock (one writer
-- at a time on the file); the table is here for the schemas' parity.

-- +goose Up
CREATE TABLE IF NOT EXISTS migration_locks (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL,
    holder     TEXT NOT NULL,
    expires_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS ux_migration_locks_name ON migration_locks (name);

-- +goose Down
SELECT 1;
