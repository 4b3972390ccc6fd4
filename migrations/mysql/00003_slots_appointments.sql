-- Slots of a station's days and the appointments booked into them.
-- slots.booked is kept by a conditional UPDATE (booked < capacity) in the
-- booking transaction, so a slot is never overbooked. open_client_id is the
-- client's id while an appointment is open (booked or checked in) and NULL
-- otherwise: its unique index holds a client to one open appointment even
-- under concurrent bookings.

-- +goose Up
CREATE TABLE slots (
    id          BIGINT      NOT NULL AUTO_INCREMENT,
    station_id  BIGINT      NOT NULL,
    day         DATE        NOT NULL,
    start_time  CHAR(5)     NOT NULL,
    end_time    CHAR(5)     NOT NULL DEFAULT '',
    starts_at   DATETIME(6) NOT NULL,
    day_ends_at DATETIME(6) NOT NULL,
    capacity    INT         NOT NULL,
    booked      INT         NOT NULL DEFAULT 0,
    created_by  BIGINT      NULL,
    created_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_slots_station_day_start (station_id, day, start_time),
    CONSTRAINT fk_slots_station FOREIGN KEY (station_id) REFERENCES stations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE appointments (
    id              BIGINT      NOT NULL AUTO_INCREMENT,
    client_id       BIGINT      NOT NULL,
    station_id      BIGINT      NOT NULL,
    slot_id         BIGINT      NOT NULL,
    status          VARCHAR(16) NOT NULL,
    kind            VARCHAR(16) NOT NULL,
    day             DATE        NOT NULL,
    category        VARCHAR(16) NOT NULL,
    lmp_date        DATE        NULL,
    recollection_id BIGINT      NULL,
    followup_id     BIGINT      NULL,
    open_client_id  BIGINT      NULL,
    booked_by       BIGINT      NULL,
    booked_at       DATETIME(6) NOT NULL,
    checked_in_at   DATETIME(6) NULL,
    collected_at    DATETIME(6) NULL,
    closed_at       DATETIME(6) NULL,
    cancel_reason   VARCHAR(200) NOT NULL DEFAULT '',
    updated_at      DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_appointments_open_client (open_client_id),
    KEY ix_appointments_client (client_id, day),
    KEY ix_appointments_station_day (station_id, day, status),
    KEY ix_appointments_slot (slot_id),
    KEY ix_appointments_status (status, slot_id),
    CONSTRAINT fk_appointments_client FOREIGN KEY (client_id) REFERENCES clients (id),
    CONSTRAINT fk_appointments_station FOREIGN KEY (station_id) REFERENCES stations (id),
    CONSTRAINT fk_appointments_slot FOREIGN KEY (slot_id) REFERENCES slots (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE appointments;
DROP TABLE slots;
