-- Same as mysql/00021_pregnancies.sql: her pregnancies with their follow-up
-- tasks and outcomes, and her rubella vaccinations.

-- +goose Up
CREATE TABLE pregnancies (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id            INTEGER  NOT NULL REFERENCES clients (id),
    station_id           INTEGER  NOT NULL REFERENCES stations (id),
    open_client_id       INTEGER  NULL,
    lmp_date             DATE     NULL,
    edd                  DATE     NOT NULL,
    source               TEXT     NOT NULL,
    recorded_at          DATETIME NOT NULL,
    recorded_by          INTEGER  NULL,
    early_due_on         DATE     NULL,
    early_contacted_at   DATETIME NULL,
    early_escalated_at   DATETIME NULL,
    outcome_from         DATE     NOT NULL,
    outcome_due_on       DATE     NOT NULL,
    outcome_escalated_at DATETIME NULL,
    outcome              TEXT     NOT NULL DEFAULT '',
    outcome_on           DATE     NULL,
    gestation_weeks      INTEGER  NULL,
    birth_weight_g       INTEGER  NULL,
    defects              TEXT     NOT NULL,
    outcome_recorded_at  DATETIME NULL,
    outcome_recorded_by  INTEGER  NULL,
    updated_at           DATETIME NOT NULL
);
CREATE UNIQUE INDEX ux_pregnancies_open_client ON pregnancies (open_client_id);
CREATE INDEX ix_pregnancies_client ON pregnancies (client_id, id);
CREATE INDEX ix_pregnancies_early ON pregnancies (station_id, early_contacted_at, early_due_on);
CREATE INDEX ix_pregnancies_outcome ON pregnancies (station_id, outcome, outcome_from);

CREATE TABLE pregnancy_contacts (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    pregnancy_id INTEGER  NOT NULL REFERENCES pregnancies (id),
    task         TEXT     NOT NULL,
    channel      TEXT     NOT NULL,
    result       TEXT     NOT NULL,
    note         TEXT     NOT NULL DEFAULT '',
    at           DATETIME NOT NULL,
    by_id        INTEGER  NULL
);
CREATE INDEX ix_pregnancy_contacts_pregnancy ON pregnancy_contacts (pregnancy_id, id);

CREATE TABLE vaccinations (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id          INTEGER  NOT NULL REFERENCES clients (id),
    vaccine            TEXT     NOT NULL,
    given_on           DATE     NOT NULL,
    pregnancy_excluded BOOLEAN  NOT NULL,
    deferral_days      INTEGER  NOT NULL,
    note               TEXT     NOT NULL DEFAULT '',
    recorded_at        DATETIME NOT NULL,
    recorded_by        INTEGER  NULL
);
CREATE INDEX ix_vaccinations_client ON vaccinations (client_id, given_on);

-- +goose Down
DROP TABLE vaccinations;
DROP TABLE pregnancy_contacts;
DROP TABLE pregnancies;
