-- A counselor's queue filters on her station as well as on her (the scope
-- of a station-bound user), and the assignee index did not hold the
-- station: each of her ~1,100 cases at a million women was read from the
-- table to test it, 3.5 ms for the count alone. With the station in the
-- index, the count and the sort read the index only.

-- +goose Up
DROP INDEX ix_followups_queue_assignee ON followups;
CREATE INDEX ix_followups_queue_assignee ON followups (assignee_id, station_id, status, reached_at, due_at, priority);

-- +goose Down
DROP INDEX ix_followups_queue_assignee ON followups;
CREATE INDEX ix_followups_queue_assignee ON followups (assignee_id, status, reached_at, due_at, priority);
