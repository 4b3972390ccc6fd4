-- Same as mysql/00017_episodes.sql: a case is the woman's episode; her one
-- open case, the samples it has read, its next action, its external
-- results.

-- +goose Up
ALTER TABLE followups ADD COLUMN open_client_id INTEGER NULL;
ALTER TABLE followups ADD COLUMN next_action_kind TEXT NOT NULL DEFAULT 'contact';
ALTER TABLE followups ADD COLUMN next_action_due_on DATE NULL;

UPDATE followups SET open_client_id = client_id
WHERE status <> 'closed' AND id = (SELECT MAX(f.id) FROM followups f WHERE f.client_id = followups.client_id AND f.status <> 'closed');
UPDATE followups SET next_action_due_on = SUBSTR(due_at, 1, 10) WHERE status <> 'closed';
UPDATE followups SET escalated_at = COALESCE(escalated_at, reached_at) WHERE status <> 'closed' AND reached_at IS NOT NULL;

CREATE UNIQUE INDEX ux_followups_open_client ON followups (open_client_id);
DROP INDEX ix_followups_queue_late;

CREATE TABLE followup_samples (
    followup_id INTEGER  NOT NULL REFERENCES followups (id),
    sample_id   INTEGER  NOT NULL REFERENCES samples (id),
    added_at    DATETIME NOT NULL,
    PRIMARY KEY (followup_id, sample_id)
);
CREATE INDEX ix_followup_samples_sample ON followup_samples (sample_id);

INSERT INTO followup_samples (followup_id, sample_id, added_at)
    SELECT id, sample_id, opened_at FROM followups;
INSERT OR IGNORE INTO followup_samples (followup_id, sample_id, added_at)
    SELECT a.followup_id, s.id, s.released_at FROM samples s JOIN appointments a ON a.id = s.appointment_id
    WHERE a.followup_id IS NOT NULL AND s.status = 'released';

CREATE TABLE followup_external_results (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    followup_id  INTEGER  NOT NULL REFERENCES followups (id),
    kind         TEXT     NOT NULL,
    pathogen     TEXT     NOT NULL DEFAULT '',
    result       TEXT     NOT NULL,
    performed_on DATE     NOT NULL,
    note         TEXT     NOT NULL DEFAULT '',
    effect       TEXT     NOT NULL DEFAULT '',
    recorded_at  DATETIME NOT NULL,
    recorded_by  INTEGER  NULL
);
CREATE INDEX ix_followup_external_results_case ON followup_external_results (followup_id, id);

-- +goose Down
DROP TABLE followup_external_results;
DROP TABLE followup_samples;
CREATE INDEX ix_followups_queue_late ON followups (status, priority, reached_at, due_at);
DROP INDEX ux_followups_open_client;
ALTER TABLE followups DROP COLUMN next_action_due_on;
ALTER TABLE followups DROP COLUMN next_action_kind;
ALTER TABLE followups DROP COLUMN open_client_id;
