-- Same as mysql/00009_queue_assignee.sql: the station joins the assignee's
-- queue index, so that a counselor's queue reads the index only.

-- +goose Up
DROP INDEX ix_followups_queue_assignee;
CREATE INDEX ix_followups_queue_assignee ON followups (assignee_id, station_id, status, reached_at, due_at, priority);

-- +goose Down
DROP INDEX ix_followups_queue_assignee;
CREATE INDEX ix_followups_queue_assignee ON followups (assignee_id, status, reached_at, due_at, priority);
