package stats_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"torchlab/cmd/torchlab-load/loadgen"
	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/lab/stats"
	"torchlab/migrations"
)

// The kept statistics (stats_days) give exactly the answers of reading
// every sample, over a seeded programme with women seen more than once,
// cases in every state and samples collected at every hour: for a range
// across months, single months and days, each station in its own time
// zone against the programme in another, an empty range; and again after
// samples are received, released, amended, and cases reached and closed,
// a redraw's case reached, a retest released on a case, a rejected tube
// redrawn, a pregnancy recorded and reached early, an outcome recorded and
// one corrected, a rubella vaccination (the days already kept must
// follow), after the clock moves on,
// and after the working calendar changes.
func TestKeptStatisticsMatchTheRecords(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		db := labtest.Open(t, d)
		now := time.Date(2026, 5, 20, 3, 30, 0, 0, time.UTC)
		if _, err := loadgen.Seed(context.Background(), db, loadgen.Config{Clients: 800, Stations: 3, HistoryDays: 100,
			Key: labtest.Key, Now: now, Seed: 7}); err != nil {
			t.Fatal(err)
		}
		seeAgain(t, db)
		episodes := seeEpisodes(t, db, now)
		seePregnancies(t, db, now)
		clock := labtest.NewClock(now.Add(10 * time.Minute)) // past the seed's last changes
		// The programme counts in UTC days, its stations in Shanghai's.
		svc := lab.NewService(db, lab.Options{BcryptCost: bcrypt.MinCost, Key: labtest.Key, Clock: clock.Now, DefaultTimezone: "UTC"})
		sts := stats.New(svc, stats.Options{})
		admin := lab.WithActor(context.Background(), lab.Actor{UserID: 1, Username: "admin", Role: lab.RoleAdmin})
		var stations []int64
		if err := db.Gorm.Table("stations").Order("id").Pluck("id", &stations).Error; err != nil {
			t.Fatal(err)
		}
		type filter struct{ from, to string }
		ranges := []filter{
			{"2026-01-01", "2026-06-30"}, // everything, across months
			{"2026-03-01", "2026-03-31"}, // one month
			{"2026-02-15", "2026-04-10"}, // parts of months
			{"2026-04-30", "2026-05-01"}, // a month's boundary
			{"2026-05-19", "2026-05-19"}, // one day
			{"2027-01-01", "2027-01-31"}, // nothing in it
			{"2000-01-01", "2030-12-31"}, // decades, mostly empty
		}
		check := func(t *testing.T, when string) {
			t.Helper()
			for _, r := range ranges {
				for _, st := range append([]*int64{nil}, ptrs(stations)...) {
					f := stats.SummaryFilter{From: r.from, To: r.to, StationID: st}
					got, err := sts.ProgrammeSummary(admin, f)
					if err != nil {
						t.Fatal(err)
					}
					want, err := sts.SummaryDirect(admin, f)
					if err != nil {
						t.Fatal(err)
					}
					g, _ := json.Marshal(got)
					w, _ := json.Marshal(want)
					if string(g) != string(w) {
						t.Fatalf("%s, %s to %s, station %v:\nkept   %s\nrecords %s", when, r.from, r.to, deref(st), g, w)
					}
				}
			}
		}
		check(t, "seeded")
		whole, err := sts.ProgrammeSummary(admin, stats.SummaryFilter{From: "2026-01-01", To: "2026-06-30"})
		if err != nil {
			t.Fatal(err)
		}
		if whole.Screened >= whole.Collected || whole.Released == 0 || whole.Followup.Closed == 0 ||
			whole.Turnaround.ReleaseToReached.Count == 0 || len(whole.ByMonth) < 4 || len(whole.ByStation) != 3 ||
			whole.Tested == 0 || whole.Retests.Released == 0 || whole.Redraws.Collected < 6 || whole.Redraws.Released < 4 ||
			whole.RetestCompletion.Numerator == 0 || whole.RetestCompletion.Numerator == whole.RetestCompletion.Denominator ||
			whole.ReachedInTime.Numerator == 0 || whole.FollowupCompletion.Numerator == 0 || whole.LostToFollowUp.Numerator == 0 ||
			whole.RubellaVaccinationCompletion.Denominator == 0 ||
			whole.Turnaround.CollectionToFirstRelease.Within5WorkingDays.Numerator == whole.Tested {
			t.Fatalf("the seed lacks the edges the test needs: %+v", whole)
		}
		// The pregnancy figures have every part: women reached in early
		// pregnancy and not, pending follow-ups, outcomes after normal and
		// abnormal screens, births with and without a defect, vaccinations.
		pending := func(r stats.Ratio) bool { return r.Numerator > 0 && r.Numerator < r.Denominator }
		if !pending(whole.EarlyPregnancyFollowup) || !pending(whole.OutcomeFollowup) || !pending(whole.BirthDefects.Ratio) ||
			!pending(whole.RubellaVaccinationCompletion) || whole.OutcomesByScreeningResult[0].Total == 0 ||
			whole.OutcomesByScreeningResult[1].Total == 0 || whole.OutcomesByScreeningResult[1].Outcomes["stillbirth"] == 0 {
			t.Fatalf("the seed lacks the pregnancy edges the test needs: %+v %+v %+v %+v %+v", whole.EarlyPregnancyFollowup,
				whole.OutcomeFollowup, whole.BirthDefects, whole.RubellaVaccinationCompletion, whole.OutcomesByScreeningResult)
		}

		// Changes to days already kept, through the use cases.
		var techs []int64
		if err := db.Gorm.Table("users").Where("role = ?", lab.RoleLabTech).Order("id").Pluck("id", &techs).Error; err != nil {
			t.Fatal(err)
		}
		tech := lab.WithActor(context.Background(), lab.Actor{UserID: techs[0], Username: "t1", Role: lab.RoleLabTech})
		tech2 := lab.WithActor(context.Background(), lab.Actor{UserID: techs[1], Username: "t2", Role: lab.RoleLabTech})
		sampleWith := func(status lab.SampleStatus) string {
			var acc []string
			if err := db.Gorm.Table("samples").Where("status = ?", status).Order("id").Limit(1).Pluck("accession", &acc).Error; err != nil || len(acc) == 0 {
				t.Fatalf("no %s sample: %v", status, err)
			}
			return acc[0]
		}
		clock.Advance(time.Hour)
		if _, _, err := svc.ReceiveSample(tech, sampleWith(lab.SampleCollected)); err != nil {
			t.Fatal(err)
		}
		released := sampleWith(lab.SampleReleased)
		if _, err := svc.Amend(tech, released, "TOXO_IGM", lab.ResultInput{Analyte: "TOXO_IGM", Value: "50"}, "analyser rerun"); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Verify(tech2, released, lab.VerifyOptions{AcknowledgeAbnormal: true}); err != nil {
			t.Fatal(err)
		}
		var open []int64
		if err := db.Gorm.Table("followups").Where("status <> ?", lab.CaseClosed).Order("id").Limit(2).Pluck("id", &open).Error; err != nil || len(open) < 2 {
			t.Fatalf("open cases %v: %v", open, err)
		}
		if _, err := svc.AddContact(admin, open[0], lab.NewContact{Channel: "phone", Result: "reached"}); err != nil {
			t.Fatal(err)
		}
		// A case closes only after she was reached (domain.md §0).
		if _, err := svc.AddContact(admin, open[1], lab.NewContact{Channel: "visit", Result: "reached"}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.CloseFollowup(admin, open[1], "counseled", ""); err != nil {
			t.Fatal(err)
		}
		episodes.changeEpisodes(svc, admin, clock.Now())
		changePregnancies(t, db, svc, admin, clock.Now())
		// A sample collected on a day already kept (as a collection at the
		// desk would add one today).
		var last lab.Sample
		if err := db.Gorm.Where("status = ?", lab.SampleReleased).Order("id DESC").First(&last).Error; err != nil {
			t.Fatal(err)
		}
		var ap lab.Appointment
		if err := db.Gorm.First(&ap, last.AppointmentID).Error; err != nil {
			t.Fatal(err)
		}
		ap.ID, ap.OpenClientID = 0, nil
		if err := db.Gorm.Create(&ap).Error; err != nil {
			t.Fatal(err)
		}
		fresh := lab.Sample{Accession: "ZZZZZZZ1", ClientID: last.ClientID, AppointmentID: ap.ID, StationID: last.StationID,
			PanelCode: last.PanelCode, Kind: last.Kind, Status: lab.SampleCollected,
			CollectedAt: time.Date(2026, 5, 19, 6, 0, 0, 0, time.UTC), UpdatedAt: clock.Now()}
		if err := db.Gorm.Create(&fresh).Error; err != nil {
			t.Fatal(err)
		}
		check(t, "after changes")
		moved, err := sts.ProgrammeSummary(admin, stats.SummaryFilter{From: "2026-01-01", To: "2026-06-30"})
		if err != nil {
			t.Fatal(err)
		}
		if moved.EarlyPregnancyFollowup.Numerator != whole.EarlyPregnancyFollowup.Numerator+1 ||
			moved.BirthDefects.Numerator != whole.BirthDefects.Numerator+1 ||
			moved.RubellaVaccinationCompletion.Numerator != whole.RubellaVaccinationCompletion.Numerator+1 ||
			moved.OutcomeFollowup.Numerator != whole.OutcomeFollowup.Numerator+1 {
			t.Fatalf("the pregnancy changes did not move the figures (from %+v): %+v %+v %+v %+v", whole.OutcomeFollowup, moved.EarlyPregnancyFollowup,
				moved.BirthDefects, moved.RubellaVaccinationCompletion, moved.OutcomeFollowup)
		}

		// Well past the margin, another change is still seen.
		clock.Advance(time.Hour)
		if _, err := svc.AddContact(admin, open[1], lab.NewContact{Channel: "phone", Result: "no_answer"}); err == nil {
			t.Fatal("a contact on a closed case was taken")
		}
		if _, err := svc.CloseFollowup(admin, open[0], "referred", ""); err != nil {
			t.Fatal(err)
		}
		check(t, "an hour later")

		// A new calendar counts working days again: a holiday and a
		// make-up Saturday inside the turnarounds.
		if _, err := svc.UpdateCalendar(admin, lab.CalendarInput{Holidays: []string{"2026-04-06", "2026-05-01", "2026-05-04", "2026-05-05"},
			Workdays: []string{"2026-04-25", "2026-05-09"}}); err != nil {
			t.Fatal(err)
		}
		check(t, "a new calendar")
	})
}

