-- Same as mysql/00022_reminders.sql: her choice of reminders, the
-- station's phone, the outbox of messages to women and the admins'
-- wording of them.

-- +goose Up
ALTER TABLE clients ADD COLUMN reminder_opt_in BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE clients ADD COLUMN reminder_lang TEXT NOT NULL DEFAULT 'zh';

ALTER TABLE stations ADD COLUMN phone TEXT NOT NULL DEFAULT '';

CREATE TABLE messages (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    idempotency_key     TEXT     NOT NULL,
    client_id           INTEGER  NOT NULL REFERENCES clients (id),
    station_id          INTEGER  NOT NULL REFERENCES stations (id),
    event               TEXT     NOT NULL,
    subject_id          INTEGER  NOT NULL,
    event_on            DATE     NULL,
    lang                TEXT     NOT NULL,
    body                TEXT     NOT NULL,
    params              TEXT     NOT NULL,
    phone_masked        TEXT     NOT NULL,
    status              TEXT     NOT NULL,
    status_detail       TEXT     NOT NULL DEFAULT '',
    attempts            INTEGER  NOT NULL DEFAULT 0,
    next_attempt_at     DATETIME NOT NULL,
    claimed_at          DATETIME NULL,
    expires_at          DATETIME NOT NULL,
    provider_message_id TEXT     NOT NULL DEFAULT '',
    last_error          TEXT     NOT NULL DEFAULT '',
    created_at          DATETIME NOT NULL,
    sent_at             DATETIME NULL,
    delivered_at        DATETIME NULL,
    failed_at           DATETIME NULL,
    cancelled_at        DATETIME NULL,
    updated_at          DATETIME NOT NULL
);
CREATE UNIQUE INDEX ux_messages_key ON messages (idempotency_key);
CREATE INDEX ix_messages_due ON messages (status, next_attempt_at);
CREATE INDEX ix_messages_client ON messages (client_id, status, id);
CREATE INDEX ix_messages_station ON messages (station_id, id);
CREATE INDEX ix_messages_provider ON messages (provider_message_id);

CREATE TABLE message_templates (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    event      TEXT     NOT NULL,
    lang       TEXT     NOT NULL,
    body       TEXT     NOT NULL,
    updated_at DATETIME NOT NULL,
    updated_by INTEGER  NULL
);
CREATE UNIQUE INDEX ux_message_templates_event_lang ON message_templates (event, lang);

-- +goose Down
DROP TABLE message_templates;
DROP TABLE messages;
ALTER TABLE stations DROP COLUMN phone;
ALTER TABLE clients DROP COLUMN reminder_lang;
ALTER TABLE clients DROP COLUMN reminder_opt_in;
