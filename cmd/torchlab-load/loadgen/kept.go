package loadgen

import (
	"context"

	"torchlab/lab"
	"torchlab/migrations"
)

// OpenKept opens a database kept between runs, as the benchmarks at
// programme scale use (seeding a million women takes minutes): it brings
// the schema up and seeds cfg's programme only when the database has no
// station yet.
func OpenKept(ctx context.Context, url string, cfg Config) (*lab.DB, error) {
	db, err := lab.OpenDatabase(url, lab.DefaultPool)
	if err != nil {
		return nil, err
	}
	if _, err := migrations.Up(ctx, db.SQL, db.Dialect, nil); err != nil {
		return nil, err
	}
	var n int64
	if err := db.SQL.QueryRowContext(ctx, "SELECT COUNT(*) FROM stations").Scan(&n); err != nil || n > 0 {
		return db, err
	}
	if _, err := Seed(ctx, db, cfg); err != nil {
		return nil, err
	}
	return db, nil
}
