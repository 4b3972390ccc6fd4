-- Result values as a plain decimal, or censored: an analyser reports a
-- value beyond its measuring range as "<0.1" or ">650", kept as typed in
-- value_text, its number in value and its qualifier (<, <=, >, >=) here.
-- Each analyte gets the range of values an admin holds plausible; a value
-- outside it is refused (422 implausible_value). The defaults are wide,
-- to catch a slipped decimal point or a stray digit: 0 to 10,000 for the
-- analytes whose kits report in IU/mL or AU/mL, 0 to 100 for those that
-- report an index, a ratio or a cut-off index.

-- +goose Up
ALTER TABLE results
    ADD COLUMN value_qualifier VARCHAR(2) NOT NULL DEFAULT '';

ALTER TABLE analytes
    ADD COLUMN plausible_min DOUBLE NULL,
    ADD COLUMN plausible_max DOUBLE NULL;

UPDATE analytes SET plausible_min = 0, plausible_max = 10000 WHERE code IN ('TOXO_IGG', 'TOXO_IGM', 'RUBV_IGG', 'CMV_IGG');
UPDATE analytes SET plausible_min = 0, plausible_max = 100 WHERE code IN ('RUBV_IGM', 'CMV_IGM', 'HSV_IGG', 'HSV_IGM');

-- +goose Down
ALTER TABLE analytes
    DROP COLUMN plausible_min,
    DROP COLUMN plausible_max;

ALTER TABLE results
    DROP COLUMN value_qualifier;
