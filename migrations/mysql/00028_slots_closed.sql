-- A closed slot takes no new booking; its bookings stand (lab/slot_edit.go).

-- +goose Up
ALTER TABLE slots ADD COLUMN closed BOOLEAN NOT NULL DEFAULT FALSE;

-- +goose Down
ALTER TABLE slots DROP COLUMN closed;
