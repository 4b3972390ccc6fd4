-- What a FHIR export needs from the data: LOINC codes that domain.md §5
-- verified, and a name for the deployment.
--
-- CMV IgG's code (5124-3) is "lab usage" in §5: its LOINC name was never
-- seen, so its scale is unknown and it is not exported (docs/decisions.md,
-- "FHIR R4 export").
--
-- deployment holds one row: a random name made when the database is made,
-- so that two deployments that do not set TORCHLAB_ORG_URI still give
-- their women and tubes different identifier systems and resource ids.

-- +goose Up
UPDATE analytes SET loinc = '' WHERE code = 'CMV_IGG' AND loinc = '5124-3';

CREATE TABLE deployment (
    id  BIGINT      NOT NULL AUTO_INCREMENT,
    uid VARCHAR(32) NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Hashed, so that UUID()'s clock and host parts do not leave the server.
INSERT INTO deployment (uid) VALUES (LEFT(SHA2(CONCAT(UUID(), RAND(), NOW(6)), 256), 32));

-- +goose Down
DROP TABLE deployment;
UPDATE analytes SET loinc = '5124-3' WHERE code = 'CMV_IGG' AND loinc = '';
