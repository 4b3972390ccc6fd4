-- Same as mysql/00005_results.sql.
-- Results: assay kits with their cut-offs (data, versioned by effective
-- date; the defaults are domain.md §0's, and each station must enter its own
-- kit inserts' values), the results judged by them, and the verification
-- and report version of each sample. A result row is never edited after
-- release: an amendment is a new row, the old one is kept as superseded.

-- +goose Up
CREATE TABLE kits (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    analyte_code   TEXT     NOT NULL,
    kit            TEXT     NOT NULL,
    unit           TEXT     NOT NULL,
    negative_below REAL     NOT NULL,
    positive_from  REAL     NOT NULL,
    effective_from DATE     NOT NULL,
    created_by     INTEGER  NULL,
    created_at     DATETIME NOT NULL
);
CREATE UNIQUE INDEX ux_kits_version ON kits (analyte_code, kit, effective_from);
CREATE INDEX ix_kits_in_force ON kits (analyte_code, effective_from);

CREATE TABLE results (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    sample_id        INTEGER  NOT NULL REFERENCES samples (id),
    analyte_code     TEXT     NOT NULL,
    state            TEXT     NOT NULL,
    version          INTEGER  NOT NULL,
    value            REAL     NULL,
    value_text       TEXT     NOT NULL DEFAULT '',
    qualitative      TEXT     NOT NULL DEFAULT '',
    unit             TEXT     NOT NULL,
    kit              TEXT     NOT NULL,
    lot              TEXT     NOT NULL DEFAULT '',
    negative_below   REAL     NULL,
    positive_from    REAL     NULL,
    interpretation   TEXT     NOT NULL,
    entered_by       INTEGER  NULL,
    entered_at       DATETIME NOT NULL,
    reason           TEXT     NOT NULL DEFAULT '',
    superseded_at    DATETIME NULL
);
CREATE INDEX ix_results_sample ON results (sample_id, state, analyte_code);
CREATE INDEX ix_results_analyte ON results (analyte_code, interpretation);

ALTER TABLE samples ADD COLUMN report_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE samples ADD COLUMN abnormal BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE samples ADD COLUMN verified_by INTEGER NULL;
ALTER TABLE samples ADD COLUMN released_at DATETIME NULL;

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
DROP TABLE results;
DROP TABLE kits;
