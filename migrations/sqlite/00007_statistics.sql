-- Same as mysql/00007_statistics.sql.
-- Statistics and lists at programme scale: per-day aggregates of
-- the statistics, the change feed's watermark per time zone, and indexes.

-- +goose Up
CREATE TABLE stats_days (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    tz            TEXT     NOT NULL,
    day           DATE     NOT NULL,
    station_id    INTEGER  NOT NULL,
    computed_at   DATETIME NOT NULL,
    collected     INTEGER  NOT NULL DEFAULT 0,
    rejected      INTEGER  NOT NULL DEFAULT 0,
    released      INTEGER  NOT NULL DEFAULT 0,
    abnormal      INTEGER  NOT NULL DEFAULT 0,
    cases_opened  INTEGER  NOT NULL DEFAULT 0,
    cases_closed  INTEGER  NOT NULL DEFAULT 0,
    cases_reached INTEGER  NOT NULL DEFAULT 0,
    cases_lost    INTEGER  NOT NULL DEFAULT 0,
    body          TEXT     NOT NULL
);
CREATE UNIQUE INDEX ux_stats_days ON stats_days (tz, station_id, day);
CREATE INDEX ix_stats_days_day ON stats_days (tz, day, station_id, collected, rejected, released, abnormal,
    cases_opened, cases_closed, cases_reached, cases_lost);

CREATE TABLE stats_feeds (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    tz      TEXT     NOT NULL,
    seen_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX ux_stats_feeds_tz ON stats_feeds (tz);

CREATE INDEX ix_samples_updated ON samples (updated_at);
CREATE INDEX ix_samples_collected ON samples (collected_at);
CREATE INDEX ix_samples_station_id ON samples (station_id, id);
CREATE INDEX ix_samples_status_id ON samples (status, id);
CREATE INDEX ix_followups_updated ON followups (updated_at);
CREATE INDEX ix_followups_overdue ON followups (status, reached_at, due_at, priority);
CREATE INDEX ix_followups_queue_station ON followups (station_id, status, reached_at, due_at, priority);
CREATE INDEX ix_followups_queue_assignee ON followups (assignee_id, status, reached_at, due_at, priority);
CREATE INDEX ix_clients_station_name ON clients (station_id, name);
CREATE INDEX ix_clients_station_phone ON clients (station_id, phone);
CREATE INDEX ix_appointments_day ON appointments (day, status);
CREATE INDEX ix_audit_log_action ON audit_log (action, id);

-- +goose Down
DROP INDEX ix_audit_log_action;
DROP INDEX ix_appointments_day;
DROP INDEX ix_clients_station_phone;
DROP INDEX ix_clients_station_name;
DROP INDEX ix_followups_queue_assignee;
DROP INDEX ix_followups_queue_station;
DROP INDEX ix_followups_overdue;
DROP INDEX ix_followups_updated;
DROP INDEX ix_samples_status_id;
DROP INDEX ix_samples_station_id;
DROP INDEX ix_samples_collected;
DROP INDEX ix_samples_updated;
DROP TABLE stats_feeds;
DROP TABLE stats_days;