func ptrs(ids []int64) []*int64 {
	out := make([]*int64, len(ids))
	for i := range ids {
		out[i] = &ids[i]
	}
	return out
}

func deref(p *int64) any {
	if p == nil {
		return "all"
	}
	return *p
}

// seeAgain gives some of the seeded women a second or third sample (a
// redraw, a retest): days, weeks or months after the first, at her station
// or another, so that counting each woman once is put to the test.
func seeAgain(t *testing.T, db *lab.DB) {
	t.Helper()
	var firsts []lab.Sample
	if err := db.Gorm.Order("id").Limit(60).Find(&firsts).Error; err != nil {
		t.Fatal(err)
	}
	var stations []int64
	if err := db.Gorm.Table("stations").Order("id").Pluck("id", &stations).Error; err != nil {
		t.Fatal(err)
	}
	after := []time.Duration{90 * time.Minute, 3 * 24 * time.Hour, 20 * 24 * time.Hour, 45 * 24 * time.Hour}
	for i, first := range firsts {
		var ap lab.Appointment
		if err := db.Gorm.First(&ap, first.AppointmentID).Error; err != nil {
			t.Fatal(err)
		}
		for k := 0; k <= i%2; k++ {
			at := first.CollectedAt.Add(after[(i+k)%len(after)] * time.Duration(k+1))
			station := first.StationID
			if i%3 == 0 {
				station = stations[(i/3)%len(stations)]
			}
			again := ap
			again.ID, again.StationID, again.OpenClientID = 0, station, nil
			if err := db.Gorm.Create(&again).Error; err != nil {
				t.Fatal(err)
			}
			sm := first
			sm.ID, sm.AppointmentID, sm.StationID, sm.CollectedAt, sm.UpdatedAt = 0, again.ID, station, at, at
			sm.Accession, _ = lab.FormatAccession(int64(1<<34 + 10*i + k))
			if sm.ReceivedAt != nil {
				r := at.Add(5 * time.Hour)
				sm.ReceivedAt = &r
			}
			if sm.ReleasedAt != nil {
				r := at.Add(30 * time.Hour)
				sm.ReleasedAt, sm.FirstReleasedAt = &r, &r
			}
			if err := db.Gorm.Create(&sm).Error; err != nil {
				t.Fatal(err)
			}
		}
	}
}

