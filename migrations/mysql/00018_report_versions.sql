-- A released report is frozen (domain.md §0, Follow-up): each released
-- version of a woman's report is stored whole, as JSON, with the settings
-- its texts used, so that a later change of settings or of her details
-- never changes a version she was handed. An amendment adds the next
-- version; the earlier ones stay. Samples released before this table have
-- no rows: their current report is built from the current records.

-- +goose Up
CREATE TABLE report_versions (
    sample_id   BIGINT      NOT NULL,
    version     INT         NOT NULL,
    released_at DATETIME(6) NOT NULL,
    body        MEDIUMTEXT  NOT NULL,
    settings    TEXT        NOT NULL,
    PRIMARY KEY (sample_id, version),
    CONSTRAINT fk_report_versions_sample FOREIGN KEY (sample_id) REFERENCES samples (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE report_versions;
