package loadgen

import (
	"context"
	"os"
	"strconv"
	"sync"

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

// BenchDSNEnv names the database that the benchmarks at programme scale
// (lab's ListPageMillion, lab/stats's SummaryMillion) share and keep.
const BenchDSNEnv = "TORCHLAB_BENCH_MYSQL_DSN"

var benchKept struct {
	once sync.Once
	db   *lab.DB
	err  error
}

// OpenBenchProgramme opens the benchmarks' kept database, once per process,
// seeding it with cfg (TORCHLAB_BENCH_CLIENTS women, a million by default,
// its progress on stderr) when it is empty. ok is false when BenchDSNEnv is
// not set, and the benchmark skips.
func OpenBenchProgramme(cfg Config) (db *lab.DB, ok bool, err error) {
	url := os.Getenv(BenchDSNEnv)
	if url == "" {
		return nil, false, nil
	}
	benchKept.once.Do(func() {
		cfg.Clients = 1_000_000
		if v, err := strconv.Atoi(os.Getenv("TORCHLAB_BENCH_CLIENTS")); err == nil && v > 0 {
			cfg.Clients = v
		}
		cfg.Progress = os.Stderr
		benchKept.db, benchKept.err = OpenKept(context.Background(), url, cfg)
	})
	return benchKept.db, true, benchKept.err
}
