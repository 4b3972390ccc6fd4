-- Results: assay kits with their cut-offs (data, versioned by effective
-- date; the defaults are domain.md §0's, and each station must enter its own
-- kit inserts' values), the results judged by them, and the verification
-- and report version of each sample. A result row is never edited after
-- release: an amendment is a new row, the old one is kept as superseded.

-- +goose Up
CREATE TABLE kits (
    id             BIGINT      NOT NULL AUTO_INCREMENT,
    analyte_code   VARCHAR(16) NOT NULL,
    kit            VARCHAR(64) NOT NULL,
    unit           VARCHAR(16) NOT NULL,
    negative_below DOUBLE      NOT NULL,
    positive_from  DOUBLE      NOT NULL,
    effective_from DATE        NOT NULL,
    created_by     BIGINT      NULL,
    created_at     DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_kits_version (analyte_code, kit, effective_from),
    KEY ix_kits_in_force (analyte_code, effective_from)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE results (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    sample_id        BIGINT       NOT NULL,
    analyte_code     VARCHAR(16)  NOT NULL,
    state            VARCHAR(20)  NOT NULL,
    version          INT          NOT NULL,
    value            DOUBLE       NULL,
    value_text       VARCHAR(32)  NOT NULL DEFAULT '',
    qualitative      VARCHAR(16)  NOT NULL DEFAULT '',
    unit             VARCHAR(16)  NOT NULL,
    kit              VARCHAR(64)  NOT NULL,
    lot              VARCHAR(32)  NOT NULL DEFAULT '',
    negative_below   DOUBLE       NULL,
    positive_from    DOUBLE       NULL,
    interpretation   VARCHAR(16)  NOT NULL,
    entered_by       BIGINT       NULL,
    entered_at       DATETIME(6)  NOT NULL,
    reason           VARCHAR(500) NOT NULL DEFAULT '',
    superseded_at    DATETIME(6)  NULL,
    PRIMARY KEY (id),
    KEY ix_results_sample (sample_id, state, analyte_code),
    KEY ix_results_analyte (analyte_code, interpretation),
    CONSTRAINT fk_results_sample FOREIGN KEY (sample_id) REFERENCES samples (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE samples ADD COLUMN report_version INT NOT NULL DEFAULT 0;
ALTER TABLE samples ADD COLUMN abnormal BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE samples ADD COLUMN verified_by BIGINT NULL;
ALTER TABLE samples ADD COLUMN released_at DATETIME(6) NULL;

INSERT INTO kits (analyte_code, kit, unit, negative_below, positive_from, effective_from, created_at) VALUES
    ('TOXO_IGG', 'Elecsys Toxo IgG', 'IU/mL', 1, 3, '2000-01-01', '2026-01-01 00:00:00'),
    ('TOXO_IGM', 'LIAISON Toxo IgM', 'AU/mL', 8, 10, '2000-01-01', '2026-01-01 00:00:00'),
    ('RUBV_IGG', 'CLSI rubella IgG threshold', 'IU/mL', 10, 10, '2000-01-01', '2026-01-01 00:00:00'),
    ('RUBV_IGM', 'Typical CLIA rubella IgM COI', 'index', 0.8, 1.0, '2000-01-01', '2026-01-01 00:00:00'),
    ('CMV_IGG', 'Architect CMV IgG', 'AU/mL', 6, 6, '2000-01-01', '2026-01-01 00:00:00'),
    ('CMV_IGM', 'Architect CMV IgM', 'index', 0.85, 1.0, '2000-01-01', '2026-01-01 00:00:00'),
    ('HSV_IGG', 'Typical ELISA HSV IgG index', 'index', 0.9, 1.1, '2000-01-01', '2026-01-01 00:00:00'),
    ('HSV_IGM', 'ELISA HSV-1/2 IgM', 'ratio', 0.91, 1.1, '2000-01-01', '2026-01-01 00:00:00');

-- +goose Down
ALTER TABLE samples DROP COLUMN released_at;
ALTER TABLE samples DROP COLUMN verified_by;
ALTER TABLE samples DROP COLUMN abnormal;
ALTER TABLE samples DROP COLUMN report_version;
DROP TABLE results;
DROP TABLE kits;
