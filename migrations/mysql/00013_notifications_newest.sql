-- A user's inbox lists her notifications newest first. The one index led
-- with read_at (for the unread badge), so listing all of them sorted every
-- one of hers for each page: an admin of a million women's programme has
-- 15,043 (every overdue case notifies each admin), 3.7 ms a page of 50,
-- growing with every year kept. (user_id, id) pages them in order.

-- +goose Up
CREATE INDEX ix_notifications_user_newest ON notifications (user_id, id);

-- +goose Down
DROP INDEX ix_notifications_user_newest ON notifications;
