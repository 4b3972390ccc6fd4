package stats_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"torchlab/cmd/torchlab-load/loadgen"
	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/lab/stats"
	"torchlab/migrations"
)

// Summaries asked together of days not kept yet make each day once: the
// others wait for the fill and read what it made. Counted against one
// summary alone on a fresh service after the kept days are forgotten;
// when every summary made the days itself, the count was several times
// that.
func TestConcurrentSummariesMakeEachDayOnce(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		db := labtest.Open(t, d)
		now := time.Date(2026, 5, 20, 3, 30, 0, 0, time.UTC)
		if _, err := loadgen.Seed(context.Background(), db, loadgen.Config{Clients: 300, Stations: 2, HistoryDays: 40,
			Key: labtest.Key, Now: now, Seed: 11}); err != nil {
			t.Fatal(err)
		}
		clock := labtest.NewClock(now.Add(10 * time.Minute))
		admin := lab.WithActor(context.Background(), lab.Actor{UserID: 1, Username: "admin", Role: lab.RoleAdmin})
		open := func() *stats.Service {
			return stats.New(lab.NewService(db, lab.Options{BcryptCost: bcrypt.MinCost, Key: labtest.Key, Clock: clock.Now}), stats.Options{})
		}
		filter := stats.SummaryFilter{From: "2026-04-10", To: "2026-05-20"}

		together := open()
		const summaries = 8
		var wg sync.WaitGroup
		received := make([]int, summaries)
		errs := make([]error, summaries)
		for i := range summaries {
			wg.Go(func() {
				s, err := together.ProgrammeSummary(admin, filter)
				if err == nil {
					received[i] = s.Received
				}
				errs[i] = err
			})
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("summary %d: %v", i, err)
			}
			if received[i] != received[0] {
				t.Fatalf("summaries asked together disagree: received %v", received)
			}
		}

		if err := db.Gorm.Exec("DELETE FROM stats_days").Error; err != nil {
			t.Fatal(err)
		}
		if err := db.Gorm.Exec("DELETE FROM stats_feeds").Error; err != nil {
			t.Fatal(err)
		}
		alone := open()
		s, err := alone.ProgrammeSummary(admin, filter)
		if err != nil {
			t.Fatal(err)
		}
		if s.Received != received[0] || s.Received == 0 {
			t.Fatalf("received alone %d, together %d", s.Received, received[0])
		}
		if alone.DaysMade() == 0 || together.DaysMade() != alone.DaysMade() {
			t.Fatalf("%d summaries together made %d days; one alone made %d", summaries, together.DaysMade(), alone.DaysMade())
		}
	})
}
