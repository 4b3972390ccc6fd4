-- Clients: the women screened. Same as mysql/00002_clients.sql.

-- +goose Up
CREATE TABLE clients (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    station_id           INTEGER  NOT NULL REFERENCES stations (id),
    name                 TEXT     NOT NULL,
    national_id_sealed   TEXT     NOT NULL,
    national_id_hash     TEXT     NOT NULL,
    national_id_masked   TEXT     NOT NULL,
    birth_date           DATE     NOT NULL,
    phone                TEXT     NOT NULL,
    address              TEXT     NOT NULL,
    category             TEXT     NOT NULL,
    lmp_date             DATE     NULL,
    consent_given        BOOLEAN  NOT NULL DEFAULT 0,
    consent_text_version TEXT     NOT NULL DEFAULT '',
    consent_recorded_by  INTEGER  NULL,
    consent_recorded_at  DATETIME NULL,
    created_by           INTEGER  NULL,
    created_at           DATETIME NOT NULL,
    updated_at           DATETIME NOT NULL
);
CREATE UNIQUE INDEX ux_clients_national_id_hash ON clients (national_id_hash);
CREATE INDEX ix_clients_station ON clients (station_id, id);
CREATE INDEX ix_clients_phone ON clients (phone);
CREATE INDEX ix_clients_name ON clients (name);

-- +goose Down
DROP TABLE clients;
