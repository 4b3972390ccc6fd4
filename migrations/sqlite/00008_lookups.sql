-- Same as mysql/00008_lookups.sql: a case page's retests (appointments by
-- followup_id) and amendments waiting for verification (results by state).

-- +goose Up
CREATE INDEX ix_appointments_followup ON appointments (followup_id);
CREATE INDEX ix_results_state ON results (state, sample_id);

-- +goose Down
DROP INDEX ix_results_state;
DROP INDEX ix_appointments_followup;
