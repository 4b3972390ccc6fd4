-- What the programme exists to change (domain.md §1, items 18–19): her
-- pregnancies with their early-pregnancy and outcome follow-up tasks, the
-- outcomes (with any birth defects), and her rubella vaccinations.
--
-- A woman has one open pregnancy at most: open_client_id is her id while
-- no outcome is recorded, NULL once one is, under a unique index. Each
-- pregnancy carries its two tasks (lab/pregnancy_tasks.go): the
-- early-pregnancy contact, due by 13 weeks 6 days, done by a reached
-- contact; the outcome follow-up, due from EDD + 42 days, done by the
-- outcome. escalated_* mark the lapse of each task already escalated.

-- +goose Up
CREATE TABLE pregnancies (
    id                   BIGINT        NOT NULL AUTO_INCREMENT,
    client_id            BIGINT        NOT NULL,
    station_id           BIGINT        NOT NULL,
    open_client_id       BIGINT        NULL,
    lmp_date             DATE          NULL,
    edd                  DATE          NOT NULL,
    source               VARCHAR(16)   NOT NULL,
    recorded_at          DATETIME(6)   NOT NULL,
    recorded_by          BIGINT        NULL,
    early_due_on         DATE          NULL,
    early_contacted_at   DATETIME(6)   NULL,
    early_escalated_at   DATETIME(6)   NULL,
    outcome_from         DATE          NOT NULL,
    outcome_due_on       DATE          NOT NULL,
    outcome_escalated_at DATETIME(6)   NULL,
    outcome              VARCHAR(24)   NOT NULL DEFAULT '',
    outcome_on           DATE          NULL,
    gestation_weeks      INT           NULL,
    birth_weight_g       INT           NULL,
    defects              TEXT          NOT NULL,
    outcome_recorded_at  DATETIME(6)   NULL,
    outcome_recorded_by  BIGINT        NULL,
    updated_at           DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_pregnancies_open_client (open_client_id),
    KEY ix_pregnancies_client (client_id, id),
    KEY ix_pregnancies_early (station_id, early_contacted_at, early_due_on),
    KEY ix_pregnancies_outcome (station_id, outcome, outcome_from),
    CONSTRAINT fk_pregnancies_client FOREIGN KEY (client_id) REFERENCES clients (id),
    CONSTRAINT fk_pregnancies_station FOREIGN KEY (station_id) REFERENCES stations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE pregnancy_contacts (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    pregnancy_id BIGINT        NOT NULL,
    task         VARCHAR(16)   NOT NULL,
    channel      VARCHAR(16)   NOT NULL,
    result       VARCHAR(16)   NOT NULL,
    note         VARCHAR(1000) NOT NULL DEFAULT '',
    at           DATETIME(6)   NOT NULL,
    by_id        BIGINT        NULL,
    PRIMARY KEY (id),
    KEY ix_pregnancy_contacts_pregnancy (pregnancy_id, id),
    CONSTRAINT fk_pregnancy_contacts_pregnancy FOREIGN KEY (pregnancy_id) REFERENCES pregnancies (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE vaccinations (
    id                 BIGINT       NOT NULL AUTO_INCREMENT,
    client_id          BIGINT       NOT NULL,
    vaccine            VARCHAR(16)  NOT NULL,
    given_on           DATE         NOT NULL,
    pregnancy_excluded BOOLEAN      NOT NULL,
    deferral_days      INT          NOT NULL,
    note               VARCHAR(500) NOT NULL DEFAULT '',
    recorded_at        DATETIME(6)  NOT NULL,
    recorded_by        BIGINT       NULL,
    PRIMARY KEY (id),
    KEY ix_vaccinations_client (client_id, given_on),
    CONSTRAINT fk_vaccinations_client FOREIGN KEY (client_id) REFERENCES clients (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE vaccinations;
DROP TABLE pregnancy_contacts;
DROP TABLE pregnancies;
