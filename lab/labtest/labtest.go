// Package labtest gives tests fresh, migrated torchlab databases: always an
// SQLite file, and a MySQL database as well when TORCHLAB_TEST_MYSQL_DSN
// names a server. Each test gets its own database, dropped afterwards, so
// test packages running in parallel never see each other's rows.
package labtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	mysqldriver "github.com/go-sql-driver/mysql"

	"torchlab/lab"
	"torchlab/migrations"
)

// MySQLEnv names the server the MySQL half of the tests runs on, in
// TORCHLAB_DB's form: mysql://root@tcp(127.0.0.1:3306)/test.
const MySQLEnv = "TORCHLAB_TEST_MYSQL_DSN"

// Dialects returns the dialects to test on: SQLite, and MySQL when
// MySQLEnv is set.
func Dialects() []migrations.Dialect {
	if os.Getenv(MySQLEnv) != "" {
		return []migrations.Dialect{migrations.SQLite, migrations.MySQL}
	}
	return []migrations.Dialect{migrations.SQLite}
}

// EachDialect runs fn as a subtest per dialect, named after it.
func EachDialect(t *testing.T, fn func(t *testing.T, dialect migrations.Dialect)) {
	t.Helper()
	for _, d := range Dialects() {
		t.Run(string(d), func(t *testing.T) { fn(t, d) })
	}
}

// URL returns a TORCHLAB_DB URL for a new, empty database of the dialect,
// dropped when the test ends.
func URL(t testing.TB, dialect migrations.Dialect) string {
	t.Helper()
	switch dialect {
	case migrations.SQLite:
		return "sqlite:" + filepath.Join(t.TempDir(), "torchlab.db")
	case migrations.MySQL:
		return newMySQLDatabase(t)
	}
	t.Fatalf("unknown dialect %q", dialect)
	return ""
}

// Open returns a new, migrated database of the dialect, closed and dropped
// when the test ends.
func Open(t testing.TB, dialect migrations.Dialect) *lab.DB {
	t.Helper()
	return OpenURL(t, URL(t, dialect))
}

// OpenURL opens and migrates the database at a TORCHLAB_DB URL, closing it
// when the test ends. Opening one URL twice gives two pools on one
// database, as two torchlab processes would have.
func OpenURL(t testing.TB, url string) *lab.DB {
	t.Helper()
	db, err := lab.OpenDatabase(url, lab.DefaultPool)
	if err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := migrations.Up(context.Background(), db.SQL, db.Dialect, nil); err != nil {
		t.Fatalf("migrate %s: %v", url, err)
	}
	SeedLots(t, db)
	return db
}

// SeedLot is the reagent lot every test database has in use for every
// analyte, so that tests entering results need not know about lots
// (lot_required is on by default). It expires far beyond any test clock.
const SeedLot = "L2026"

// SeedLots registers SeedLot for every analyte and puts it in use, once
// per database (opening a database again finds them there).
func SeedLots(tb testing.TB, db *lab.DB) {
	tb.Helper()
	var n int64
	if err := db.Gorm.Table("reagent_lots").Count(&n).Error; err != nil {
		tb.Fatalf("seed lots: %v", err)
	}
	if n > 0 {
		return
	}
	var analytes []string
	if err := db.Gorm.Table("analytes").Order("position").Pluck("code", &analytes).Error; err != nil {
		tb.Fatalf("seed lots: %v", err)
	}
	at := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, a := range analytes {
		l := lab.ReagentLot{AnalyteCode: a, Kit: a, Lot: SeedLot, ExpiresOn: "2099-12-31", ReceivedOn: "2000-01-01", CreatedAt: at}
		if err := db.Gorm.Create(&l).Error; err != nil {
			tb.Fatalf("seed lots: %v", err)
		}
		if err := db.Gorm.Exec("INSERT INTO lots_in_use (analyte_code, lot_id, since) VALUES (?, ?, ?)", a, l.ID, at).Error; err != nil {
			tb.Fatalf("seed lots: %v", err)
		}
	}
	// As every change of the lots does, so that no process's cache of
	// them stays as it was (lab/reference_cache.go).
	if err := db.Gorm.Exec("UPDATE reference_version SET version = version + 1").Error; err != nil {
		tb.Fatalf("seed lots: %v", err)
	}
}

