-- Two lookups that read a whole table at a million women:
-- the safety net (lab.SafetyNet) looks for released abnormal samples
-- without a follow-up case, and with this index gets their ids alone (the
-- primary key is in every secondary index), a quarter of the released
-- samples, instead of every released sample's row; closing a case marks
-- its notifications read (lab/followup_work.go), which without an index on
-- followup_id scanned, and locked, every notification.

-- +goose Up
CREATE INDEX ix_samples_status_abnormal ON samples (status, abnormal);
CREATE INDEX ix_notifications_followup ON notifications (followup_id);

-- +goose Down
DROP INDEX ix_notifications_followup ON notifications;
DROP INDEX ix_samples_status_abnormal ON samples;
