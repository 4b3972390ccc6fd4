-- An admin searches for a woman across every station (a call to the
-- programme's office, a woman who moved). The search terms' primary key
-- starts with the station (00010), so that search had matched LIKE
-- '%…%' row by row over every woman of the programme, newest first, until
-- its page was full: quick when the fragment is common, but half a second
-- at a million women when few or none match, such as a mistyped phone
-- number, and longer every year. This index finds a term's newest clients
-- at any station; a station's own search keeps the primary key.
-- At a million women it took 11 s to build and holds 318 MiB.

-- +goose Up
CREATE INDEX ix_client_terms_term ON client_terms (field, term, client_id);

-- +goose Down
DROP INDEX ix_client_terms_term ON client_terms;
