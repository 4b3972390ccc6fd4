-- Same as mysql/00039_reference_version.sql.

-- +goose Up
CREATE TABLE reference_version (
    id      INTEGER PRIMARY KEY,
    version INTEGER NOT NULL
);

INSERT INTO reference_version (id, version) VALUES (1, 1);

-- +goose Down
DROP TABLE reference_version;
