-- The counselor's queue shows each case's tube code. It was read by
-- joining the case's sample: one more row look-up per case, about a third
-- of the queue page's database time (each look-up three index pages; 190
-- cases read 570 rows in 4.4 ms, a million women). A tube's code never
-- changes after collection, nor does the sample a case is about, so the
-- case keeps a copy written when it is opened and can never be stale.

-- +goose Up
ALTER TABLE followups ADD COLUMN sample_accession VARCHAR(10) NOT NULL DEFAULT '';

UPDATE followups f JOIN samples s ON s.id = f.sample_id SET f.sample_accession = s.accession;

-- +goose Down
ALTER TABLE followups DROP COLUMN sample_accession;
