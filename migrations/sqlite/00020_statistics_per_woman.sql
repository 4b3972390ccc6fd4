-- Same as mysql/00020_statistics_per_woman.sql: the first release of a
-- sample and the first due time of a case are kept, the programme's
-- working calendar, and the per-woman counts of the kept statistics (the
-- kept days are emptied and made again on demand). Times are written as
-- the driver writes them (Go's time.Time.String() in UTC).

-- +goose Up
ALTER TABLE samples ADD COLUMN first_released_at DATETIME NULL;
UPDATE samples SET first_released_at = COALESCE(
        (SELECT MIN(e.at) FROM sample_events e WHERE e.sample_id = samples.id AND e.event = 'released'), released_at)
WHERE released_at IS NOT NULL;

ALTER TABLE followups ADD COLUMN first_due_at DATETIME NULL;
UPDATE followups SET first_due_at = (
        SELECT REPLACE(REPLACE(SUBSTR(e.detail, INSTR(e.detail, ', due ') + 6, 20), 'T', ' '), 'Z', ' +0000 UTC')
        FROM followup_events e WHERE e.followup_id = followups.id AND e.event = 'opened'
            AND SUBSTR(e.detail, INSTR(e.detail, ', due ') + 6, 20)
                GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'
        ORDER BY e.id LIMIT 1);
UPDATE followups SET first_due_at = STRFTIME('%Y-%m-%d %H:%M:%S', SUBSTR(opened_at, 1, 19), '+' || (CASE priority
        WHEN 'urgent' THEN COALESCE((SELECT CAST(value AS INTEGER) FROM settings WHERE name = 'due_hours_urgent'), 24)
        WHEN 'high' THEN COALESCE((SELECT CAST(value AS INTEGER) FROM settings WHERE name = 'due_hours_high'), 72)
        ELSE COALESCE((SELECT CAST(value AS INTEGER) FROM settings WHERE name = 'due_hours_routine'), 168) END) || ' hours') || ' +0000 UTC'
WHERE first_due_at IS NULL;

CREATE TABLE calendar_days (
    day  DATE NOT NULL PRIMARY KEY,
    kind TEXT NOT NULL
);

DELETE FROM stats_days;
DELETE FROM stats_feeds;
ALTER TABLE stats_days ADD COLUMN screens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stats_days ADD COLUMN tested INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stats_days ADD COLUMN within_5_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stats_days ADD COLUMN case_women INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stats_days ADD COLUMN completed_women INTEGER NOT NULL DEFAULT 0;
DROP INDEX ix_stats_days_day;
CREATE INDEX ix_stats_days_day ON stats_days (tz, day, station_id, collected, rejected, released, abnormal,
    cases_opened, cases_closed, cases_reached, cases_lost, screens, tested, within_5_days, case_women, completed_women);

-- +goose Down
DELETE FROM stats_days;
DELETE FROM stats_feeds;
DROP INDEX ix_stats_days_day;
CREATE INDEX ix_stats_days_day ON stats_days (tz, day, station_id, collected, rejected, released, abnormal,
    cases_opened, cases_closed, cases_reached, cases_lost);
ALTER TABLE stats_days DROP COLUMN completed_women;
ALTER TABLE stats_days DROP COLUMN case_women;
ALTER TABLE stats_days DROP COLUMN within_5_days;
ALTER TABLE stats_days DROP COLUMN tested;
ALTER TABLE stats_days DROP COLUMN screens;
DROP TABLE calendar_days;
ALTER TABLE followups DROP COLUMN first_due_at;
ALTER TABLE samples DROP COLUMN first_released_at;
