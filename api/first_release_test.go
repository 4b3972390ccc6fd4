package api_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"torchlab/lab"
	"torchlab/migrations"
)

// An amendment releases a new report version but never moves the first
// release, and a case's due time moves with its next action while its
// first due time stays. A database from before migration 00020 gets both
// from the records: the first 'released' custody event, and the due time
// the 'opened' timeline event wrote (to the second).
func TestFirstReleaseAndFirstDueStay(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		e.signIn("tech", lab.RoleLabTech, 0)
		e.signIn("tech2", lab.RoleLabTech, 0)
		e.signIn("counselor.a", lab.RoleCounselor, e.stationA)
		tech, tech2 := e.login("tech", testPassword), e.login("tech2", testPassword)
		// Not pregnant, a positive toxoplasma IgM: a high case, due in 72 hours.
		acc := e.released(nurse, tech, tech2, 1, clientBody(1), map[string]string{"TOXO_IGM": "20"})
		other := e.released(nurse, tech, tech2, 2, clientBody(2), map[string]string{"RUBV_IGG": "5"})
		first := e.clock.Now()
		var c lab.Followup
		if err := e.db.Gorm.Where("sample_accession = ?", acc).First(&c).Error; err != nil {
			t.Fatal(err)
		}
		due := first.Add(72 * time.Hour)
		if c.FirstDueAt == nil || !c.FirstDueAt.Equal(due) || !c.DueAt.Equal(due) {
			t.Fatalf("case opened due %v, first due %v; want %v", c.DueAt, c.FirstDueAt, due)
		}

		e.clock.Advance(5 * time.Hour)
		counselor := e.login("counselor.a", testPassword)
		expectStatus(t, e.do("POST", path("/api/v1/followups/%d/contacts", c.ID), counselor,
			map[string]any{"channel": "phone", "result": "reached"}), http.StatusCreated)
		e.clock.Advance(2 * time.Hour)
		tech, tech2 = e.login("tech", testPassword), e.login("tech2", testPassword)
		expectStatus(t, e.do("POST", "/api/v1/samples/"+acc+"/results/TOXO_IGM/amend", tech,
			map[string]any{"value": "30", "reason": "re-run"}), http.StatusOK)
		expectStatus(t, e.do("POST", "/api/v1/samples/"+acc+"/verify", tech2, map[string]any{"acknowledge_abnormal": true}), http.StatusOK)
		amended := e.clock.Now()

		check := func(t *testing.T, when string, wantDue time.Time) {
			t.Helper()
			var sm lab.Sample
			decode(t, e.do("GET", "/api/v1/samples/"+acc, tech, nil), &sm)
			if sm.ReportVersion != 2 || sm.ReleasedAt == nil || !sm.ReleasedAt.Equal(amended) ||
				sm.FirstReleasedAt == nil || !sm.FirstReleasedAt.Equal(first) {
				t.Fatalf("%s: version %d released %v, first released %v; want %v and %v", when, sm.ReportVersion, sm.ReleasedAt, sm.FirstReleasedAt, amended, first)
			}
			var now lab.Followup
			if err := e.db.Gorm.First(&now, c.ID).Error; err != nil {
				t.Fatal(err)
			}
			if now.FirstDueAt == nil || !now.FirstDueAt.Equal(wantDue) || now.DueAt.Equal(due) {
				t.Fatalf("%s: case due %v, first due %v; want the first %v", when, now.DueAt, now.FirstDueAt, wantDue)
			}
		}
		check(t, "kept", due)
		// A case whose 'opened' event is missing is first due its
		// priority's time after it opened: rubella susceptible, routine.
		var routine lab.Followup
		if err := e.db.Gorm.Where("sample_accession = ?", other).First(&routine).Error; err != nil {
			t.Fatal(err)
		}
		if err := e.db.Gorm.Exec("DELETE FROM followup_events WHERE followup_id = ? AND event = 'opened'", routine.ID).Error; err != nil {
			t.Fatal(err)
		}

		// As a database from before 00020: the columns go, and come back
		// filled from the records.
		ctx := context.Background()
		if err := migrations.DownTo(ctx, e.db.SQL, e.db.Dialect, 19); err != nil {
			t.Fatal(err)
		}
		if _, err := migrations.Up(ctx, e.db.SQL, e.db.Dialect, nil); err != nil {
			t.Fatal(err)
		}
		check(t, "upgraded", due.Truncate(time.Second))
		if err := e.db.Gorm.First(&routine, routine.ID).Error; err != nil {
			t.Fatal(err)
		}
		if d := routine.FirstDueAt.Sub(routine.OpenedAt.Add(168 * time.Hour)); routine.FirstDueAt == nil || d > 0 || d <= -time.Second {
			t.Fatalf("without its opened event the case is first due %v, opened %v", routine.FirstDueAt, routine.OpenedAt)
		}
	})
}
