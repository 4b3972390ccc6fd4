-- Follow-up: a case for every released abnormal sample, its contact log and
-- timeline, the in-app notifications, and the outbox of webhook deliveries.

-- +goose Up
CREATE TABLE followups (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    sample_id       BIGINT        NOT NULL,
    client_id       BIGINT        NOT NULL,
    station_id      BIGINT        NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    priority        VARCHAR(16)   NOT NULL,
    findings        TEXT          NOT NULL,
    due_at          DATETIME(6)   NOT NULL,
    assignee_id     BIGINT        NULL,
    acknowledged_at DATETIME(6)   NULL,
    reached_at      DATETIME(6)   NULL,
    escalated_at    DATETIME(6)   NULL,
    outcome         VARCHAR(32)   NOT NULL DEFAULT '',
    close_note      VARCHAR(500)  NOT NULL DEFAULT '',
    opened_at       DATETIME(6)   NOT NULL,
    closed_at       DATETIME(6)   NULL,
    updated_at      DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    KEY ix_followups_station (station_id, status),
    KEY ix_followups_assignee (assignee_id, status),
    KEY ix_followups_due (status, due_at),
    KEY ix_followups_sample (sample_id),
    KEY ix_followups_client (client_id),
    CONSTRAINT fk_followups_sample FOREIGN KEY (sample_id) REFERENCES samples (id),
    CONSTRAINT fk_followups_client FOREIGN KEY (client_id) REFERENCES clients (id),
    CONSTRAINT fk_followups_station FOREIGN KEY (station_id) REFERENCES stations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE followup_contacts (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    followup_id     BIGINT       NOT NULL,
    channel         VARCHAR(16)  NOT NULL,
    result          VARCHAR(16)  NOT NULL,
    note            VARCHAR(1000) NOT NULL DEFAULT '',
    next_attempt_on DATE         NULL,
    at              DATETIME(6)  NOT NULL,
    by_id           BIGINT       NULL,
    by_username     VARCHAR(32)  NOT NULL DEFAULT '',
    PRIMARY KEY (id),
    KEY ix_followup_contacts_case (followup_id, id),
    CONSTRAINT fk_followup_contacts_case FOREIGN KEY (followup_id) REFERENCES followups (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE followup_events (
    id             BIGINT        NOT NULL AUTO_INCREMENT,
    followup_id    BIGINT        NOT NULL,
    event          VARCHAR(32)   NOT NULL,
    detail         VARCHAR(1000) NOT NULL DEFAULT '',
    at             DATETIME(6)   NOT NULL,
    actor_id       BIGINT        NULL,
    actor_username VARCHAR(32)   NOT NULL DEFAULT '',
    PRIMARY KEY (id),
    KEY ix_followup_events_case (followup_id, id),
    CONSTRAINT fk_followup_events_case FOREIGN KEY (followup_id) REFERENCES followups (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE notifications (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    user_id     BIGINT       NOT NULL,
    type        VARCHAR(32)  NOT NULL,
    followup_id BIGINT       NULL,
    sample_id   BIGINT       NULL,
    message     VARCHAR(500) NOT NULL DEFAULT '',
    created_at  DATETIME(6)  NOT NULL,
    read_at     DATETIME(6)  NULL,
    PRIMARY KEY (id),
    KEY ix_notifications_user (user_id, read_at, id),
    CONSTRAINT fk_notifications_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE outbox (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    event_id        CHAR(32)     NOT NULL,
    recipient       VARCHAR(255) NOT NULL,
    type            VARCHAR(32)  NOT NULL,
    payload         TEXT         NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    attempts        INT          NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(6)  NOT NULL,
    delivered_at    DATETIME(6)  NULL,
    last_error      VARCHAR(500) NOT NULL DEFAULT '',
    PRIMARY KEY (id),
    UNIQUE KEY ux_outbox_event_recipient (event_id, recipient),
    KEY ix_outbox_due (delivered_at, next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE outbox;
DROP TABLE notifications;
DROP TABLE followup_events;
DROP TABLE followup_contacts;
DROP TABLE followups;
