-- Same as mysql/00029_reagent_lots.sql.

-- +goose Up
CREATE TABLE reagent_lots (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    analyte_code TEXT     NOT NULL,
    kit          TEXT     NOT NULL,
    lot          TEXT     NOT NULL,
    expires_on   DATE     NOT NULL,
    received_on  DATE     NOT NULL,
    created_by   INTEGER  NULL,
    created_at   DATETIME NOT NULL
);
CREATE UNIQUE INDEX ux_reagent_lots_code ON reagent_lots (analyte_code, lot);

CREATE TABLE lots_in_use (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    analyte_code TEXT     NOT NULL,
    lot_id       INTEGER  NOT NULL REFERENCES reagent_lots (id),
    since        DATETIME NOT NULL,
    set_by       INTEGER  NULL
);
CREATE UNIQUE INDEX ux_lots_in_use_analyte ON lots_in_use (analyte_code);

-- +goose Down
DROP TABLE lots_in_use;
DROP TABLE reagent_lots;
