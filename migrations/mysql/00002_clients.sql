-- Clients: the women screened. The resident ID number is stored encrypted
-- (national_id_sealed), with a keyed hash for exact look-up and its masked
-- form for lists.

-- +goose Up
CREATE TABLE clients (
    id                   BIGINT       NOT NULL AUTO_INCREMENT,
    station_id           BIGINT       NOT NULL,
    name                 VARCHAR(50)  NOT NULL,
    national_id_sealed   VARCHAR(128) NOT NULL,
    national_id_hash     CHAR(64)     NOT NULL,
    national_id_masked   VARCHAR(18)  NOT NULL,
    birth_date           DATE         NOT NULL,
    phone                VARCHAR(16)  NOT NULL,
    address              VARCHAR(200) NOT NULL,
    category             VARCHAR(16)  NOT NULL,
    lmp_date             DATE         NULL,
    consent_given        BOOLEAN      NOT NULL DEFAULT FALSE,
    consent_text_version VARCHAR(16)  NOT NULL DEFAULT '',
    consent_recorded_by  BIGINT       NULL,
    consent_recorded_at  DATETIME(6)  NULL,
    created_by           BIGINT       NULL,
    created_at           DATETIME(6)  NOT NULL,
    updated_at           DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_clients_national_id_hash (national_id_hash),
    KEY ix_clients_station (station_id, id),
    KEY ix_clients_phone (phone),
    KEY ix_clients_name (name),
    CONSTRAINT fk_clients_station FOREIGN KEY (station_id) REFERENCES stations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE clients;
