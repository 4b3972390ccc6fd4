-- When a tube of a dispatched box last changed at the lab (taken in,
-- rejected, scanned). Every such change writes the box's row, so that on a
-- Galera cluster two changes of one box's tubes made through different
-- nodes conflict at certification and the later runs again: row locks
-- hold on one node only, and without a common row the last two tubes
-- taken in at once through two nodes each saw the other still on the way.

-- +goose Up
ALTER TABLE shipments ADD COLUMN tubes_changed_at DATETIME(6) NULL;

-- +goose Down
ALTER TABLE shipments DROP COLUMN tubes_changed_at;
