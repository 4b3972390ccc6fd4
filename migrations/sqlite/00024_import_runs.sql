-- Same as mysql/00024_import_runs.sql: each import, its refused lines kept
-- for a week, and the index the sign-in counters are pruned by.

-- +goose Up
CREATE TABLE result_imports (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    imported_by INTEGER  NULL,
    imported_at DATETIME NOT NULL,
    line_count  INTEGER  NOT NULL DEFAULT 0,
    saved       INTEGER  NOT NULL DEFAULT 0,
    rejected    INTEGER  NOT NULL DEFAULT 0
);
CREATE INDEX ix_result_imports_at ON result_imports (imported_at);

CREATE TABLE result_import_errors (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    import_id INTEGER NOT NULL REFERENCES result_imports (id),
    line      INTEGER NOT NULL,
    code      TEXT    NOT NULL,
    detail    TEXT    NOT NULL DEFAULT '',
    accession TEXT    NOT NULL DEFAULT '',
    analyte   TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX ix_result_import_errors_import ON result_import_errors (import_id, id);

CREATE INDEX ix_login_throttles_last_failure ON login_throttles (last_failure_at);

-- +goose Down
DROP INDEX ix_login_throttles_last_failure;
DROP TABLE result_import_errors;
DROP TABLE result_imports;