// With a freshness window, one summary in the window brings the kept days
// up to date and the others read them as kept: a change shows once the
// window has passed, never later.
func TestStatisticsFreshnessWindow(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		db := labtest.Open(t, d)
		now := time.Date(2026, 5, 20, 3, 30, 0, 0, time.UTC)
		if _, err := loadgen.Seed(context.Background(), db, loadgen.Config{Clients: 300, Stations: 1, HistoryDays: 30,
			Key: labtest.Key, Now: now, Seed: 3}); err != nil {
			t.Fatal(err)
		}
		seeAgain(t, db)
		clock := labtest.NewClock(now.Add(10 * time.Minute))
		svc := lab.NewService(db, lab.Options{BcryptCost: bcrypt.MinCost, Key: labtest.Key, Clock: clock.Now})
		sts := stats.New(svc, stats.Options{Freshness: time.Minute})
		admin := lab.WithActor(context.Background(), lab.Actor{UserID: 1, Username: "admin", Role: lab.RoleAdmin})
		received := func() int {
			t.Helper()
			s, err := sts.ProgrammeSummary(admin, stats.SummaryFilter{From: "2026-04-01", To: "2026-05-31"})
			if err != nil {
				t.Fatal(err)
			}
			return s.Received
		}
		before := received()
		var techs []int64
		if err := db.Gorm.Table("users").Where("role = ?", lab.RoleLabTech).Order("id").Pluck("id", &techs).Error; err != nil || len(techs) == 0 {
			t.Fatalf("no technician: %v", err)
		}
		var acc []string
		if err := db.Gorm.Table("samples").Where("status = ?", lab.SampleCollected).Order("id").Limit(1).Pluck("accession", &acc).Error; err != nil || len(acc) == 0 {
			t.Fatalf("no collected sample: %v", err)
		}
		clock.Advance(10 * time.Second)
		tech := lab.WithActor(context.Background(), lab.Actor{UserID: techs[0], Username: "t1", Role: lab.RoleLabTech})
		if _, _, err := svc.ReceiveSample(tech, acc[0]); err != nil {
			t.Fatal(err)
		}
		clock.Advance(10 * time.Second)
		if got := received(); got != before {
			t.Fatalf("within the window the kept figures changed: %d → %d", before, got)
		}
		clock.Advance(time.Minute)
		if got := received(); got != before+1 {
			t.Fatalf("after the window, received = %d, want %d", got, before+1)
		}
	})
}
