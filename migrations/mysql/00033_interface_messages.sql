-- Every message an analyser sent, kept 30 days: its control id (unique per
-- analyser, so that a message sent again is acknowledged without being
-- applied twice), its raw text, and how it was answered.

-- +goose Up
CREATE TABLE interface_messages (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    analyser_id BIGINT       NOT NULL,
    protocol    VARCHAR(8)   NOT NULL,
    control_id  VARCHAR(64)  NULL,
    raw         MEDIUMTEXT   NOT NULL,
    received_at DATETIME(6)  NOT NULL,
    ack_code    VARCHAR(2)   NOT NULL,
    results     INT          NOT NULL DEFAULT 0,
    error_code  VARCHAR(32)  NOT NULL DEFAULT '',
    error_at    VARCHAR(32)  NOT NULL DEFAULT '',
    error       VARCHAR(500) NOT NULL DEFAULT '',
    PRIMARY KEY (id),
    UNIQUE KEY ux_interface_messages_control (analyser_id, control_id),
    KEY ix_interface_messages_received (received_at),
    CONSTRAINT fk_interface_messages_analyser FOREIGN KEY (analyser_id) REFERENCES analysers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE interface_messages;
