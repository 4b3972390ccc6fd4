-- The foundation: stations, users, their sessions, log-in throttling,
-- programme settings and the append-only audit log.
-- Every index has an explicit name so that the SQLite schema can carry the
-- same names (migrations/parity_test.go compares them).

-- +goose Up
CREATE TABLE stations (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    code       VARCHAR(16)  NOT NULL,
    name       VARCHAR(100) NOT NULL,
    timezone   VARCHAR(64)  NOT NULL,
    active     BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at DATETIME(6)  NOT NULL,
    updated_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_stations_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE users (
    id                   BIGINT       NOT NULL AUTO_INCREMENT,
    username             VARCHAR(32)  NOT NULL,
    display_name         VARCHAR(100) NOT NULL DEFAULT '',
    password_hash        VARCHAR(255) NOT NULL,
    role                 VARCHAR(16)  NOT NULL,
    station_id           BIGINT       NULL,
    active               BOOLEAN      NOT NULL DEFAULT TRUE,
    must_change_password BOOLEAN      NOT NULL DEFAULT FALSE,
    password_changed_at  DATETIME(6)  NULL,
    created_at           DATETIME(6)  NOT NULL,
    updated_at           DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_users_username (username),
    KEY ix_users_station (station_id, role, active),
    CONSTRAINT fk_users_station FOREIGN KEY (station_id) REFERENCES stations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE sessions (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    token_hash   CHAR(64)     NOT NULL,
    user_id      BIGINT       NOT NULL,
    created_at   DATETIME(6)  NOT NULL,
    last_seen_at DATETIME(6)  NOT NULL,
    expires_at   DATETIME(6)  NOT NULL,
    revoked_at   DATETIME(6)  NULL,
    ip           VARCHAR(45)  NOT NULL DEFAULT '',
    user_agent   VARCHAR(255) NOT NULL DEFAULT '',
    PRIMARY KEY (id),
    UNIQUE KEY ux_sessions_token_hash (token_hash),
    KEY ix_sessions_user (user_id),
    CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE login_throttles (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    scope_key       VARCHAR(120) NOT NULL,
    failures        INT          NOT NULL DEFAULT 0,
    last_failure_at DATETIME(6)  NOT NULL,
    blocked_until   DATETIME(6)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_login_throttles_scope_key (scope_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE settings (
    id         BIGINT      NOT NULL AUTO_INCREMENT,
    name       VARCHAR(64) NOT NULL,
    value      VARCHAR(255) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    updated_by BIGINT      NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_settings_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE audit_log (
    id             BIGINT      NOT NULL AUTO_INCREMENT,
    at             DATETIME(6) NOT NULL,
    actor_id       BIGINT      NULL,
    actor_username VARCHAR(32) NOT NULL DEFAULT '',
    action         VARCHAR(64) NOT NULL,
    entity         VARCHAR(32) NOT NULL,
    entity_id      VARCHAR(64) NOT NULL DEFAULT '',
    ip             VARCHAR(45) NOT NULL DEFAULT '',
    request_id     VARCHAR(64) NOT NULL DEFAULT '',
    changes        TEXT        NULL,
    PRIMARY KEY (id),
    KEY ix_audit_log_entity (entity, entity_id, id),
    KEY ix_audit_log_actor (actor_id, id),
    KEY ix_audit_log_at (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE audit_log;
DROP TABLE settings;
DROP TABLE login_throttles;
DROP TABLE sessions;
DROP TABLE users;
DROP TABLE stations;
