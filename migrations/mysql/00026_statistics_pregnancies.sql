-- The kept statistics remake the days of the women whose pregnancies or
-- rubella vaccinations changed since their last look (lab/stats_feed.go):
-- these indexes answer "changed since" without reading every row.

-- +goose Up
CREATE INDEX ix_pregnancies_updated ON pregnancies (updated_at);
CREATE INDEX ix_vaccinations_recorded ON vaccinations (recorded_at);

-- +goose Down
DROP INDEX ix_vaccinations_recorded ON vaccinations;
DROP INDEX ix_pregnancies_updated ON pregnancies;
