-- Internal quality control: control materials, runs (the samples tested
-- together on given reagent lots), the runs' samples, and every control
-- value with its Westgard evaluation. A sample whose run is rejected is
-- not released (docs/decisions.md, "Quality control").

-- +goose Up
CREATE TABLE qc_materials (
    id             BIGINT       NOT NULL AUTO_INCREMENT,
    analyte_code   VARCHAR(16)  NOT NULL,
    lot            VARCHAR(32)  NOT NULL,
    level          VARCHAR(16)  NOT NULL,
    target_mean    DOUBLE       NULL,
    target_sd      DOUBLE       NULL,
    expected       VARCHAR(16)  NOT NULL DEFAULT '',
    valid_until    DATE         NOT NULL,
    created_by     BIGINT       NULL,
    created_at     DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_qc_materials_lot (analyte_code, lot, level)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE runs (
    id                BIGINT        NOT NULL AUTO_INCREMENT,
    day               DATE          NOT NULL,
    status            VARCHAR(16)   NOT NULL,
    lot_review        BOOLEAN       NOT NULL DEFAULT FALSE,
    corrective_action VARCHAR(1000) NOT NULL DEFAULT '',
    corrected_at      DATETIME(6)   NULL,
    rerun_id          BIGINT        NULL,
    override_reason   VARCHAR(1000) NOT NULL DEFAULT '',
    overridden_by     BIGINT        NULL,
    created_by        BIGINT        NULL,
    created_at        DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    KEY ix_runs_day (day, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE run_analytes (
    id           BIGINT      NOT NULL AUTO_INCREMENT,
    run_id       BIGINT      NOT NULL,
    analyte_code VARCHAR(16) NOT NULL,
    lot_id       BIGINT      NOT NULL,
    new_lot      BOOLEAN     NOT NULL DEFAULT FALSE,
    PRIMARY KEY (id),
    UNIQUE KEY ux_run_analytes (run_id, analyte_code),
    KEY ix_run_analytes_lot (lot_id),
    CONSTRAINT fk_run_analytes_run FOREIGN KEY (run_id) REFERENCES runs (id),
    CONSTRAINT fk_run_analytes_lot FOREIGN KEY (lot_id) REFERENCES reagent_lots (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE run_samples (
    id         BIGINT      NOT NULL AUTO_INCREMENT,
    run_id     BIGINT      NOT NULL,
    sample_id  BIGINT      NOT NULL,
    added_at   DATETIME(6) NOT NULL,
    removed_at DATETIME(6) NULL,
    PRIMARY KEY (id),
    KEY ix_run_samples_run (run_id),
    KEY ix_run_samples_sample (sample_id, removed_at),
    CONSTRAINT fk_run_samples_run FOREIGN KEY (run_id) REFERENCES runs (id),
    CONSTRAINT fk_run_samples_sample FOREIGN KEY (sample_id) REFERENCES samples (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE qc_values (
    id             BIGINT       NOT NULL AUTO_INCREMENT,
    run_id         BIGINT       NOT NULL,
    material_id    BIGINT       NOT NULL,
    analyte_code   VARCHAR(16)  NOT NULL,
    value          DOUBLE       NULL,
    qualitative    VARCHAR(16)  NOT NULL DEFAULT '',
    z              DOUBLE       NULL,
    rules_violated VARCHAR(100) NOT NULL DEFAULT '',
    status         VARCHAR(16)  NOT NULL,
    entered_by     BIGINT       NULL,
    entered_at     DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_qc_values_material (material_id, id),
    KEY ix_qc_values_run (run_id, id),
    CONSTRAINT fk_qc_values_run FOREIGN KEY (run_id) REFERENCES runs (id),
    CONSTRAINT fk_qc_values_material FOREIGN KEY (material_id) REFERENCES qc_materials (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE qc_values;
DROP TABLE run_samples;
DROP TABLE run_analytes;
DROP TABLE runs;
DROP TABLE qc_materials;
