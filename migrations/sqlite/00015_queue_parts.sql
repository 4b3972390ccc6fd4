-- Same as mysql/00015_queue_parts.sql: the queue's places, each status's
-- part in index order.

-- +goose Up
CREATE INDEX ix_followups_queue_late ON followups (status, priority, reached_at, due_at);
CREATE INDEX ix_followups_queue_rest ON followups (status, priority, due_at, id, reached_at);

-- +goose Down
DROP INDEX ix_followups_queue_rest;
DROP INDEX ix_followups_queue_late;
