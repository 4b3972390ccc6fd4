-- Same as mysql/00026_statistics_pregnancies.sql.

-- +goose Up
CREATE INDEX ix_pregnancies_updated ON pregnancies (updated_at);
CREATE INDEX ix_vaccinations_recorded ON vaccinations (recorded_at);

-- +goose Down
DROP INDEX ix_vaccinations_recorded;
DROP INDEX ix_pregnancies_updated;
