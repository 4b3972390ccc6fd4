-- A woman is found by the last four characters of her ID number
-- (lab/client_terms.go, termIDTail): the term is what the masked number
-- (national_id_masked) already shows, so it reveals nothing new. The
-- service writes it with her row; this makes it for the clients already
-- registered.

-- +goose Up
INSERT IGNORE INTO client_terms (station_id, field, term, client_id)
SELECT station_id, 'i', UPPER(RIGHT(national_id_masked, 4)), id FROM clients WHERE CHAR_LENGTH(national_id_masked) >= 4;

-- +goose Down
DELETE FROM client_terms WHERE field = 'i';
