-- Same as mysql/00038_run_plates.sql.

-- +goose Up
CREATE TABLE run_plates (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id       INTEGER  NOT NULL REFERENCES runs (id),
    analyte_code TEXT     NOT NULL DEFAULT '',
    layout       TEXT     NOT NULL,
    formula      TEXT     NOT NULL,
    cutoff       REAL     NULL,
    read_by      INTEGER  NULL,
    read_at      DATETIME NULL
);
CREATE UNIQUE INDEX ux_run_plates_run ON run_plates (run_id);

-- +goose Down
DROP TABLE run_plates;
