-- Same as mysql/00004_samples.sql.
-- Samples and everything a tube goes through before results: the analytes
-- and panels a sample is ordered with (data, seeded here), the accession
-- sequence, custody events, shipments and their reconciliation, and the
-- recollection requests that a rejected tube raises.

-- +goose Up
CREATE TABLE analytes (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    code      TEXT  NOT NULL,
    pathogen  TEXT   NOT NULL,
    antibody  TEXT   NOT NULL,
    name_zh   TEXT  NOT NULL,
    name_en   TEXT  NOT NULL,
    loinc     TEXT  NOT NULL,
    unit      TEXT  NOT NULL,
    position  INTEGER          NOT NULL
);
CREATE UNIQUE INDEX ux_analytes_code ON analytes (code);

CREATE TABLE panels (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    code       TEXT  NOT NULL,
    name_zh    TEXT  NOT NULL,
    name_en    TEXT  NOT NULL,
    is_default BOOLEAN      NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX ux_panels_code ON panels (code);

CREATE TABLE panel_analytes (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    panel_code   TEXT NOT NULL,
    analyte_code TEXT NOT NULL,
    position     INTEGER         NOT NULL
);
CREATE UNIQUE INDEX ux_panel_analytes ON panel_analytes (panel_code, analyte_code);

CREATE TABLE sequences (
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    name  TEXT NOT NULL,
    value INTEGER      NOT NULL
);
CREATE UNIQUE INDEX ux_sequences_name ON sequences (name);

CREATE TABLE shipments (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    station_id    INTEGER      NOT NULL REFERENCES stations (id),
    status        TEXT NOT NULL,
    created_by    INTEGER      NULL,
    created_at    DATETIME NOT NULL,
    dispatched_by INTEGER      NULL,
    dispatched_at DATETIME NULL
);
CREATE INDEX ix_shipments_station ON shipments (station_id, id);

CREATE TABLE samples (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    accession       TEXT  NOT NULL,
    client_id       INTEGER       NOT NULL REFERENCES clients (id),
    appointment_id  INTEGER       NOT NULL REFERENCES appointments (id),
    station_id      INTEGER       NOT NULL REFERENCES stations (id),
    panel_code      TEXT  NOT NULL,
    kind            TEXT  NOT NULL,
    status          TEXT  NOT NULL,
    collected_by    INTEGER       NULL,
    collected_at    DATETIME  NOT NULL,
    shipment_id     INTEGER       NULL REFERENCES shipments (id),
    received_by     INTEGER       NULL,
    received_at     DATETIME  NULL,
    rejected_by     INTEGER       NULL,
    rejected_at     DATETIME  NULL,
    reject_reason   TEXT  NOT NULL DEFAULT '',
    reject_note     TEXT NOT NULL DEFAULT '',
    labels_printed  INTEGER          NOT NULL DEFAULT 0,
    updated_at      DATETIME  NOT NULL
);
CREATE UNIQUE INDEX ux_samples_accession ON samples (accession);
CREATE UNIQUE INDEX ux_samples_appointment ON samples (appointment_id);
CREATE INDEX ix_samples_station_collected ON samples (station_id, collected_at);
CREATE INDEX ix_samples_status ON samples (status, station_id, id);
CREATE INDEX ix_samples_client ON samples (client_id);
CREATE INDEX ix_samples_shipment ON samples (shipment_id);

CREATE TABLE sample_events (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    sample_id      INTEGER       NOT NULL REFERENCES samples (id),
    event          TEXT  NOT NULL,
    at             DATETIME  NOT NULL,
    actor_id       INTEGER       NULL,
    actor_username TEXT  NOT NULL DEFAULT '',
    detail         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_sample_events_sample ON sample_events (sample_id, id);

CREATE TABLE shipment_items (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    shipment_id INTEGER      NOT NULL REFERENCES shipments (id),
    sample_id   INTEGER      NOT NULL REFERENCES samples (id),
    scanned_at  DATETIME NULL,
    scanned_by  INTEGER      NULL
);
CREATE UNIQUE INDEX ux_shipment_items ON shipment_items (shipment_id, sample_id);
CREATE INDEX ix_shipment_items_sample ON shipment_items (sample_id);

CREATE TABLE shipment_scans (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    shipment_id INTEGER      NOT NULL REFERENCES shipments (id),
    accession   TEXT NOT NULL,
    scanned_at  DATETIME NOT NULL,
    scanned_by  INTEGER      NULL
);
CREATE UNIQUE INDEX ux_shipment_scans ON shipment_scans (shipment_id, accession);

CREATE TABLE recollections (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    sample_id      INTEGER       NOT NULL REFERENCES samples (id),
    client_id      INTEGER       NOT NULL REFERENCES clients (id),
    station_id     INTEGER       NOT NULL REFERENCES stations (id),
    reason         TEXT  NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    created_by     INTEGER       NULL,
    created_at     DATETIME  NOT NULL,
    appointment_id INTEGER       NULL,
    closed_at      DATETIME  NULL
);
CREATE UNIQUE INDEX ux_recollections_sample ON recollections (sample_id);
CREATE INDEX ix_recollections_station ON recollections (station_id, closed_at);
CREATE INDEX ix_recollections_client ON recollections (client_id);

INSERT INTO analytes (code, pathogen, antibody, name_zh, name_en, loinc, unit, position) VALUES
    ('TOXO_IGG', 'TOXO', 'IgG', '弓形虫IgG抗体', 'Toxoplasma IgG antibody', '8039-0', 'IU/mL', 1),
    ('TOXO_IGM', 'TOXO', 'IgM', '弓形虫IgM抗体', 'Toxoplasma IgM antibody', '40678-5', 'AU/mL', 2),
    ('RUBV_IGG', 'RUBV', 'IgG', '风疹病毒IgG抗体', 'Rubella virus IgG antibody', '5334-8', 'IU/mL', 3),
    ('RUBV_IGM', 'RUBV', 'IgM', '风疹病毒IgM抗体', 'Rubella virus IgM antibody', '5335-5', 'index', 4),
    ('CMV_IGG', 'CMV', 'IgG', '巨细胞病毒IgG抗体', 'Cytomegalovirus IgG antibody', '5124-3', 'AU/mL', 5),
    ('CMV_IGM', 'CMV', 'IgM', '巨细胞病毒IgM抗体', 'Cytomegalovirus IgM antibody', '7853-5', 'index', 6),
    ('HSV_IGG', 'HSV', 'IgG', '单纯疱疹病毒IgG抗体', 'Herpes simplex virus IgG antibody', '44009-9', 'index', 7),
    ('HSV_IGM', 'HSV', 'IgM', '单纯疱疹病毒IgM抗体', 'Herpes simplex virus IgM antibody', '44008-1', 'ratio', 8);

INSERT INTO panels (code, name_zh, name_en, is_default) VALUES
    ('TORCH8', 'TORCH八项（IgG/IgM）', 'TORCH, all eight analytes', 1),
    ('NFPCP', '国家免费孕前优生检查五项', 'National pre-conception programme, five analytes', 0);

INSERT INTO panel_analytes (panel_code, analyte_code, position) VALUES
    ('TORCH8', 'TOXO_IGG', 1),
    ('TORCH8', 'TOXO_IGM', 2),
    ('TORCH8', 'RUBV_IGG', 3),
    ('TORCH8', 'RUBV_IGM', 4),
    ('TORCH8', 'CMV_IGG', 5),
    ('TORCH8', 'CMV_IGM', 6),
    ('TORCH8', 'HSV_IGG', 7),
    ('TORCH8', 'HSV_IGM', 8),
    ('NFPCP', 'TOXO_IGG', 1),
    ('NFPCP', 'TOXO_IGM', 2),
    ('NFPCP', 'RUBV_IGG', 3),
    ('NFPCP', 'CMV_IGG', 4),
    ('NFPCP', 'CMV_IGM', 5);

INSERT INTO sequences (name, value) VALUES ('accession', 34359738367);

-- +goose Down
DROP TABLE recollections;
DROP TABLE shipment_scans;
DROP TABLE shipment_items;
DROP TABLE sample_events;
DROP TABLE samples;
DROP TABLE shipments;
DROP TABLE sequences;
DROP TABLE panel_analytes;
DROP TABLE panels;
DROP TABLE analytes;
