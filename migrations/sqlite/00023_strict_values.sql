-- Same as mysql/00023_strict_values.sql: a result's censoring qualifier,
-- and each analyte's plausible range with wide defaults.

-- +goose Up
ALTER TABLE results ADD COLUMN value_qualifier TEXT NOT NULL DEFAULT '';

ALTER TABLE analytes ADD COLUMN plausible_min REAL NULL;
ALTER TABLE analytes ADD COLUMN plausible_max REAL NULL;

UPDATE analytes SET plausible_min = 0, plausible_max = 10000 WHERE code IN ('TOXO_IGG', 'TOXO_IGM', 'RUBV_IGG', 'CMV_IGG');
UPDATE analytes SET plausible_min = 0, plausible_max = 100 WHERE code IN ('RUBV_IGM', 'CMV_IGM', 'HSV_IGG', 'HSV_IGM');

-- +goose Down
ALTER TABLE analytes DROP COLUMN plausible_max;
ALTER TABLE analytes DROP COLUMN plausible_min;
ALTER TABLE results DROP COLUMN value_qualifier;
