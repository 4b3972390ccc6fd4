-- The safety net (lab.SafetyNet) looks for released abnormal samples
-- without a follow-up case. This index gives it their ids alone (the
-- primary key is in every secondary index), a quarter of the released
-- samples, instead of every released sample's row.

-- +goose Up
CREATE INDEX ix_samples_status_abnormal ON samples (status, abnormal);

-- +goose Down
DROP INDEX ix_samples_status_abnormal ON samples;
