-- An analyser import in bounded memory: its answer names only the first
-- 200 refused lines, and every refused line is kept here, for a week, so
-- that the technician can download them all as CSV (GET
-- /api/v1/results/imports/{id}/errors.csv). The sign-in counters get the
-- index their pruning reads by.

-- +goose Up
CREATE TABLE result_imports (
    id          BIGINT      NOT NULL AUTO_INCREMENT,
    imported_by BIGINT      NULL,
    imported_at DATETIME(6) NOT NULL,
    line_count  INT         NOT NULL DEFAULT 0,
    saved       INT         NOT NULL DEFAULT 0,
    rejected    INT         NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    KEY ix_result_imports_at (imported_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE result_import_errors (
    id        BIGINT       NOT NULL AUTO_INCREMENT,
    import_id BIGINT       NOT NULL,
    line      INT          NOT NULL,
    code      VARCHAR(32)  NOT NULL,
    detail    VARCHAR(300) NOT NULL DEFAULT '',
    accession VARCHAR(64)  NOT NULL DEFAULT '',
    analyte   VARCHAR(64)  NOT NULL DEFAULT '',
    PRIMARY KEY (id),
    KEY ix_result_import_errors_import (import_id, id),
    CONSTRAINT fk_result_import_errors_import FOREIGN KEY (import_id) REFERENCES result_imports (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_login_throttles_last_failure ON login_throttles (last_failure_at);

-- +goose Down
DROP INDEX ix_login_throttles_last_failure ON login_throttles;
DROP TABLE result_import_errors;
DROP TABLE result_imports;
