-- ELISA plates: a run laid out on a 96-well plate (its layout and the
-- kit's formula) and, once the reader's OD file was entered, the cut-off
-- it gave. A run without a row is laid out by the default layout
-- (docs/decisions.md, "Plates").

-- +goose Up
CREATE TABLE run_plates (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    run_id       BIGINT        NOT NULL,
    analyte_code VARCHAR(16)   NOT NULL DEFAULT '',
    layout       VARCHAR(2000) NOT NULL,
    formula      VARCHAR(2000) NOT NULL,
    cutoff       DOUBLE        NULL,
    read_by      BIGINT        NULL,
    read_at      DATETIME(6)   NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_run_plates_run (run_id),
    CONSTRAINT fk_run_plates_run FOREIGN KEY (run_id) REFERENCES runs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE run_plates;
