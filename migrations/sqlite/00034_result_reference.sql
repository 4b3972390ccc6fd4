-- Same as mysql/00034_result_reference.sql: a result's reference range and
-- abnormal flags as the analyser sent them.

-- +goose Up
ALTER TABLE results ADD COLUMN reference_range TEXT NOT NULL DEFAULT '';
ALTER TABLE results ADD COLUMN abnormal_flags TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE results DROP COLUMN abnormal_flags;
ALTER TABLE results DROP COLUMN reference_range;
