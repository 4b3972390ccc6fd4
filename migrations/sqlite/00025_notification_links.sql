-- Same as mysql/00025_notification_links.sql.

-- +goose Up
ALTER TABLE notifications ADD COLUMN client_id INTEGER NULL;
ALTER TABLE notifications ADD COLUMN pregnancy_id INTEGER NULL;

-- +goose Down
ALTER TABLE notifications DROP COLUMN pregnancy_id;
ALTER TABLE notifications DROP COLUMN client_id;
