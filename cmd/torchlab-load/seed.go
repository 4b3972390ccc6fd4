package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"torchlab/cmd/torchlab-load/loadgen"
	"torchlab/lab"
	"torchlab/migrations"
)

func seedCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("seed", stderr)
	dbURL := fs.String("db", os.Getenv("TORCHLAB_DB"), "the database, as TORCHLAB_DB: sqlite:PATH or mysql://USER@tcp(HOST:PORT)/DB")
	var cfg loadgen.Config
	fs.IntVar(&cfg.Clients, "clients", 1_000_000, "women in the programme")
	fs.IntVar(&cfg.Stations, "stations", 0, "stations (default one per 10,000 women)")
	fs.IntVar(&cfg.LabTechs, "lab-techs", 0, "lab technicians (default stations/5, at least 4)")
	fs.IntVar(&cfg.HistoryDays, "history-days", 365, "days of past activity")
	fs.IntVar(&cfg.FutureDays, "future-days", 21, "days of slots ahead")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "random seed (the same seed gives the same programme)")
	fs.StringVar(&cfg.Password, "password", loadgen.DefaultPassword, "every seeded user's password")
	quiet := fs.Bool("quiet", false, "no progress lines")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dbURL == "" {
		return fmt.Errorf("seed: --db (or TORCHLAB_DB) names the database")
	}
	key, err := seedKey(*dbURL)
	if err != nil {
		return err
	}
	cfg.Key = key
	if !*quiet {
		cfg.Progress = stderr
	}
	db, err := lab.OpenDatabase(bulkURL(*dbURL), lab.PoolOptions{MaxOpen: 2, MaxIdle: 2, MaxLifetime: time.Hour})
	if err != nil {
		return err
	}
	defer db.Close()
	sum, err := loadgen.Seed(ctx, db, cfg)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "seeded in %s: %d stations, %d users, %d clients, %d slots, %d appointments, %d samples, %d results, %d follow-up cases, %d audit rows (%d rows, %.0f rows/s)\n",
		sum.Elapsed.Round(time.Second), sum.Stations, sum.Users, sum.Clients, sum.Slots, sum.Appointments, sum.Samples,
		sum.Results, sum.Followups, sum.AuditRows, sum.Rows, float64(sum.Rows)/sum.Elapsed.Seconds())
	fmt.Fprintf(stdout, "sign in as %s, %s, %s, %s (password %q)\n", loadgen.AdminName(1), loadgen.NurseName(1, 1),
		loadgen.LabTechName(1), loadgen.CounselorName(1, 1), cfg.Password)
	return nil
}

// seedKey is the personal-data key the service will run with: TORCHLAB_KEY,
// or for SQLite the key file beside the database, made if missing (as
// torchlab serve does).
func seedKey(url string) ([]byte, error) {
	if raw := os.Getenv("TORCHLAB_KEY"); raw != "" {
		return lab.ParseKey(raw)
	}
	dialect, dsn, err := lab.ParseDatabaseURL(url)
	if err != nil {
		return nil, err
	}
	if dialect != migrations.SQLite {
		return nil, fmt.Errorf("seed: TORCHLAB_KEY must be set for MySQL (the service must run with the same key)")
	}
	key, _, err := lab.LoadOrCreateKeyFile(dsn + ".key")
	return key, err
}

// bulkURL asks the MySQL driver to put the values into the statement text
// itself: a multi-row INSERT then costs one round trip instead of a
// prepare, an execute and a close.
func bulkURL(url string) string {
	if !strings.HasPrefix(url, "mysql://") || strings.Contains(url, "interpolateParams") {
		return url
	}
	if strings.Contains(url, "?") {
		return url + "&interpolateParams=true"
	}
	return url + "?interpolateParams=true"
}
