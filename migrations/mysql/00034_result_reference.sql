-- What an analyser said with a result (HL7 OBX-7 and OBX-8, ASTM R-6 and
-- R-7): its reference range and abnormal flags, kept as sent.

-- +goose Up
ALTER TABLE results
    ADD COLUMN reference_range VARCHAR(64) NOT NULL DEFAULT '',
    ADD COLUMN abnormal_flags  VARCHAR(16) NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE results DROP COLUMN abnormal_flags, DROP COLUMN reference_range;
