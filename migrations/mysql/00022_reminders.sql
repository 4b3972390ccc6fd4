-- Reminders to the woman herself (lab/messages.go):
--
-- - clients.reminder_opt_in and reminder_lang are her choice: no message
--   is written for a woman who has not opted in, and hers come in Chinese
--   ('zh') unless she chose English ('en').
-- - stations.phone is the number a message may give her to call.
-- - messages is the outbox of messages to women: one row per event, its
--   idempotency_key unique, so that however many processes or job runs
--   find an event it is one message. claimed_at is set while a process
--   holds the message to send it; a row found queued with claimed_at set
--   is one whose sender died between sending and recording, so the next
--   sender asks the gateway before sending again.
-- - message_templates holds the admins' wording of a message, per event
--   and language; an event and language with no row uses the default in
--   the code.

-- +goose Up
ALTER TABLE clients
    ADD COLUMN reminder_opt_in BOOLEAN    NOT NULL DEFAULT FALSE,
    ADD COLUMN reminder_lang   VARCHAR(8) NOT NULL DEFAULT 'zh';

ALTER TABLE stations ADD COLUMN phone VARCHAR(16) NOT NULL DEFAULT '';

CREATE TABLE messages (
    id                  BIGINT        NOT NULL AUTO_INCREMENT,
    idempotency_key     VARCHAR(100)  NOT NULL,
    client_id           BIGINT        NOT NULL,
    station_id          BIGINT        NOT NULL,
    event               VARCHAR(32)   NOT NULL,
    subject_id          BIGINT        NOT NULL,
    event_on            DATE          NULL,
    lang                VARCHAR(8)    NOT NULL,
    body                VARCHAR(1000) NOT NULL,
    params              TEXT          NOT NULL,
    phone_masked        VARCHAR(16)   NOT NULL,
    status              VARCHAR(16)   NOT NULL,
    status_detail       VARCHAR(255)  NOT NULL DEFAULT '',
    attempts            INT           NOT NULL DEFAULT 0,
    next_attempt_at     DATETIME(6)   NOT NULL,
    claimed_at          DATETIME(6)   NULL,
    expires_at          DATETIME(6)   NOT NULL,
    provider_message_id VARCHAR(100)  NOT NULL DEFAULT '',
    last_error          VARCHAR(500)  NOT NULL DEFAULT '',
    created_at          DATETIME(6)   NOT NULL,
    sent_at             DATETIME(6)   NULL,
    delivered_at        DATETIME(6)   NULL,
    failed_at           DATETIME(6)   NULL,
    cancelled_at        DATETIME(6)   NULL,
    updated_at          DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_messages_key (idempotency_key),
    KEY ix_messages_due (status, next_attempt_at),
    KEY ix_messages_client (client_id, status, id),
    KEY ix_messages_station (station_id, id),
    KEY ix_messages_provider (provider_message_id),
    CONSTRAINT fk_messages_client FOREIGN KEY (client_id) REFERENCES clients (id),
    CONSTRAINT fk_messages_station FOREIGN KEY (station_id) REFERENCES stations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE message_templates (
    id         BIGINT        NOT NULL AUTO_INCREMENT,
    event      VARCHAR(32)   NOT NULL,
    lang       VARCHAR(8)    NOT NULL,
    body       VARCHAR(1000) NOT NULL,
    updated_at DATETIME(6)   NOT NULL,
    updated_by BIGINT        NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_message_templates_event_lang (event, lang)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE message_templates;
DROP TABLE messages;
ALTER TABLE stations DROP COLUMN phone;
ALTER TABLE clients DROP COLUMN reminder_lang, DROP COLUMN reminder_opt_in;
