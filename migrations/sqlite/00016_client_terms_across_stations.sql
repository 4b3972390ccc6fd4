-- Same as mysql/00016_client_terms_across_stations.sql: a term's newest
-- clients at any station, for an admin's search.

-- +goose Up
CREATE INDEX ix_client_terms_term ON client_terms (field, term, client_id);

-- +goose Down
DROP INDEX ix_client_terms_term;
