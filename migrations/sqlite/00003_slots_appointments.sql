-- Slots and appointments. Same as mysql/00003_slots_appointments.sql.

-- +goose Up
CREATE TABLE slots (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    station_id  INTEGER  NOT NULL REFERENCES stations (id),
    day         DATE     NOT NULL,
    start_time  TEXT     NOT NULL,
    end_time    TEXT     NOT NULL DEFAULT '',
    starts_at   DATETIME NOT NULL,
    day_ends_at DATETIME NOT NULL,
    capacity    INTEGER  NOT NULL,
    booked      INTEGER  NOT NULL DEFAULT 0,
    created_by  INTEGER  NULL,
    created_at  DATETIME NOT NULL
);
CREATE UNIQUE INDEX ux_slots_station_day_start ON slots (station_id, day, start_time);

CREATE TABLE appointments (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id       INTEGER  NOT NULL REFERENCES clients (id),
    station_id      INTEGER  NOT NULL REFERENCES stations (id),
    slot_id         INTEGER  NOT NULL REFERENCES slots (id),
    status          TEXT     NOT NULL,
    kind            TEXT     NOT NULL,
    day             DATE     NOT NULL,
    category        TEXT     NOT NULL,
    lmp_date        DATE     NULL,
    recollection_id INTEGER  NULL,
    followup_id     INTEGER  NULL,
    open_client_id  INTEGER  NULL,
    booked_by       INTEGER  NULL,
    booked_at       DATETIME NOT NULL,
    checked_in_at   DATETIME NULL,
    collected_at    DATETIME NULL,
    closed_at       DATETIME NULL,
    cancel_reason   TEXT     NOT NULL DEFAULT '',
    updated_at      DATETIME NOT NULL
);
CREATE UNIQUE INDEX ux_appointments_open_client ON appointments (open_client_id);
CREATE INDEX ix_appointments_client ON appointments (client_id, day);
CREATE INDEX ix_appointments_station_day ON appointments (station_id, day, status);
CREATE INDEX ix_appointments_slot ON appointments (slot_id);
CREATE INDEX ix_appointments_status ON appointments (status, slot_id);

-- +goose Down
DROP TABLE appointments;
DROP TABLE slots;
