-- The programme's statistics count women (docs/decisions.md,
-- "Statistics per woman"):
--
-- - samples.first_released_at is a sample's first release, which an
--   amendment never moves (released_at stays the newest version's). Filled
--   from the sample's first 'released' custody event, else released_at.
-- - followups.first_due_at is the time a case was first due, set when it
--   opens; due_at moves with each next action. Filled from the 'opened'
--   timeline event's due time (written to the second), else from opened_at
--   plus the due hours of the case's priority.
-- - calendar_days are the programme's holidays and make-up working days
--   (调休), for turnaround in working days.
-- - stats_days keeps, per station and day, the per-woman counts the
--   by-station table sums; its covering index takes them. The kept days
--   are emptied: they are made again, with the women's figures, on demand.

-- +goose Up
ALTER TABLE samples ADD COLUMN first_released_at DATETIME(6) NULL;
UPDATE samples s
    JOIN (SELECT sample_id, MIN(at) AS at FROM sample_events WHERE event = 'released' GROUP BY sample_id) e ON e.sample_id = s.id
SET s.first_released_at = e.at
WHERE s.released_at IS NOT NULL;
UPDATE samples SET first_released_at = released_at WHERE first_released_at IS NULL AND released_at IS NOT NULL;

ALTER TABLE followups ADD COLUMN first_due_at DATETIME(6) NULL;
UPDATE followups f
    JOIN (SELECT followup_id, MIN(id) AS id FROM followup_events WHERE event = 'opened' GROUP BY followup_id) o ON o.followup_id = f.id
    JOIN followup_events e ON e.id = o.id
SET f.first_due_at = CAST(REPLACE(REPLACE(SUBSTRING(e.detail, LOCATE(', due ', e.detail) + 6, 20), 'T', ' '), 'Z', '') AS DATETIME(6))
WHERE SUBSTRING(e.detail, LOCATE(', due ', e.detail) + 6, 20) REGEXP '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$';
UPDATE followups f SET f.first_due_at = f.opened_at + INTERVAL (CASE f.priority
        WHEN 'urgent' THEN COALESCE((SELECT CAST(value AS SIGNED) FROM settings WHERE name = 'due_hours_urgent'), 24)
        WHEN 'high' THEN COALESCE((SELECT CAST(value AS SIGNED) FROM settings WHERE name = 'due_hours_high'), 72)
        ELSE COALESCE((SELECT CAST(value AS SIGNED) FROM settings WHERE name = 'due_hours_routine'), 168) END) HOUR
WHERE f.first_due_at IS NULL;

CREATE TABLE calendar_days (
    day  DATE       NOT NULL,
    kind VARCHAR(8) NOT NULL,
    PRIMARY KEY (day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

DELETE FROM stats_days;
DELETE FROM stats_feeds;
ALTER TABLE stats_days
    ADD COLUMN screens         INT NOT NULL DEFAULT 0,
    ADD COLUMN tested          INT NOT NULL DEFAULT 0,
    ADD COLUMN within_5_days   INT NOT NULL DEFAULT 0,
    ADD COLUMN case_women      INT NOT NULL DEFAULT 0,
    ADD COLUMN completed_women INT NOT NULL DEFAULT 0;
DROP INDEX ix_stats_days_day ON stats_days;
CREATE INDEX ix_stats_days_day ON stats_days (tz, day, station_id, collected, rejected, released, abnormal,
    cases_opened, cases_closed, cases_reached, cases_lost, screens, tested, within_5_days, case_women, completed_women);

-- +goose Down
DELETE FROM stats_days;
DELETE FROM stats_feeds;
DROP INDEX ix_stats_days_day ON stats_days;
CREATE INDEX ix_stats_days_day ON stats_days (tz, day, station_id, collected, rejected, released, abnormal,
    cases_opened, cases_closed, cases_reached, cases_lost);
ALTER TABLE stats_days
    DROP COLUMN completed_women,
    DROP COLUMN case_women,
    DROP COLUMN within_5_days,
    DROP COLUMN tested,
    DROP COLUMN screens;
DROP TABLE calendar_days;
ALTER TABLE followups DROP COLUMN first_due_at;
ALTER TABLE samples DROP COLUMN first_released_at;
