-- Samples and everything a tube goes through before results: the analytes
-- and panels a sample is ordered with (data, seeded here), the accession
-- sequence, custody events, shipments and their reconciliation, and the
-- recollection requests that a rejected tube raises.

-- +goose Up
CREATE TABLE analytes (
    id        BIGINT       NOT NULL AUTO_INCREMENT,
    code      VARCHAR(16)  NOT NULL,
    pathogen  VARCHAR(8)   NOT NULL,
    antibody  VARCHAR(8)   NOT NULL,
    name_zh   VARCHAR(64)  NOT NULL,
    name_en   VARCHAR(64)  NOT NULL,
    loinc     VARCHAR(16)  NOT NULL,
    unit      VARCHAR(16)  NOT NULL,
    position  INT          NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_analytes_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE panels (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    code       VARCHAR(16)  NOT NULL,
    name_zh    VARCHAR(64)  NOT NULL,
    name_en    VARCHAR(64)  NOT NULL,
    is_default BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (id),
    UNIQUE KEY ux_panels_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE panel_analytes (
    id           BIGINT      NOT NULL AUTO_INCREMENT,
    panel_code   VARCHAR(16) NOT NULL,
    analyte_code VARCHAR(16) NOT NULL,
    position     INT         NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_panel_analytes (panel_code, analyte_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE sequences (
    id    BIGINT      NOT NULL AUTO_INCREMENT,
    name  VARCHAR(32) NOT NULL,
    value BIGINT      NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_sequences_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE shipments (
    id            BIGINT      NOT NULL AUTO_INCREMENT,
    station_id    BIGINT      NOT NULL,
    status        VARCHAR(16) NOT NULL,
    created_by    BIGINT      NULL,
    created_at    DATETIME(6) NOT NULL,
    dispatched_by BIGINT      NULL,
    dispatched_at DATETIME(6) NULL,
    PRIMARY KEY (id),
    KEY ix_shipments_station (station_id, id),
    CONSTRAINT fk_shipments_station FOREIGN KEY (station_id) REFERENCES stations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE samples (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    accession       VARCHAR(10)  NOT NULL,
    client_id       BIGINT       NOT NULL,
    appointment_id  BIGINT       NOT NULL,
    station_id      BIGINT       NOT NULL,
    panel_code      VARCHAR(16)  NOT NULL,
    kind            VARCHAR(16)  NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    collected_by    BIGINT       NULL,
    collected_at    DATETIME(6)  NOT NULL,
    shipment_id     BIGINT       NULL,
    received_by     BIGINT       NULL,
    received_at     DATETIME(6)  NULL,
    rejected_by     BIGINT       NULL,
    rejected_at     DATETIME(6)  NULL,
    reject_reason   VARCHAR(16)  NOT NULL DEFAULT '',
    reject_note     VARCHAR(500) NOT NULL DEFAULT '',
    labels_printed  INT          NOT NULL DEFAULT 0,
    updated_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_samples_accession (accession),
    UNIQUE KEY ux_samples_appointment (appointment_id),
    KEY ix_samples_station_collected (station_id, collected_at),
    KEY ix_samples_status (status, station_id, id),
    KEY ix_samples_client (client_id),
    KEY ix_samples_shipment (shipment_id),
    CONSTRAINT fk_samples_client FOREIGN KEY (client_id) REFERENCES clients (id),
    CONSTRAINT fk_samples_appointment FOREIGN KEY (appointment_id) REFERENCES appointments (id),
    CONSTRAINT fk_samples_station FOREIGN KEY (station_id) REFERENCES stations (id),
    CONSTRAINT fk_samples_shipment FOREIGN KEY (shipment_id) REFERENCES shipments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE sample_events (
    id             BIGINT       NOT NULL AUTO_INCREMENT,
    sample_id      BIGINT       NOT NULL,
    event          VARCHAR(32)  NOT NULL,
    at             DATETIME(6)  NOT NULL,
    actor_id       BIGINT       NULL,
    actor_username VARCHAR(32)  NOT NULL DEFAULT '',
    detail         VARCHAR(500) NOT NULL DEFAULT '',
    PRIMARY KEY (id),
    KEY ix_sample_events_sample (sample_id, id),
    CONSTRAINT fk_sample_events_sample FOREIGN KEY (sample_id) REFERENCES samples (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE shipment_items (
    id          BIGINT      NOT NULL AUTO_INCREMENT,
    shipment_id BIGINT      NOT NULL,
    sample_id   BIGINT      NOT NULL,
    scanned_at  DATETIME(6) NULL,
    scanned_by  BIGINT      NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_shipment_items (shipment_id, sample_id),
    KEY ix_shipment_items_sample (sample_id),
    CONSTRAINT fk_shipment_items_shipment FOREIGN KEY (shipment_id) REFERENCES shipments (id),
    CONSTRAINT fk_shipment_items_sample FOREIGN KEY (sample_id) REFERENCES samples (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE shipment_scans (
    id          BIGINT      NOT NULL AUTO_INCREMENT,
    shipment_id BIGINT      NOT NULL,
    accession   VARCHAR(10) NOT NULL,
    scanned_at  DATETIME(6) NOT NULL,
    scanned_by  BIGINT      NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_shipment_scans (shipment_id, accession),
    CONSTRAINT fk_shipment_scans_shipment FOREIGN KEY (shipment_id) REFERENCES shipments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE recollections (
    id             BIGINT       NOT NULL AUTO_INCREMENT,
    sample_id      BIGINT       NOT NULL,
    client_id      BIGINT       NOT NULL,
    station_id     BIGINT       NOT NULL,
    reason         VARCHAR(16)  NOT NULL,
    note           VARCHAR(500) NOT NULL DEFAULT '',
    created_by     BIGINT       NULL,
    created_at     DATETIME(6)  NOT NULL,
    appointment_id BIGINT       NULL,
    closed_at      DATETIME(6)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_recollections_sample (sample_id),
    KEY ix_recollections_station (station_id, closed_at),
    KEY ix_recollections_client (client_id),
    CONSTRAINT fk_recollections_sample FOREIGN KEY (sample_id) REFERENCES samples (id),
    CONSTRAINT fk_recollections_client FOREIGN KEY (client_id) REFERENCES clients (id),
    CONSTRAINT fk_recollections_station FOREIGN KEY (station_id) REFERENCES stations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

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
    ('TORCH8', 'TORCH八项（IgG/IgM）', 'TORCH, all eight analytes', TRUE),
    ('NFPCP', '国家免费孕前优生检查五项', 'National pre-conception programme, five analytes', FALSE);

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
