-- Same as mysql/00013_notifications_newest.sql: a user's notifications
-- newest first, in index order.

-- +goose Up
CREATE INDEX ix_notifications_user_newest ON notifications (user_id, id);

-- +goose Down
DROP INDEX ix_notifications_user_newest;
