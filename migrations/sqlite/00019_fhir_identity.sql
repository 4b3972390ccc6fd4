-- Same as mysql/00019_fhir_identity.sql: CMV IgG loses its unverified
-- LOINC code, and the deployment gets a random name.

-- +goose Up
UPDATE analytes SET loinc = '' WHERE code = 'CMV_IGG' AND loinc = '5124-3';

CREATE TABLE deployment (
    id  INTEGER PRIMARY KEY AUTOINCREMENT,
    uid TEXT    NOT NULL
);

INSERT INTO deployment (uid) VALUES (lower(hex(randomblob(16))));

-- +goose Down
DROP TABLE deployment;
UPDATE analytes SET loinc = '5124-3' WHERE code = 'CMV_IGG' AND loinc = '';
