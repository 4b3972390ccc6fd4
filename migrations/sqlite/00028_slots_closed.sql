-- Same as mysql/00028_slots_closed.sql.

-- +goose Up
ALTER TABLE slots ADD COLUMN closed BOOLEAN NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE slots DROP COLUMN closed;
