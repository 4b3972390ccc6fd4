-- Reagent lots: each lot of a kit the lab receives, with its expiry, and
-- the lot in use per analyte, which a result without an explicit lot takes
-- (docs/decisions.md, "Reagent lots"). Result entry, import and analyser
-- interfaces refuse an unknown or expired lot while the setting
-- lot_required is on.

-- +goose Up
CREATE TABLE reagent_lots (
    id           BIGINT      NOT NULL AUTO_INCREMENT,
    analyte_code VARCHAR(16) NOT NULL,
    kit          VARCHAR(64) NOT NULL,
    lot          VARCHAR(32) NOT NULL,
    expires_on   DATE        NOT NULL,
    received_on  DATE        NOT NULL,
    created_by   BIGINT      NULL,
    created_at   DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_reagent_lots_code (analyte_code, lot)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE lots_in_use (
    id           BIGINT      NOT NULL AUTO_INCREMENT,
    analyte_code VARCHAR(16) NOT NULL,
    lot_id       BIGINT      NOT NULL,
    since        DATETIME(6) NOT NULL,
    set_by       BIGINT      NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_lots_in_use_analyte (analyte_code),
    CONSTRAINT fk_lots_in_use_lot FOREIGN KEY (lot_id) REFERENCES reagent_lots (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE lots_in_use;
DROP TABLE reagent_lots;
