-- Same as mysql/00010_client_terms.sql: each client's search terms, so
-- that a fragment of a name or phone is a look-up, not a scan of her
-- station. SQLite's lower() folds ASCII letters only (Go's, for the
-- clients registered after this, folds every script): a name registered
-- before it with a capital outside A-Z is found by that letter as written.

-- +goose Up
CREATE TABLE client_terms (
    station_id INTEGER NOT NULL,
    field      TEXT    NOT NULL,
    term       TEXT    NOT NULL,
    client_id  INTEGER NOT NULL REFERENCES clients (id),
    PRIMARY KEY (station_id, field, term, client_id)
) WITHOUT ROWID;
CREATE INDEX ix_client_terms_client ON client_terms (client_id);

INSERT OR IGNORE INTO client_terms (station_id, field, term, client_id)
WITH RECURSIVE pos (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM pos WHERE i < 50),
folded AS (SELECT id, station_id, REPLACE(lower(name), ' ', '') AS name, phone FROM clients)
SELECT folded.station_id, 'n', substr(folded.name, pos.i, 1), folded.id
    FROM folded JOIN pos ON pos.i <= length(folded.name)
UNION ALL
SELECT folded.station_id, 'n', substr(folded.name, pos.i, 2), folded.id
    FROM folded JOIN pos ON pos.i < length(folded.name)
UNION ALL
SELECT folded.station_id, 'p', substr(folded.phone, pos.i, 4), folded.id
    FROM folded JOIN pos ON pos.i + 3 <= length(folded.phone);

DROP INDEX ix_clients_station_name;
DROP INDEX ix_clients_station_phone;

-- +goose Down
CREATE INDEX ix_clients_station_name ON clients (station_id, name);
CREATE INDEX ix_clients_station_phone ON clients (station_id, phone);
DROP TABLE client_terms;