func newMySQLDatabase(t testing.TB) string {
	t.Helper()
	url := os.Getenv(MySQLEnv)
	cfg, err := mysqldriver.ParseDSN(strings.TrimPrefix(url, "mysql://"))
	if err != nil {
		t.Fatalf("%s: %v", MySQLEnv, err)
	}
	server, err := sql.Open("mysql", cfg.FormatDSN())
	if err != nil {
		t.Fatalf("%s: %v", MySQLEnv, err)
	}
	defer server.Close()
	b := make([]byte, 6)
	rand.Read(b)
	name := "torchlab_test_" + hex.EncodeToString(b)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := server.ExecContext(ctx, "CREATE DATABASE "+name+" CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"); err != nil {
		t.Fatalf("create test database on %s: %v", cfg.Addr, err)
	}
	t.Cleanup(func() {
		drop, err := sql.Open("mysql", cfg.FormatDSN())
		if err != nil {
			return
		}
		defer drop.Close()
		drop.Exec("DROP DATABASE IF EXISTS " + name)
	})
	cfg.DBName = name
	return "mysql://" + cfg.FormatDSN()
}

// Clock is a test clock that moves only when told to.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock starts a clock at t.
func NewClock(t time.Time) *Clock { return &Clock{now: t.UTC()} }

// Now returns the clock's time; pass c.Now as a lab.Clock.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Key is a fixed personal-data key for tests.
var Key = []byte("torchlab-test-key-32-bytes-long!")

// ReceivedSamples makes n received TORCH8 samples of n women at a new
// station (its code and name: station) directly in the tables, the fastest
// way to a realistic import, and returns their accession codes.
func ReceivedSamples(tb testing.TB, db *lab.DB, station string, n int) []string {
	tb.Helper()
	if n == 0 {
		return nil
	}
	svc := lab.NewService(db, lab.Options{Key: Key})
	st, err := svc.CreateStation(lab.SystemContext(context.Background(), "(test)"), lab.NewStation{Code: station, Name: station})
	if err != nil {
		tb.Fatal(err)
	}
	now := time.Now().UTC().Add(-time.Hour)
	day := lab.DateOf(now)
	slot := lab.Slot{StationID: st.ID, Day: day, StartTime: "08:00", StartsAt: now, DayEndsAt: now.Add(24 * time.Hour), Capacity: n, CreatedAt: now}
	if err := db.Gorm.Create(&slot).Error; err != nil {
		tb.Fatal(err)
	}
	clients := make([]lab.Client, n)
	for i := range clients {
		clients[i] = lab.Client{StationID: st.ID, Name: fmt.Sprintf("W%d", i), NationalIDSealed: "x", NationalIDHash: fmt.Sprintf("%064d", i),
			NationalIDMasked: "x", BirthDate: "1995-01-01", Phone: "13900000000", Address: "x", Category: lab.Planning,
			ConsentGiven: true, CreatedAt: now, UpdatedAt: now}
	}
	if err := db.Gorm.CreateInBatches(&clients, 500).Error; err != nil {
		tb.Fatal(err)
	}
	apps := make([]lab.Appointment, n)
	for i := range apps {
		apps[i] = lab.Appointment{ClientID: clients[i].ID, StationID: st.ID, SlotID: slot.ID, Status: lab.Collected, Kind: lab.KindScreening,
			Day: day, Category: lab.Planning, BookedAt: now, UpdatedAt: now}
	}
	if err := db.Gorm.CreateInBatches(&apps, 500).Error; err != nil {
		tb.Fatal(err)
	}
	samples := make([]lab.Sample, n)
	codes := make([]string, n)
	for i := range samples {
		codes[i], _ = lab.FormatAccession(int64(1<<35 + i))
		samples[i] = lab.Sample{Accession: codes[i], ClientID: clients[i].ID, AppointmentID: apps[i].ID, StationID: st.ID,
			PanelCode: "TORCH8", Kind: lab.KindScreening, Status: lab.SampleReceived, CollectedAt: now, UpdatedAt: now}
	}
	if err := db.Gorm.CreateInBatches(&samples, 500).Error; err != nil {
		tb.Fatal(err)
	}
	return codes
}

// SlowSQLiteStatement opens a bare SQLite database (closed when the test
// ends) holding a table of 3,000 rows, and returns it with a statement that
// writes their cross join: nine million rows, seconds of work, so that a
// context ended 50 ms in stops it mid-run. SQLite's driver then answers
// SQLITE_INTERRUPT, not the context's error (lab.Interrupted).
func SlowSQLiteStatement(t testing.TB) (*lab.DB, string) {
	t.Helper()
	db, err := lab.OpenDatabase("sqlite:"+filepath.Join(t.TempDir(), "slow.db"), lab.DefaultPool)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.SQL.Exec(`CREATE TABLE t (x INTEGER);
		WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000) INSERT INTO t SELECT x FROM c`); err != nil {
		t.Fatal(err)
	}
	return db, "CREATE TABLE IF NOT EXISTS u AS SELECT a.x FROM t AS a, t AS b"
}
