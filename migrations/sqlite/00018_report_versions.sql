-- Same as mysql/00018_report_versions.sql: each released version of a
-- woman's report, stored whole with the settings its texts used.

-- +goose Up
CREATE TABLE report_versions (
    sample_id   INTEGER  NOT NULL REFERENCES samples (id),
    version     INTEGER  NOT NULL,
    released_at DATETIME NOT NULL,
    body        TEXT     NOT NULL,
    settings    TEXT     NOT NULL,
    PRIMARY KEY (sample_id, version)
);

-- +goose Down
DROP TABLE report_versions;
