package api_test

import (
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"torchlab/api"
	"torchlab/lab"
)

// safetyNetGauge scrapes s's metrics for torchlab_followup_safety_net_items.
func safetyNetGauge(s *api.Server) string {
	w := httptest.NewRecorder()
	s.Metrics().ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	for _, line := range strings.Split(w.Body.String(), "\n") {
		if v, ok := strings.CutPrefix(line, "torchlab_followup_safety_net_items "); ok {
			return v
		}
	}
	return "missing"
}

// unlinkCase deletes, behind torchlab's back, the case a released sample
// opened, with its events, notices and links: what the safety net exists
// to see.
func (e *env) unlinkCase(accession string) {
	e.t.Helper()
	for _, q := range []string{
		"DELETE FROM followup_events WHERE followup_id IN (SELECT id FROM followups WHERE sample_id = (SELECT id FROM samples WHERE accession = ?))",
		"DELETE FROM notifications WHERE followup_id IN (SELECT id FROM followups WHERE sample_id = (SELECT id FROM samples WHERE accession = ?))",
		"DELETE FROM followup_samples WHERE sample_id = (SELECT id FROM samples WHERE accession = ?)",
		"DELETE FROM followups WHERE sample_id = (SELECT id FROM samples WHERE accession = ?)",
	} {
		if err := e.db.Gorm.Exec(q, accession).Error; err != nil {
			e.t.Fatal(err)
		}
	}
}

// A scrape of /metrics may reuse the safety net's count for
// SafetyNetMaxAge (the service's binary sets a minute); past it, the
// next scrape counts again.
func TestSafetyNetGaugeReusesItsCount(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
		e.addUser("counselor.a", lab.RoleCounselor, e.stationA)
		const maxAge = 300 * time.Millisecond
		srv, err := api.New(e.svc, api.Config{Logger: quiet, SafetyNetMaxAge: maxAge})
		if err != nil {
			t.Fatal(err)
		}
		gauge := func() string { return safetyNetGauge(srv) }
		orphan := e.released(nurse, tech, tech2, 1, clientBody(1), map[string]string{"CMV_IGM": "5"})
		if g := gauge(); g != "0" {
			t.Fatalf("gauge = %s with everything owned", g)
		}
		counted := time.Now()
		e.unlinkCase(orphan)
		if g := gauge(); g != "0" && time.Since(counted) < maxAge {
			t.Fatalf("gauge = %s within %s of the last count: counted again", g, maxAge)
		}
		time.Sleep(maxAge)
		if g := gauge(); g != "1" {
			t.Fatalf("gauge = %s past %s, want the orphan counted", g, maxAge)
		}
	})
}

// The safety net sees what must never exist, and so does the gauge.
func TestSafetyNet(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
		admin := e.signIn("boss", lab.RoleAdmin, 0)
		counselor := e.addUser("counselor.a", lab.RoleCounselor, e.stationA)
		gauge := func() string { return safetyNetGauge(e.srv) }
		e.released(nurse, tech, tech2, 1, clientBody(1), map[string]string{"TOXO_IGM": "20"})
		orphan := e.released(nurse, tech, tech2, 2, clientBody(2), map[string]string{"CMV_IGM": "5"})
		if g := gauge(); g != "0" {
			t.Fatalf("gauge = %s with everything owned", g)
		}
		// Break both rules behind torchlab's back.
		e.unlinkCase(orphan)
		e.db.Gorm.Exec("UPDATE users SET active = ? WHERE id = ?", false, counselor)
		var net struct{ Items []lab.SafetyNetItem }
		decode(t, e.do("GET", "/api/v1/followups/safety-net", admin, nil), &net)
		kinds := map[string]int{}
		for _, it := range net.Items {
			kinds[it.Kind]++
		}
		if kinds["abnormal_without_case"] != 1 || kinds["assignee_inactive"] != 1 || net.Items[0].Accession != orphan {
			t.Fatalf("safety net = %+v", net.Items)
		}
		if g := gauge(); g != "2" {
			t.Fatalf("gauge = %s, want 2", g)
		}
		// A counselor moved to another station by hand keeps her case at
		// the first: stranded too, and the case named.
		e.db.Gorm.Exec("UPDATE users SET active = ? WHERE id = ?", true, counselor)
		e.db.Gorm.Exec("UPDATE users SET station_id = ? WHERE id = ?", e.stationB, counselor)
		decode(t, e.do("GET", "/api/v1/followups/safety-net", admin, nil), &net)
		var moved []lab.SafetyNetItem
		for _, it := range net.Items {
			if it.Kind == "assignee_inactive" {
				moved = append(moved, it)
			}
		}
		if len(moved) != 1 || moved[0].AssigneeID == nil || *moved[0].AssigneeID != counselor || moved[0].StationID != e.stationA || moved[0].FollowupID == nil {
			t.Fatalf("a counselor moved by hand to another station: stranded = %+v", moved)
		}
	})
}

// The safety net reads every released abnormal sample at most once every
// five minutes in a process; between, it reads the samples written since
// its last full look began (two minutes earlier, for transactions open
// then) and what that look found. A sample left without a case by a
// write shows at once; one unlinked by hand, with no write to the sample,
// shows at the next full look; an orphan found stays listed.
func TestSafetyNetLooksAtWhatChanged(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
		admin := e.signIn("boss", lab.RoleAdmin, 0)
		e.addUser("counselor.a", lab.RoleCounselor, e.stationA)
		orphans := func() []string {
			t.Helper()
			var net struct{ Items []lab.SafetyNetItem }
			decode(t, e.do("GET", "/api/v1/followups/safety-net", admin, nil), &net)
			var got []string
			for _, it := range net.Items {
				if it.Kind == "abnormal_without_case" {
					got = append(got, it.Accession)
				}
			}
			return got
		}
		byHand := e.released(nurse, tech, tech2, 1, clientBody(1), map[string]string{"CMV_IGM": "5"})
		e.clock.Advance(3 * time.Minute)
		if got := orphans(); len(got) != 0 { // the full look
			t.Fatalf("orphans with every case in place = %v", got)
		}
		e.unlinkCase(byHand)
		e.clock.Advance(time.Minute)
		if got := orphans(); len(got) != 0 {
			t.Fatalf("within five minutes of the full look, a sample unlinked by hand and written before it was seen: %v", got)
		}
		e.clock.Advance(4 * time.Minute)
		if got := orphans(); len(got) != 1 || got[0] != byHand {
			t.Fatalf("orphans at the next full look = %v, want [%s]", got, byHand)
		}
		e.clock.Advance(time.Minute)
		byWrite := e.released(nurse, tech, tech2, 2, clientBody(2), map[string]string{"TOXO_IGM": "20"})
		e.unlinkCase(byWrite)
		if got := orphans(); len(got) != 2 || !slices.Contains(got, byHand) || !slices.Contains(got, byWrite) {
			t.Fatalf("orphans between full looks = %v, want the one found before and the one written since", got)
		}
	})
}
