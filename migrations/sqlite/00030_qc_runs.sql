-- Same as mysql/00030_qc_runs.sql.

-- +goose Up
CREATE TABLE qc_materials (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    analyte_code   TEXT     NOT NULL,
    lot            TEXT     NOT NULL,
    level          TEXT     NOT NULL,
    target_mean    REAL     NULL,
    target_sd      REAL     NULL,
    expected       TEXT     NOT NULL DEFAULT '',
    valid_until    DATE     NOT NULL,
    created_by     INTEGER  NULL,
    created_at     DATETIME NOT NULL
);
CREATE UNIQUE INDEX ux_qc_materials_lot ON qc_materials (analyte_code, lot, level);

CREATE TABLE runs (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    day               DATE     NOT NULL,
    status            TEXT     NOT NULL,
    lot_review        BOOLEAN  NOT NULL DEFAULT 0,
    corrective_action TEXT     NOT NULL DEFAULT '',
    corrected_at      DATETIME NULL,
    rerun_id          INTEGER  NULL,
    override_reason   TEXT     NOT NULL DEFAULT '',
    overridden_by     INTEGER  NULL,
    created_by        INTEGER  NULL,
    created_at        DATETIME NOT NULL
);
CREATE INDEX ix_runs_day ON runs (day, id);

CREATE TABLE run_analytes (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id       INTEGER NOT NULL REFERENCES runs (id),
    analyte_code TEXT    NOT NULL,
    lot_id       INTEGER NOT NULL REFERENCES reagent_lots (id),
    new_lot      BOOLEAN NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX ux_run_analytes ON run_analytes (run_id, analyte_code);
CREATE INDEX ix_run_analytes_lot ON run_analytes (lot_id);

CREATE TABLE run_samples (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id     INTEGER  NOT NULL REFERENCES runs (id),
    sample_id  INTEGER  NOT NULL REFERENCES samples (id),
    added_at   DATETIME NOT NULL,
    removed_at DATETIME NULL
);
CREATE INDEX ix_run_samples_run ON run_samples (run_id);
CREATE INDEX ix_run_samples_sample ON run_samples (sample_id, removed_at);

CREATE TABLE qc_values (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id         INTEGER  NOT NULL REFERENCES runs (id),
    material_id    INTEGER  NOT NULL REFERENCES qc_materials (id),
    analyte_code   TEXT     NOT NULL,
    value          REAL     NULL,
    qualitative    TEXT     NOT NULL DEFAULT '',
    z              REAL     NULL,
    rules_violated TEXT     NOT NULL DEFAULT '',
    status         TEXT     NOT NULL,
    entered_by     INTEGER  NULL,
    entered_at     DATETIME NOT NULL
);
CREATE INDEX ix_qc_values_material ON qc_values (material_id, id);
CREATE INDEX ix_qc_values_run ON qc_values (run_id, id);

-- +goose Down
DROP TABLE qc_values;
DROP TABLE run_samples;
DROP TABLE run_analytes;
DROP TABLE runs;
DROP TABLE qc_materials;
