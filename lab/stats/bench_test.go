package stats_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"torchlab/cmd/torchlab-load/loadgen"
	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/lab/stats"
)

// The benchmarks at programme scale run on a database seeded once by
// cmd/torchlab-load/loadgen and kept between runs (seeding a million women takes
// minutes). They skip unless TORCHLAB_BENCH_MYSQL_DSN names it, so that
// `go test ./...` stays fast:
//
//	mariadb -e 'CREATE DATABASE torchlab_stats_bench'
//	TORCHLAB_BENCH_MYSQL_DSN='mysql://root@tcp(127.0.0.1:3306)/torchlab_stats_bench' \
//	  go test -run '^$' -bench 'SummaryMillion/^(year|month|station)' -benchtime 20x ./lab/stats/
//
// The "records" sub-benchmarks of BenchmarkSummaryMillion compute the
// summary from the records as the tests' reference does (every sample,
// and every screen record by record): minutes a run, so run them apart
// with -benchtime 1x, as BenchmarkSummaryFillYear (a year's first fill).
//
// TORCHLAB_BENCH_CLIENTS sets the size of a new seed (default 1,000,000).
// The programme is seeded up to benchNow, so its dates do not move.
var benchNow = time.Date(2026, 6, 1, 2, 0, 0, 0, time.UTC)

// benchProgramme opens the kept database (seeded first if empty) and a
// service on it, an hour after the seed.
func benchProgramme(b *testing.B) (*lab.DB, *lab.Service) {
	b.Helper()
	db, ok, err := loadgen.OpenBenchProgramme(loadgen.Config{Key: labtest.Key, Now: benchNow})
	if !ok {
		b.Skip(loadgen.BenchDSNEnv + " is not set")
	}
	if err != nil {
		b.Fatal(err)
	}
	// An hour after the seed: its last changes are past the statistics'
	// margin, as on a programme at rest.
	clock := labtest.NewClock(benchNow.Add(time.Hour))
	return db, lab.NewService(db, lab.Options{BcryptCost: bcrypt.MinCost, Key: labtest.Key, Clock: clock.Now})
}

func benchAdmin() context.Context {
	return lab.WithActor(context.Background(), lab.Actor{UserID: 1, Username: loadgen.AdminName(1), Role: lab.RoleAdmin})
}

// BenchmarkSummaryMillion is GET /reports/summary over the seeded
// programme: its whole year, its last month, and one station's year.
func BenchmarkSummaryMillion(b *testing.B) {
	db, svc := benchProgramme(b)
	sts := stats.New(svc, stats.Options{})
	var station int64
	if err := db.Gorm.Table("stations").Select("MIN(id)").Scan(&station).Error; err != nil {
		b.Fatal(err)
	}
	to := string(lab.DateOf(benchNow.In(time.FixedZone("CST", 8*3600))))
	year, lastMonth := string(lab.DateOf(benchNow.AddDate(-1, 0, 0))), string(lab.DateOf(benchNow.AddDate(0, -1, 0)))
	for _, tc := range []struct {
		name, from string
		station    *int64
		direct     bool // read every sample instead of stats_days
	}{
		{"year", year, nil, false},
		{"year, a sample changed since", year, nil, false},
		{"year, a pregnancy changed since", year, nil, false},
		{"month", lastMonth, nil, false},
		{"station year", year, &station, false},
		{"records month", lastMonth, nil, true},
		{"records station year", year, &station, true},
		{"records year", year, nil, true},
	} {
		b.Run(tc.name, func(b *testing.B) {
			summary := sts.ProgrammeSummary
			if tc.direct {
				summary = sts.SummaryDirect
			}
			f := stats.SummaryFilter{From: tc.from, To: to, StationID: tc.station}
			sum, err := summary(benchAdmin(), f) // the first may fill what later ones read
			if err != nil {
				b.Fatal(err)
			}
			// A change since the last look: a sample released (its
			// station's day is made again), or a pregnancy's outcome
			// recorded (the days of her screens).
			var changed int64
			table := "samples"
			if strings.Contains(tc.name, "pregnancy") {
				table = "pregnancies"
			}
			if strings.Contains(tc.name, "changed") {
				q := db.Gorm.Table(table).Select("MAX(id)")
				if table == "samples" {
					q = q.Where("status = ?", lab.SampleReleased)
				}
				if err := q.Scan(&changed).Error; err != nil {
					b.Fatal(err)
				}
			}
			b.ResetTimer()
			for b.Loop() {
				if changed != 0 {
					if err := db.Gorm.Exec("UPDATE "+table+" SET updated_at = ? WHERE id = ?", benchNow.Add(time.Hour), changed).Error; err != nil {
						b.Fatal(err)
					}
				}
				if _, err := summary(benchAdmin(), f); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(sum.Collected), "samples")
			b.ReportMetric(float64(sum.EarlyPregnancyFollowup.Denominator), "pregnancies")
		})
	}
}

// BenchmarkSummaryFillYear is the first summary of a year whose days are
// not kept yet (as after a seed or an upgrade): it makes them all. It
// counts in UTC days, kept apart from the other benchmarks' zone, and
// forgets them before each run.
func BenchmarkSummaryFillYear(b *testing.B) {
	db, _ := benchProgramme(b)
	clock := labtest.NewClock(benchNow.Add(time.Hour))
	svc := stats.New(lab.NewService(db, lab.Options{BcryptCost: bcrypt.MinCost, Key: labtest.Key, Clock: clock.Now, DefaultTimezone: "UTC"}), stats.Options{})
	f := stats.SummaryFilter{From: string(lab.DateOf(benchNow.AddDate(-1, 0, 0))), To: string(lab.DateOf(benchNow))}
	for b.Loop() {
		b.StopTimer()
		for _, table := range []string{"stats_days", "stats_feeds"} {
			if err := db.Gorm.Exec("DELETE FROM "+table+" WHERE tz = ?", "UTC").Error; err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		if _, err := svc.ProgrammeSummary(benchAdmin(), f); err != nil {
			b.Fatal(err)
		}
	}
}
