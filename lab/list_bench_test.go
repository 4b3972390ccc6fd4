package lab_test

import (
	"context"
	"sort"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"torchlab/cmd/torchlab-load/loadgen"
	"torchlab/lab"
	"torchlab/lab/labtest"
)

// The benchmark runs on the database that lab/stats's BenchmarkSummaryMillion
// uses (see its file), seeded once by cmd/torchlab-load/loadgen and kept
// between runs; it skips unless TORCHLAB_BENCH_MYSQL_DSN names it:
//
//	TORCHLAB_BENCH_MYSQL_DSN='mysql://root@tcp(127.0.0.1:3306)/torchlab_stats_bench' \
//	  go test -run '^$' -bench 'ListPage' -benchtime 20x ./lab/
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
	clock := labtest.NewClock(benchNow.Add(time.Hour))
	return db, lab.NewService(db, lab.Options{BcryptCost: bcrypt.MinCost, Key: labtest.Key, Clock: clock.Now})
}

func benchAdmin() context.Context {
	return lab.WithActor(context.Background(), lab.Actor{UserID: 1, Username: loadgen.AdminName(1), Role: lab.RoleAdmin})
}

// BenchmarkListPageMillion reads one page (50) of every list over the
// seeded programme (see benchProgramme), as the staff who use it would,
// and reports the 99th percentile besides the mean.
func BenchmarkListPageMillion(b *testing.B) {
	db, svc := benchProgramme(b)
	var station, counselor, client int64
	if err := db.Gorm.Table("stations").Select("MIN(id)").Scan(&station).Error; err != nil {
		b.Fatal(err)
	}
	if err := db.Gorm.Table("users").Select("MIN(id)").Where("role = ? AND station_id = ?", lab.RoleCounselor, station).Scan(&counselor).Error; err != nil {
		b.Fatal(err)
	}
	if err := db.Gorm.Table("clients").Select("MAX(id)").Where("station_id = ?", station).Scan(&client).Error; err != nil {
		b.Fatal(err)
	}
	var name string
	if err := db.Gorm.Table("clients").Select("name").Where("id = ?", client).Scan(&name).Error; err != nil {
		b.Fatal(err)
	}
	admin := benchAdmin()
	nurse := lab.WithActor(context.Background(), lab.Actor{UserID: 2, Username: "nurse", Role: lab.RoleNurse, StationID: &station})
	couns := lab.WithActor(context.Background(), lab.Actor{UserID: counselor, Username: "couns", Role: lab.RoleCounselor, StationID: &station})
	today := string(lab.DateOf(benchNow.In(time.FixedZone("CST", 8*3600))))
	month := string(lab.DateOf(benchNow.AddDate(0, -6, 0)))
	monthEnd := string(lab.DateOf(benchNow.AddDate(0, -5, 0)))
	cursor := func(l lab.List[lab.SampleListItem], err error) string {
		if err != nil {
			b.Fatal(err)
		}
		return l.NextCursor
	}
	page2 := cursor(svc.ListSamples(admin, lab.SampleFilter{}))
	lists := []struct {
		name string
		run  func() error
	}{
		{"samples newest", func() error { _, err := svc.ListSamples(admin, lab.SampleFilter{}); return err }},
		{"samples next page", func() error {
			_, err := svc.ListSamples(admin, lab.SampleFilter{Page: lab.Page{Cursor: page2}})
			return err
		}},
		{"samples station", func() error { _, err := svc.ListSamples(nurse, lab.SampleFilter{}); return err }},
		{"samples released station, with results", func() error {
			// A nurse's results screen: GET /samples?status=released&include=results.
			_, err := svc.ListSamples(nurse, lab.SampleFilter{Status: lab.SampleReleased, WithResults: true})
			return err
		}},
		{"safety net", func() error { _, err := svc.SafetyNet(admin); return err }},
		{"samples rejected", func() error {
			_, err := svc.ListSamples(admin, lab.SampleFilter{Status: lab.SampleRejected})
			return err
		}},
		{"samples received station", func() error {
			_, err := svc.ListSamples(admin, lab.SampleFilter{Status: lab.SampleReceived, StationID: &station})
			return err
		}},
		{"samples station month", func() error {
			_, err := svc.ListSamples(nurse, lab.SampleFilter{From: month, To: monthEnd})
			return err
		}},
		{"samples one day", func() error { _, err := svc.ListSamples(admin, lab.SampleFilter{From: month, To: month}); return err }},
		{"samples of a woman", func() error { _, err := svc.ListSamples(nurse, lab.SampleFilter{ClientID: &client}); return err }},
		{"clients station", func() error { _, err := svc.ListClients(nurse, lab.ClientFilter{}); return err }},
		{"clients name at station", func() error { _, err := svc.ListClients(nurse, lab.ClientFilter{Q: name}); return err }},
		{"clients ID number", func() error {
			_, err := svc.ListClients(admin, lab.ClientFilter{Q: loadgen.NationalID(12345)})
			return err
		}},
		{"clients all", func() error { _, err := svc.ListClients(admin, lab.ClientFilter{}); return err }},
		{"clients name across stations", func() error { _, err := svc.ListClients(admin, lab.ClientFilter{Q: name}); return err }},
		{"clients surname across stations", func() error {
			_, err := svc.ListClients(admin, lab.ClientFilter{Q: string([]rune(name)[:1])})
			return err
		}},
		{"clients name across stations, none", func() error {
			// "王秀" begins 2,530 of the seeded names; none holds "王秀锟".
			_, err := svc.ListClients(admin, lab.ClientFilter{Q: "王秀锟"})
			return err
		}},
		{"clients phone across stations, none", func() error {
			_, err := svc.ListClients(admin, lab.ClientFilter{Q: "99999999"})
			return err
		}},
		{"day list station", func() error { _, err := svc.ListAppointments(nurse, lab.AppointmentFilter{Date: today}); return err }},
		{"day list all stations", func() error { _, err := svc.ListAppointments(admin, lab.AppointmentFilter{Date: today}); return err }},
		{"follow-up queue mine", func() error { _, err := svc.ListFollowups(couns, lab.FollowupFilter{Assignee: "me"}); return err }},
		{"follow-up counselor's screen (mine, active, 200)", func() error {
			_, err := svc.ListFollowups(couns, lab.FollowupFilter{Assignee: "me", Status: "open,in_progress", Page: lab.Page{Limit: 200}})
			return err
		}},
		{"follow-up queue station", func() error { _, err := svc.ListFollowups(couns, lab.FollowupFilter{}); return err }},
		{"follow-up queue open, all", func() error { _, err := svc.ListFollowups(admin, lab.FollowupFilter{Status: lab.CaseOpen}); return err }},
		{"follow-up overdue, all", func() error { _, err := svc.ListFollowups(admin, lab.FollowupFilter{Overdue: true}); return err }},
		{"follow-up admin home (active, all, 200)", func() error {
			_, err := svc.ListFollowups(admin, lab.FollowupFilter{Status: "open,in_progress", Page: lab.Page{Limit: 200}})
			return err
		}},
		{"follow-up closed, all (200)", func() error {
			_, err := svc.ListFollowups(admin, lab.FollowupFilter{Status: lab.CaseClosed, Page: lab.Page{Limit: 200}})
			return err
		}},
		{"notifications admin", func() error {
			_, err := svc.ListNotifications(admin, false, lab.Page{Limit: 50})
			return err
		}},
		{"notifications admin badge", func() error {
			_, err := svc.ListNotifications(admin, true, lab.Page{Limit: 1})
			return err
		}},
		{"notifications counselor", func() error {
			_, err := svc.ListNotifications(couns, false, lab.Page{Limit: 50})
			return err
		}},
		{"audit newest", func() error { _, err := svc.ListAudit(admin, lab.AuditFilter{}); return err }},
		{"audit action", func() error { _, err := svc.ListAudit(admin, lab.AuditFilter{Action: "sample.reject"}); return err }},
	}
	for _, l := range lists {
		b.Run(l.name, func(b *testing.B) {
			if err := l.run(); err != nil { // warm the pool and caches
				b.Fatal(err)
			}
			var took []time.Duration
			b.ResetTimer()
			for b.Loop() {
				t := time.Now()
				if err := l.run(); err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(t))
			}
			sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
			b.ReportMetric(float64(took[(len(took)*99)/100].Microseconds())/1000, "p99-ms")
		})
	}
}
