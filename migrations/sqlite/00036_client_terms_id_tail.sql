-- Same as mysql/00036_client_terms_id_tail.sql.

-- +goose Up
INSERT OR IGNORE INTO client_terms (station_id, field, term, client_id)
SELECT station_id, 'i', UPPER(substr(national_id_masked, -4)), id FROM clients WHERE length(national_id_masked) >= 4;

-- +goose Down
DELETE FROM client_terms WHERE field = 'i';
