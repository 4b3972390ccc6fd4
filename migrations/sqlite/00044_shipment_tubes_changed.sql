-- Same as mysql/00044_shipment_tubes_changed.sql: when a tube of a
-- dispatched box last changed at the lab.

-- +goose Up
ALTER TABLE shipments ADD COLUMN tubes_changed_at DATETIME NULL;

-- +goose Down
ALTER TABLE shipments DROP COLUMN tubes_changed_at;
