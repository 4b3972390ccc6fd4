-- The foundation: stations, users, their sessions, log-in throttling,
-- programme settings and the append-only audit log.
-- Same tables, columns and index names as mysql/00001_foundation.sql.

-- +goose Up
CREATE TABLE stations (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    code       TEXT     NOT NULL,
    name       TEXT     NOT NULL,
    timezone   TEXT     NOT NULL,
    active     BOOLEAN  NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX ux_stations_code ON stations (code);

CREATE TABLE users (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    username             TEXT     NOT NULL,
    display_name         TEXT     NOT NULL DEFAULT '',
    password_hash        TEXT     NOT NULL,
    role                 TEXT     NOT NULL,
    station_id           INTEGER  NULL REFERENCES stations (id),
    active               BOOLEAN  NOT NULL DEFAULT 1,
    must_change_password BOOLEAN  NOT NULL DEFAULT 0,
    password_changed_at  DATETIME NULL,
    created_at           DATETIME NOT NULL,
    updated_at           DATETIME NOT NULL
);
CREATE UNIQUE INDEX ux_users_username ON users (username);
CREATE INDEX ix_users_station ON users (station_id, role, active);

CREATE TABLE sessions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash   TEXT     NOT NULL,
    user_id      INTEGER  NOT NULL REFERENCES users (id),
    created_at   DATETIME NOT NULL,
    last_seen_at DATETIME NOT NULL,
    expires_at   DATETIME NOT NULL,
    revoked_at   DATETIME NULL,
    ip           TEXT     NOT NULL DEFAULT '',
    user_agent   TEXT     NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX ux_sessions_token_hash ON sessions (token_hash);
CREATE INDEX ix_sessions_user ON sessions (user_id);

CREATE TABLE login_throttles (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    scope_key       TEXT     NOT NULL,
    failures        INTEGER  NOT NULL DEFAULT 0,
    last_failure_at DATETIME NOT NULL,
    blocked_until   DATETIME NULL
);
CREATE UNIQUE INDEX ux_login_throttles_scope_key ON login_throttles (scope_key);

CREATE TABLE settings (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT     NOT NULL,
    value      TEXT     NOT NULL,
    updated_at DATETIME NOT NULL,
    updated_by INTEGER  NULL
);
CREATE UNIQUE INDEX ux_settings_name ON settings (name);

CREATE TABLE audit_log (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    at             DATETIME NOT NULL,
    actor_id       INTEGER  NULL,
    actor_username TEXT     NOT NULL DEFAULT '',
    action         TEXT     NOT NULL,
    entity         TEXT     NOT NULL,
    entity_id      TEXT     NOT NULL DEFAULT '',
    ip             TEXT     NOT NULL DEFAULT '',
    request_id     TEXT     NOT NULL DEFAULT '',
    changes        TEXT     NULL
);
CREATE INDEX ix_audit_log_entity ON audit_log (entity, entity_id, id);
CREATE INDEX ix_audit_log_actor ON audit_log (actor_id, id);
CREATE INDEX ix_audit_log_at ON audit_log (at);

-- +goose Down
DROP TABLE audit_log;
DROP TABLE settings;
DROP TABLE login_throttles;
DROP TABLE sessions;
DROP TABLE users;
DROP TABLE stations;
