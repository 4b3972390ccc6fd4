-- Look-ups that scanned a whole table at programme scale: a case page reads
-- the retests booked from the case (appointments by followup_id: 1.6 s over
-- a million appointments without it), and amendments waiting for their
-- second technician are found by their results' state.

-- +goose Up
CREATE INDEX ix_appointments_followup ON appointments (followup_id);
CREATE INDEX ix_results_state ON results (state, sample_id);

-- +goose Down
DROP INDEX ix_results_state ON results;
DROP INDEX ix_appointments_followup ON appointments;
