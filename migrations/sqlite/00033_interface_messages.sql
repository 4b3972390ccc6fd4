-- Same as mysql/00033_interface_messages.sql: every message an analyser
-- sent, kept 30 days, its control id unique per analyser.

-- +goose Up
CREATE TABLE interface_messages (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    analyser_id INTEGER  NOT NULL REFERENCES analysers (id),
    protocol    TEXT     NOT NULL,
    control_id  TEXT     NULL,
    raw         TEXT     NOT NULL,
    received_at DATETIME NOT NULL,
    ack_code    TEXT     NOT NULL,
    results     INTEGER  NOT NULL DEFAULT 0,
    error_code  TEXT     NOT NULL DEFAULT '',
    error_at    TEXT     NOT NULL DEFAULT '',
    error       TEXT     NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX ux_interface_messages_control ON interface_messages (analyser_id, control_id);
CREATE INDEX ix_interface_messages_received ON interface_messages (received_at);

-- +goose Down
DROP TABLE interface_messages;
