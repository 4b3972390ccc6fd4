-- Same as mysql/00043_followups_assignee_station.sql.

-- +goose Up
CREATE INDEX ix_followups_assignee_station ON followups (assignee_id, status, station_id);
DROP INDEX ix_followups_assignee;

-- +goose Down
CREATE INDEX ix_followups_assignee ON followups (assignee_id, status);
DROP INDEX ix_followups_assignee_station;
