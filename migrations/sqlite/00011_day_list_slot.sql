-- Same as mysql/00011_day_list_slot.sql: the day list's indexes hold the
-- slot, so that sorting a day by start time reads no appointment row.

-- +goose Up
DROP INDEX ix_appointments_station_day;
CREATE INDEX ix_appointments_station_day ON appointments (station_id, day, status, slot_id);
DROP INDEX ix_appointments_day;
CREATE INDEX ix_appointments_day ON appointments (day, status, slot_id);

-- +goose Down
DROP INDEX ix_appointments_day;
CREATE INDEX ix_appointments_day ON appointments (day, status);
DROP INDEX ix_appointments_station_day;
CREATE INDEX ix_appointments_station_day ON appointments (station_id, day, status);
