-- Same as mysql/00042_list_indexes.sql.

-- +goose Up
CREATE INDEX ix_samples_status_abnormal ON samples (status, abnormal);
CREATE INDEX ix_notifications_followup ON notifications (followup_id);

-- +goose Down
DROP INDEX ix_notifications_followup;
DROP INDEX ix_samples_status_abnormal;
