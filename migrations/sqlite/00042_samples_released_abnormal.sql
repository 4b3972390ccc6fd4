-- Same as mysql/00042_samples_released_abnormal.sql.

-- +goose Up
CREATE INDEX ix_samples_status_abnormal ON samples (status, abnormal);

-- +goose Down
DROP INDEX ix_samples_status_abnormal;
