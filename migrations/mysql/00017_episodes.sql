-- A follow-up case is the woman's episode, not one sample's
-- (domain.md §0, Follow-up; lab/followup_release.go):
--
-- - open_client_id is her id while the case is not closed, NULL once it
--   is: its unique index lets a woman have one open case at most, however
--   many releases race.
-- - followup_samples are the samples the case has read: the one that
--   opened it, and each retest, redraw or later sample of hers released
--   while it was open.
-- - next_action_kind and next_action_due_on are what the case waits for
--   (a contact, a retest, an external result, a pregnancy outcome) and by
--   which day; due_at is the instant that day ends at her station, so a
--   case is overdue whenever it passes, reached or not, and escalated_at
--   marks the lapse already escalated.
-- - followup_external_results are avidity, PCR and obstetric referral
--   results recorded on a case.
--
-- Existing cases: the newest open case of each woman becomes her open one
-- (older open ones of the same woman, which the old rules could make,
-- keep a NULL marker and stay workable); each case's sample becomes its
-- member, and so do the released retests booked from it. The due date of
-- an open case is its due time's date in UTC (the station's own date is
-- known only to the code). An open case already reached had no next action
-- under the old rules: it is overdue at once, which is what it is, but
-- marked as escalated so that the upgrade does not send every admin one
-- notification per such case; its next contact gives it a due date.
--
-- The index on (status, priority, reached_at, due_at) served "nobody
-- reached and past due"; overdue does not read reached_at, and
-- (status, priority, due_at, id, reached_at) serves both parts of the
-- queue.

-- +goose Up
ALTER TABLE followups
    ADD COLUMN open_client_id     BIGINT      NULL,
    ADD COLUMN next_action_kind   VARCHAR(16) NOT NULL DEFAULT 'contact',
    ADD COLUMN next_action_due_on DATE        NULL;

UPDATE followups f
    JOIN (SELECT client_id, MAX(id) AS id FROM followups WHERE status <> 'closed' GROUP BY client_id) newest ON newest.id = f.id
SET f.open_client_id = f.client_id;
UPDATE followups SET next_action_due_on = DATE(due_at) WHERE status <> 'closed';
UPDATE followups SET escalated_at = COALESCE(escalated_at, reached_at) WHERE status <> 'closed' AND reached_at IS NOT NULL;

CREATE UNIQUE INDEX ux_followups_open_client ON followups (open_client_id);
DROP INDEX ix_followups_queue_late ON followups;

CREATE TABLE followup_samples (
    followup_id BIGINT      NOT NULL,
    sample_id   BIGINT      NOT NULL,
    added_at    DATETIME(6) NOT NULL,
    PRIMARY KEY (followup_id, sample_id),
    KEY ix_followup_samples_sample (sample_id),
    CONSTRAINT fk_followup_samples_case FOREIGN KEY (followup_id) REFERENCES followups (id),
    CONSTRAINT fk_followup_samples_sample FOREIGN KEY (sample_id) REFERENCES samples (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO followup_samples (followup_id, sample_id, added_at)
    SELECT id, sample_id, opened_at FROM followups;
INSERT IGNORE INTO followup_samples (followup_id, sample_id, added_at)
    SELECT a.followup_id, s.id, s.released_at FROM samples s JOIN appointments a ON a.id = s.appointment_id
    WHERE a.followup_id IS NOT NULL AND s.status = 'released';

CREATE TABLE followup_external_results (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    followup_id  BIGINT       NOT NULL,
    kind         VARCHAR(24)  NOT NULL,
    pathogen     VARCHAR(8)   NOT NULL DEFAULT '',
    result       VARCHAR(16)  NOT NULL,
    performed_on DATE         NOT NULL,
    note         VARCHAR(500) NOT NULL DEFAULT '',
    effect       VARCHAR(32)  NOT NULL DEFAULT '',
    recorded_at  DATETIME(6)  NOT NULL,
    recorded_by  BIGINT       NULL,
    PRIMARY KEY (id),
    KEY ix_followup_external_results_case (followup_id, id),
    CONSTRAINT fk_followup_external_results_case FOREIGN KEY (followup_id) REFERENCES followups (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE followup_external_results;
DROP TABLE followup_samples;
CREATE INDEX ix_followups_queue_late ON followups (status, priority, reached_at, due_at);
DROP INDEX ux_followups_open_client ON followups;
ALTER TABLE followups
    DROP COLUMN next_action_due_on,
    DROP COLUMN next_action_kind,
    DROP COLUMN open_client_id;
