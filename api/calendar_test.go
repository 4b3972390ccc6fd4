package api_test

import (
	"encoding/json"
	"net/http"
	"reflect"
	"testing"

	"torchlab/lab"
)

// The working calendar: an admin replaces its two lists; bad entries are
// refused by name and change nothing; a change is audited with the days
// added and removed, and forgets the kept statistics in its transaction.
func TestWorkCalendar(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		_, router := loadOpenAPI(t)
		c := &checker{t: t, e: e, router: router, seen: map[string]bool{}}
		admin := e.signIn("boss", lab.RoleAdmin, 0)
		var cal lab.WorkCalendar
		decode(t, c.do("GET", "/api/v1/settings/calendar", admin, nil), &cal)
		if len(cal.Holidays) != 0 || len(cal.Workdays) != 0 || cal.Holidays == nil {
			t.Fatalf("calendar = %+v", cal)
		}
		kept := func() (n int64) {
			if err := e.db.Gorm.Table("stats_days").Count(&n).Error; err != nil {
				t.Fatal(err)
			}
			return n
		}
		// A kept day, as a summary leaves it.
		if err := e.db.Gorm.Exec("INSERT INTO stats_days (tz, day, station_id, computed_at, body) VALUES (?, ?, ?, ?, ?)",
			"Asia/Shanghai", "2026-03-02", 0, e.clock.Now(), "{}").Error; err != nil {
			t.Fatal(err)
		}

		t.Run("bad entries change nothing", func(t *testing.T) {
			before := e.totalAudit()
			p := expectProblem(t, c.do("PUT", "/api/v1/settings/calendar", admin, map[string]any{
				"holidays": []string{"2026-10-01", "2026-10-01", "2026-10-03", "tomorrow"}, "workdays": []string{"2026-09-30"}}),
				http.StatusUnprocessableEntity, "validation")
			if !p.hasField("holidays[1]", "duplicate") || !p.hasField("holidays[2]", "weekend") || !p.hasField("holidays[3]", "invalid") ||
				!p.hasField("workdays[0]", "not_weekend") || len(p.Errors) != 4 {
				t.Fatalf("errors = %+v", p.Errors)
			}
			p = expectProblem(t, c.do("PUT", "/api/v1/settings/calendar", admin, map[string]any{"holidays": []string{}}),
				http.StatusUnprocessableEntity, "validation")
			if !p.hasField("workdays", "required") {
				t.Fatalf("errors = %+v", p.Errors)
			}
			if e.totalAudit() != before || kept() == 0 {
				t.Fatal("a refused calendar changed something")
			}
		})

		t.Run("replace", func(t *testing.T) {
			body := map[string]any{"holidays": []string{"2026-10-02", "2026-10-01"}, "workdays": []string{"2026-09-27"}}
			decode(t, c.do("PUT", "/api/v1/settings/calendar", admin, body), &cal)
			want := lab.WorkCalendar{Holidays: []lab.Date{"2026-10-01", "2026-10-02"}, Workdays: []lab.Date{"2026-09-27"}}
			if !reflect.DeepEqual(cal, want) {
				t.Fatalf("calendar = %+v", cal)
			}
			if kept() != 0 {
				t.Fatal("the kept statistics outlived the calendar they were counted by")
			}
			decode(t, c.do("GET", "/api/v1/settings/calendar", admin, nil), &cal)
			if !reflect.DeepEqual(cal, want) {
				t.Fatalf("calendar read back = %+v", cal)
			}
			// The same lists again change nothing and audit nothing.
			expectStatus(t, c.do("PUT", "/api/v1/settings/calendar", admin, body), http.StatusOK)
			body = map[string]any{"holidays": []string{"2026-10-01", "2026-10-05"}, "workdays": []string{}}
			expectStatus(t, c.do("PUT", "/api/v1/settings/calendar", admin, body), http.StatusOK)
			var rows []lab.AuditEntry
			e.db.Gorm.Where("action = ?", "calendar.update").Order("id").Find(&rows)
			if len(rows) != 2 {
				t.Fatalf("%d audit rows", len(rows))
			}
			var diff map[string]map[string][]string
			if err := json.Unmarshal(rows[1].Changes, &diff); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(diff, map[string]map[string][]string{
				"holidays": {"added": {"2026-10-05"}, "removed": {"2026-10-02"}},
				"workdays": {"added": {}, "removed": {"2026-09-27"}}}) {
				t.Fatalf("audited = %s", rows[1].Changes)
			}
		})
	})
}
