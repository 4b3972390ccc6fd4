-- Same as mysql/00032_analysers.sql: analysers that send results over an
-- interface, each acting as its own user.

-- +goose Up
CREATE TABLE analysers (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT     NOT NULL,
    protocol   TEXT     NOT NULL,
    sender_id  TEXT     NOT NULL,
    user_id    INTEGER  NOT NULL REFERENCES users (id),
    active     BOOLEAN  NOT NULL DEFAULT TRUE,
    code_map   TEXT     NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX ux_analysers_name ON analysers (name);
CREATE UNIQUE INDEX ux_analysers_sender ON analysers (protocol, sender_id);
CREATE INDEX ix_analysers_user ON analysers (user_id);

-- +goose Down
DROP TABLE analysers;
