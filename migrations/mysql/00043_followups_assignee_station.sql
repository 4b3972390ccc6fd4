-- The safety net (lab/safety_net.go) looks for active cases held by a
-- counselor of another station. With the case's station in the assignee's
-- index it reads that from the index alone: before, it read every case
-- row of every counselor, closed ones too (220,000 at a million women).
-- The new index serves all that the old (assignee_id, status) did.

-- +goose Up
CREATE INDEX ix_followups_assignee_station ON followups (assignee_id, status, station_id);
DROP INDEX ix_followups_assignee ON followups;

-- +goose Down
CREATE INDEX ix_followups_assignee ON followups (assignee_id, status);
DROP INDEX ix_followups_assignee_station ON followups;
