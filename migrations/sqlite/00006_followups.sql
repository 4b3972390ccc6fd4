-- Same as mysql/00006_followups.sql.
-- Follow-up: a case for every released abnormal sample, its contact log and
-- timeline, the in-app notifications, and the outbox of webhook deliveries.

-- +goose Up
CREATE TABLE followups (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    sample_id       INTEGER  NOT NULL REFERENCES samples (id),
    client_id       INTEGER  NOT NULL REFERENCES clients (id),
    station_id      INTEGER  NOT NULL REFERENCES stations (id),
    status          TEXT     NOT NULL,
    priority        TEXT     NOT NULL,
    findings        TEXT     NOT NULL,
    due_at          DATETIME NOT NULL,
    assignee_id     INTEGER  NULL,
    acknowledged_at DATETIME NULL,
    reached_at      DATETIME NULL,
    escalated_at    DATETIME NULL,
    outcome         TEXT     NOT NULL DEFAULT '',
    close_note      TEXT     NOT NULL DEFAULT '',
    opened_at       DATETIME NOT NULL,
    closed_at       DATETIME NULL,
    updated_at      DATETIME NOT NULL
);
CREATE INDEX ix_followups_station ON followups (station_id, status);
CREATE INDEX ix_followups_assignee ON followups (assignee_id, status);
CREATE INDEX ix_followups_due ON followups (status, due_at);
CREATE INDEX ix_followups_sample ON followups (sample_id);
CREATE INDEX ix_followups_client ON followups (client_id);

CREATE TABLE followup_contacts (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    followup_id     INTEGER  NOT NULL REFERENCES followups (id),
    channel         TEXT     NOT NULL,
    result          TEXT     NOT NULL,
    note            TEXT     NOT NULL DEFAULT '',
    next_attempt_on DATE     NULL,
    at              DATETIME NOT NULL,
    by_id           INTEGER  NULL,
    by_username     TEXT     NOT NULL DEFAULT ''
);
CREATE INDEX ix_followup_contacts_case ON followup_contacts (followup_id, id);

CREATE TABLE followup_events (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    followup_id    INTEGER  NOT NULL REFERENCES followups (id),
    event          TEXT     NOT NULL,
    detail         TEXT     NOT NULL DEFAULT '',
    at             DATETIME NOT NULL,
    actor_id       INTEGER  NULL,
    actor_username TEXT     NOT NULL DEFAULT ''
);
CREATE INDEX ix_followup_events_case ON followup_events (followup_id, id);

CREATE TABLE notifications (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER  NOT NULL REFERENCES users (id),
    type        TEXT     NOT NULL,
    followup_id INTEGER  NULL,
    sample_id   INTEGER  NULL,
    message     TEXT     NOT NULL DEFAULT '',
    created_at  DATETIME NOT NULL,
    read_at     DATETIME NULL
);
CREATE INDEX ix_notifications_user ON notifications (user_id, read_at, id);

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id        TEXT     NOT NULL,
    recipient       TEXT     NOT NULL,
    type            TEXT     NOT NULL,
    payload         TEXT     NOT NULL,
    created_at      DATETIME NOT NULL,
    attempts        INTEGER  NOT NULL DEFAULT 0,
    next_attempt_at DATETIME NOT NULL,
    delivered_at    DATETIME NULL,
    last_error      TEXT     NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX ux_outbox_event_recipient ON outbox (event_id, recipient);
CREATE INDEX ix_outbox_due ON outbox (delivered_at, next_attempt_at);

-- +goose Down
DROP TABLE outbox;
DROP TABLE notifications;
DROP TABLE followup_events;
DROP TABLE followup_contacts;
DROP TABLE followups;
