-- Same as mysql/00014_case_sample_accession.sql: each case keeps a copy of
-- its tube's code, which never changes, so that the queue reads no sample.

-- +goose Up
ALTER TABLE followups ADD COLUMN sample_accession TEXT NOT NULL DEFAULT '';

UPDATE followups SET sample_accession = (SELECT s.accession FROM samples s WHERE s.id = followups.sample_id);

-- +goose Down
ALTER TABLE followups DROP COLUMN sample_accession;
