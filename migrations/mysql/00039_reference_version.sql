-- The version of the reference data (settings, kits, plausible ranges,
-- reagent lots and the lots in use): one row, bumped in the transaction of
-- every change to them, so that each process's cache of them
-- (lab/reference_cache.go) learns of another process's change from the
-- version its next operation reads.

-- +goose Up
CREATE TABLE reference_version (
    id      BIGINT NOT NULL,
    version BIGINT NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO reference_version (id, version) VALUES (1, 1);

-- +goose Down
DROP TABLE reference_version;
