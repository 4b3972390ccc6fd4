-- A fragment of a woman's name or phone ("王", "秀英", "5678") was found
-- with LIKE '%…%' over every name or phone of her station: 10,000 index
-- entries at a station of a million-woman programme, about 4 ms of the
-- database's time per search, growing with the station. client_terms
-- holds each client's search terms (lab/client_terms.go): every character
-- of her name and every pair of neighbouring characters, lower-cased and
-- without spaces, and every run of four digits of her phone; a search
-- looks one term up, newest first, and confirms the few rows it finds
-- with LIKE. The service writes a client's terms with her row; this
-- migration makes those of the clients already registered (names hold at
-- most 50 characters, phones 12 digits). The two indexes the LIKE scans
-- read are dropped.

-- +goose Up
CREATE TABLE client_terms (
    station_id BIGINT      NOT NULL,
    field      CHAR(1)     NOT NULL,
    term       VARCHAR(8)  NOT NULL COLLATE utf8mb4_bin,
    client_id  BIGINT      NOT NULL,
    PRIMARY KEY (station_id, field, term, client_id),
    KEY ix_client_terms_client (client_id),
    CONSTRAINT fk_client_terms_client FOREIGN KEY (client_id) REFERENCES clients (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT IGNORE INTO client_terms (station_id, field, term, client_id)
WITH RECURSIVE pos (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM pos WHERE i < 50),
folded AS (SELECT id, station_id, REPLACE(LOWER(name), ' ', '') AS name, phone FROM clients)
SELECT folded.station_id, 'n', SUBSTRING(folded.name, pos.i, 1), folded.id
    FROM folded JOIN pos ON pos.i <= CHAR_LENGTH(folded.name)
UNION ALL
SELECT folded.station_id, 'n', SUBSTRING(folded.name, pos.i, 2), folded.id
    FROM folded JOIN pos ON pos.i < CHAR_LENGTH(folded.name)
UNION ALL
SELECT folded.station_id, 'p', SUBSTRING(folded.phone, pos.i, 4), folded.id
    FROM folded JOIN pos ON pos.i + 3 <= CHAR_LENGTH(folded.phone);

DROP INDEX ix_clients_station_name ON clients;
DROP INDEX ix_clients_station_phone ON clients;

-- +goose Down
CREATE INDEX ix_clients_station_name ON clients (station_id, name);
CREATE INDEX ix_clients_station_phone ON clients (station_id, phone);
DROP TABLE client_terms;
