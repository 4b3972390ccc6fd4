-- Statistics and lists at programme scale. stats_days keeps the
-- statistics of each day's samples at each station (station_id 0: at every
-- station), in a time zone's days, so that a year's summary reads a few
-- hundred rows instead of a million samples; stats_feeds is how far each
-- time zone's days have been checked against the samples and cases that
-- changed since (docs/decisions.md, "Statistics at a million samples").
-- ix_stats_days_day covers the per-station sums. The other indexes serve
-- the change feed, the statistics' day loads across stations, and the
-- lists: samples newest first by station or by status, the day list and
-- the audit log by action across stations, the follow-up queue (its order
-- read from the index alone), a name or phone searched within a station.

-- +goose Up
CREATE TABLE stats_days (
    id            BIGINT      NOT NULL AUTO_INCREMENT,
    tz            VARCHAR(64) NOT NULL,
    day           DATE        NOT NULL,
    station_id    BIGINT      NOT NULL,
    computed_at   DATETIME(6) NOT NULL,
    collected     INT         NOT NULL DEFAULT 0,
    rejected      INT         NOT NULL DEFAULT 0,
    released      INT         NOT NULL DEFAULT 0,
    abnormal      INT         NOT NULL DEFAULT 0,
    cases_opened  INT         NOT NULL DEFAULT 0,
    cases_closed  INT         NOT NULL DEFAULT 0,
    cases_reached INT         NOT NULL DEFAULT 0,
    cases_lost    INT         NOT NULL DEFAULT 0,
    body          MEDIUMTEXT  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_stats_days (tz, station_id, day),
    KEY ix_stats_days_day (tz, day, station_id, collected, rejected, released, abnormal,
        cases_opened, cases_closed, cases_reached, cases_lost)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE stats_feeds (
    id      BIGINT      NOT NULL AUTO_INCREMENT,
    tz      VARCHAR(64) NOT NULL,
    seen_at DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_stats_feeds_tz (tz)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

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
DROP INDEX ix_audit_log_action ON audit_log;
DROP INDEX ix_appointments_day ON appointments;
DROP INDEX ix_clients_station_phone ON clients;
DROP INDEX ix_clients_station_name ON clients;
DROP INDEX ix_followups_queue_assignee ON followups;
DROP INDEX ix_followups_queue_station ON followups;
DROP INDEX ix_followups_overdue ON followups;
DROP INDEX ix_followups_updated ON followups;
DROP INDEX ix_samples_status_id ON samples;
DROP INDEX ix_samples_station_id ON samples;
DROP INDEX ix_samples_collected ON samples;
DROP INDEX ix_samples_updated ON samples;
DROP TABLE stats_feeds;
DROP TABLE stats_days;
