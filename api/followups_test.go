package api_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"
	"time"

	"gorm.io/gorm"

	"torchlab/lab"
)

// released takes a woman from registration to a released sample with the
// given result values (allResults' overrides), and returns the accession.
func (e *env) released(nurse, tech, tech2 string, n int, body map[string]any, over map[string]string) string {
	e.t.Helper()
	sl := e.slotToday(nurse)
	ap, p := e.book(nurse, e.register(nurse, body), sl.ID)
	if p != nil {
		e.t.Fatalf("book: %+v", p)
	}
	sm := e.collect(nurse, ap.ID, "")
	expectStatus(e.t, e.do("POST", "/api/v1/samples/"+sm.Accession+"/receive", tech, nil), http.StatusOK)
	expectStatus(e.t, e.do("PUT", "/api/v1/samples/"+sm.Accession+"/results", tech, map[string]any{"results": allResults(over)}), http.StatusOK)
	expectStatus(e.t, e.do("POST", "/api/v1/samples/"+sm.Accession+"/verify", tech2, map[string]any{"acknowledge_abnormal": true}), http.StatusOK)
	return sm.Accession
}

type caseList struct {
	Items []lab.CaseView
	Total int
}

// The whole path, through HTTP: a pregnant woman's positive IgM reaches her
// station's counselor as an urgent case due within 24 hours, with a
// notification.
func TestFollowupEndToEnd(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
		counselor := e.signIn("counselor.a", lab.RoleCounselor, e.stationA)
		counselorB := e.signIn("counselor.b", lab.RoleCounselor, e.stationB)
		releasedAt := e.clock.Now()
		acc := e.released(nurse, tech, tech2, 1, clientBody(1, with("category", "pregnant"), with("lmp_date", "2026-01-10")),
			map[string]string{"TOXO_IGM": "15", "TOXO_IGG": "0.2"})

		var notes struct {
			Items  []lab.Notification
			Unread int
		}
		decode(t, e.do("GET", "/api/v1/notifications?unread=true", counselor, nil), &notes)
		if notes.Unread != 1 || notes.Items[0].Type != lab.NotifyAssigned || notes.Items[0].FollowupID == nil {
			t.Fatalf("counselor's inbox = %+v", notes)
		}
		var queue caseList
		decode(t, e.do("GET", "/api/v1/followups?assignee=me", counselor, nil), &queue)
		if queue.Total != 1 {
			t.Fatalf("queue = %+v", queue)
		}
		c := queue.Items[0]
		if c.Priority != lab.Urgent || c.SampleAccession != acc || c.Status != lab.CaseOpen || c.Overdue ||
			c.DueAt.Sub(releasedAt) > 24*time.Hour || c.DueAt.Sub(releasedAt) < 23*time.Hour || len(c.Findings) != 1 ||
			c.Findings[0].Code != "TOXO_IGM_POS_IGG_NEG" || c.Findings[0].Recommendation == "" {
			t.Fatalf("case = %+v", c)
		}
		if c.LastContact != nil || c.AssigneeName == "" {
			t.Fatalf("before any call the queue shows last contact %+v, assignee %q", c.LastContact, c.AssigneeName)
		}
		// Station B's counselor sees nothing of it.
		decode(t, e.do("GET", "/api/v1/followups", counselorB, nil), &queue)
		if queue.Total != 0 {
			t.Fatal("another station's counselor sees the case")
		}
		expectProblem(t, e.do("GET", path("/api/v1/followups/%d", c.ID), counselorB, nil), http.StatusNotFound, "not_found")

		// Opening the case acknowledges it; the notification is read.
		var d lab.CaseDetail
		decode(t, e.do("GET", path("/api/v1/followups/%d", c.ID), counselor, nil), &d)
		if d.AcknowledgedAt == nil || len(d.Results) != 8 || d.ClientName != "王芳1" || len(d.Timeline) < 2 {
			t.Fatalf("case page = %+v", d)
		}
		expectStatus(t, e.do("POST", path("/api/v1/notifications/%d/read", notes.Items[0].ID), counselor, nil), http.StatusNoContent)
		decode(t, e.do("GET", "/api/v1/notifications?unread=true", counselor, nil), &notes)
		if notes.Unread != 0 {
			t.Fatal("the notification is still unread")
		}

		// The first contact moves it on; reaching her ends the overdue clock.
		res := e.do("POST", path("/api/v1/followups/%d/contacts", c.ID), counselor, map[string]any{"channel": "phone", "result": "reached", "note": "will come for the redraw"})
		expectStatus(t, res, http.StatusCreated)
		decode(t, e.do("GET", path("/api/v1/followups/%d", c.ID), counselor, nil), &d)
		if d.Status != lab.CaseInProgress || d.ReachedAt == nil || len(d.Contacts) != 1 {
			t.Fatalf("after the call = %+v", d.Followup)
		}
		// The queue shows the latest attempt without opening the case.
		res = e.do("POST", path("/api/v1/followups/%d/contacts", c.ID), counselor, map[string]any{"channel": "sms", "result": "no_answer"})
		expectStatus(t, res, http.StatusCreated)
		decode(t, e.do("GET", "/api/v1/followups?assignee=me", counselor, nil), &queue)
		if lc := queue.Items[0].LastContact; lc == nil || lc.Channel != "sms" || lc.Result != "no_answer" || lc.At.IsZero() {
			t.Fatalf("last contact in the queue = %+v", lc)
		}
		// The case page names the same attempt, the last of its contacts.
		decode(t, e.do("GET", path("/api/v1/followups/%d", c.ID), counselor, nil), &d)
		if lc, page := queue.Items[0].LastContact, d.LastContact; page == nil || len(d.Contacts) != 2 || *page != *lc ||
			!page.At.Equal(d.Contacts[1].At) || page.Result != d.Contacts[1].Result {
			t.Fatalf("case page's last contact %+v, queue's %+v, contacts %+v", page, lc, d.Contacts)
		}
		// The timeline names people, not logins: her display name as it is now.
		if err := e.db.Gorm.Exec("UPDATE users SET display_name = ? WHERE username = ?", "咨询员 张敏", "counselor.a").Error; err != nil {
			t.Fatal(err)
		}
		decode(t, e.do("GET", path("/api/v1/followups/%d", c.ID), counselor, nil), &d)
		if d.Contacts[0].ByName != "咨询员 张敏" || d.Contacts[0].ByUsername != "counselor.a" {
			t.Fatalf("contact by %q (%q)", d.Contacts[0].ByName, d.Contacts[0].ByUsername)
		}
		named := false
		for _, ev := range d.Timeline {
			if ev.ActorUsername == "counselor.a" {
				named = true
				if ev.ActorName != "咨询员 张敏" {
					t.Fatalf("step %s by %q", ev.Event, ev.ActorName)
				}
			}
		}
		if !named {
			t.Fatalf("no step of the counselor's on the timeline: %+v", d.Timeline)
		}
		expectProblem(t, e.do("POST", path("/api/v1/followups/%d/close", c.ID), counselor, map[string]any{"outcome": "done"}), http.StatusUnprocessableEntity, "validation")
		expectStatus(t, e.do("POST", path("/api/v1/followups/%d/close", c.ID), counselor, map[string]any{"outcome": "counseled"}), http.StatusOK)
		expectProblem(t, e.do("POST", path("/api/v1/followups/%d/contacts", c.ID), counselor, map[string]any{"channel": "sms", "result": "reached"}),
			http.StatusConflict, "invalid_state")
	})
}

func TestDueTimesPerPriority(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
		admin := e.signIn("boss", lab.RoleAdmin, 0)
		e.addUser("counselor.a", lab.RoleCounselor, e.stationA)
		now := e.clock.Now()
		// Not pregnant: IgM positive is high (72 h); rubella susceptible is routine (7 days).
		e.released(nurse, tech, tech2, 1, clientBody(1), map[string]string{"CMV_IGM": "3"})
		e.released(nurse, tech, tech2, 2, clientBody(2), map[string]string{"RUBV_IGG": "2"})
		// Pregnant, IgM equivocal: high (not for HSV, which is always routine).
		e.released(nurse, tech, tech2, 3, clientBody(3, with("category", "pregnant"), with("lmp_date", "2026-02-01")), map[string]string{"TOXO_IGM": "9"})
		var queue caseList
		decode(t, e.do("GET", "/api/v1/followups", admin, nil), &queue)
		due := map[lab.Priority]time.Duration{}
		for _, c := range queue.Items {
			due[c.Priority] = c.DueAt.Sub(now).Round(time.Hour)
		}
		if queue.Total != 3 || due[lab.High] != 72*time.Hour || due[lab.Routine] != 168*time.Hour {
			t.Fatalf("due times %v in %+v", due, queue.Items)
		}
		// The queue: priority, then due time.
		if queue.Items[0].Priority != lab.High || queue.Items[2].Priority != lab.Routine {
			t.Fatalf("queue order = %v, %v, %v", queue.Items[0].Priority, queue.Items[1].Priority, queue.Items[2].Priority)
		}
	})
}

func TestAssignment(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
		admin := e.signIn("boss", lab.RoleAdmin, 0)
		caseOf := func(acc string) lab.CaseView {
			t.Helper()
			var q caseList
			decode(t, e.do("GET", "/api/v1/followups", admin, nil), &q)
			for _, c := range q.Items {
				if c.SampleAccession == acc {
					return c
				}
			}
			t.Fatalf("no case for %s", acc)
			return lab.CaseView{}
		}
		abnormal := map[string]string{"RUBV_IGG": "1"}

		// No counselor at the station: unassigned, every admin told.
		first := caseOf(e.released(nurse, tech, tech2, 1, clientBody(1), abnormal))
		if first.AssigneeID != nil {
			t.Fatalf("assigned to %v with no counselor", *first.AssigneeID)
		}
		var notes struct{ Items []lab.Notification }
		decode(t, e.do("GET", "/api/v1/notifications", admin, nil), &notes)
		if len(notes.Items) != 1 || notes.Items[0].Type != lab.NotifyUnassigned {
			t.Fatalf("admin's inbox = %+v", notes.Items)
		}
		var net struct{ Items []lab.SafetyNetItem }
		decode(t, e.do("GET", "/api/v1/followups/safety-net", admin, nil), &net)
		if len(net.Items) != 0 {
			t.Fatalf("safety net = %+v", net.Items)
		}

		// A counselor who joins takes the station's unassigned cases.
		li := e.addUser("counselor.li", lab.RoleCounselor, e.stationA)
		if c := caseOf(first.SampleAccession); c.AssigneeID == nil || *c.AssigneeID != li {
			t.Fatalf("the joining counselor did not take the case: %+v", c.AssigneeID)
		}
		wang := e.addUser("counselor.wang", lab.RoleCounselor, e.stationA)
		// The least loaded (wang, 0 cases) gets the next; then ties go to the lowest id (li).
		second := caseOf(e.released(nurse, tech, tech2, 2, clientBody(2), abnormal))
		third := caseOf(e.released(nurse, tech, tech2, 3, clientBody(3), abnormal))
		if *second.AssigneeID != wang || *third.AssigneeID != li {
			t.Fatalf("second to %d, third to %d; want %d then %d", *second.AssigneeID, *third.AssigneeID, wang, li)
		}

		// Deactivating a counselor hands her open cases on.
		expectStatus(t, e.do("PATCH", path("/api/v1/users/%d", li), admin, map[string]any{"active": false}), http.StatusOK)
		for _, acc := range []string{first.SampleAccession, third.SampleAccession} {
			if c := caseOf(acc); c.AssigneeID == nil || *c.AssigneeID != wang {
				t.Fatalf("case %s not handed on: %+v", acc, c.AssigneeID)
			}
		}
		decode(t, e.do("GET", "/api/v1/followups/safety-net", admin, nil), &net)
		if len(net.Items) != 0 {
			t.Fatalf("safety net = %+v", net.Items)
		}
		// An admin reassigns by hand, only to a counselor of the station.
		zhao := e.addUser("counselor.zhao", lab.RoleCounselor, e.stationA)
		expectStatus(t, e.do("PATCH", path("/api/v1/followups/%d", second.ID), admin, map[string]any{"assignee_id": zhao}), http.StatusOK)
		otherStation := e.addUser("counselor.b", lab.RoleCounselor, e.stationB)
		expectProblem(t, e.do("PATCH", path("/api/v1/followups/%d", second.ID), admin, map[string]any{"assignee_id": otherStation}),
			http.StatusUnprocessableEntity, "validation")
	})
}

func TestLostToFollowUpRule(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
		admin := e.signIn("boss", lab.RoleAdmin, 0)
		e.addUser("counselor.a", lab.RoleCounselor, e.stationA)
		e.released(nurse, tech, tech2, 1, clientBody(1), map[string]string{"RUBV_IGG": "1"})
		var q caseList
		decode(t, e.do("GET", "/api/v1/followups", admin, nil), &q)
		id := q.Items[0].ID
		call := func(result string) {
			t.Helper()
			expectStatus(t, e.do("POST", path("/api/v1/followups/%d/contacts", id), admin, map[string]any{"channel": "phone", "result": result}), http.StatusCreated)
		}
		lost := map[string]any{"outcome": "lost_to_follow_up"}
		call("no_answer")
		call("wrong_number")
		call("no_answer") // three attempts, but all on one day
		refused := e.do("POST", path("/api/v1/followups/%d/close", id), admin, lost)
		var rule struct {
			MinUnreached int `json:"min_unreached_attempts"`
			MinDays      int `json:"min_distinct_days"`
		}
		if err := json.Unmarshal(refused.Body.Bytes(), &rule); err != nil || rule.MinUnreached != 3 || rule.MinDays != 2 {
			t.Fatalf("the refusal should carry the rule's numbers (3 attempts, 2 days) for the UI: %s", refused.Body)
		}
		expectProblem(t, refused, http.StatusConflict, "lost_rule_not_met")
		e.clock.Advance(24 * time.Hour)
		admin = e.login("boss", testPassword)
		call("refused") // refused is not unreached
		call("reached")
		expectProblem(t, e.do("POST", path("/api/v1/followups/%d/close", id), admin, lost), http.StatusConflict, "lost_rule_not_met")
		call("wrong_number") // a second day, and wrong numbers count
		expectStatus(t, e.do("POST", path("/api/v1/followups/%d/close", id), admin, lost), http.StatusOK)
		expectProblem(t, e.do("POST", path("/api/v1/followups/%d/reopen", id), admin, map[string]any{}), http.StatusUnprocessableEntity, "validation")
		res := e.do("POST", path("/api/v1/followups/%d/reopen", id), admin, map[string]any{"reason": "she called back"})
		expectStatus(t, res, http.StatusOK)
		var f lab.Followup
		decode(t, res, &f)
		if f.Status != lab.CaseInProgress || f.Outcome != "" {
			t.Fatalf("reopened = %+v", f)
		}
	})
}

func TestRetestFromACase(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
		counselor := e.signIn("counselor.a", lab.RoleCounselor, e.stationA)
		e.released(nurse, tech, tech2, 1, clientBody(1), map[string]string{"CMV_IGM": "0.9"}) // equivocal
		var q caseList
		decode(t, e.do("GET", "/api/v1/followups?assignee=me", counselor, nil), &q)
		id := q.Items[0].ID
		sl := e.slot(nurse, e.stationA, "2026-03-16", "09:00", 5)
		// Already screened this year, but a retest is free.
		res := e.do("POST", path("/api/v1/followups/%d/retest", id), counselor, map[string]any{"slot_id": sl.ID})
		expectStatus(t, res, http.StatusCreated)
		var ap lab.Appointment
		decode(t, res, &ap)
		if ap.Kind != lab.KindRetest || ap.FollowupID == nil || *ap.FollowupID != id {
			t.Fatalf("retest = %+v", ap)
		}
		e.clock.Advance(14 * 24 * time.Hour)
		nurse, tech, tech2, counselor = e.login("nurse.a", testPassword), e.login("tech", testPassword), e.login("tech2", testPassword), e.login("counselor.a", testPassword)
		sm := e.collect(nurse, ap.ID, "")
		e.do("POST", "/api/v1/samples/"+sm.Accession+"/receive", tech, nil)
		e.do("PUT", "/api/v1/samples/"+sm.Accession+"/results", tech, map[string]any{"results": allResults(nil)})
		expectStatus(t, e.do("POST", "/api/v1/samples/"+sm.Accession+"/verify", tech2, map[string]any{}), http.StatusOK)
		var d lab.CaseDetail
		decode(t, e.do("GET", path("/api/v1/followups/%d", id), counselor, nil), &d)
		if len(d.Retests) != 1 || d.Retests[0].Accession != sm.Accession || len(d.Retests[0].Results) != 8 || len(d.Results) != 8 {
			t.Fatalf("retests on the case = %+v", d.Retests)
		}
		var notes struct{ Items []lab.Notification }
		decode(t, e.do("GET", "/api/v1/notifications", counselor, nil), &notes)
		if notes.Items[0].Type != lab.NotifyRetestReleased {
			t.Fatalf("inbox = %+v", notes.Items)
		}
		// The normal retest opened no second case.
		var all caseList
		decode(t, e.do("GET", "/api/v1/followups", counselor, nil), &all)
		if all.Total != 1 {
			t.Fatalf("%d cases", all.Total)
		}
	})
}

// Amendments: newly abnormal opens a case; a higher priority raises the
// open case's; turning normal adds a note for the counselor.
func TestAmendmentsAndCases(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
		counselor := e.signIn("counselor.a", lab.RoleCounselor, e.stationA)
		acc := e.released(nurse, tech, tech2, 1, clientBody(1), nil) // normal: no case
		var q caseList
		decode(t, e.do("GET", "/api/v1/followups", counselor, nil), &q)
		if q.Total != 0 {
			t.Fatal("a normal sample opened a case")
		}
		amend := func(analyte, value string) {
			t.Helper()
			expectStatus(t, e.do("POST", "/api/v1/samples/"+acc+"/results/"+analyte+"/amend", tech, map[string]any{"value": value, "reason": "re-run"}), http.StatusOK)
			expectStatus(t, e.do("POST", "/api/v1/samples/"+acc+"/verify", tech2, map[string]any{"acknowledge_abnormal": true}), http.StatusOK)
		}
		amend("HSV_IGG", "1.0") // equivocal IgG: routine
		decode(t, e.do("GET", "/api/v1/followups", counselor, nil), &q)
		if q.Total != 1 || q.Items[0].Priority != lab.Routine {
			t.Fatalf("after the first amendment = %+v", q)
		}
		amend("CMV_IGM", "5") // IgM positive, not pregnant: high
		decode(t, e.do("GET", "/api/v1/followups", counselor, nil), &q)
		if q.Total != 1 || q.Items[0].Priority != lab.High {
			t.Fatalf("after the second = %+v", q)
		}
		amend("CMV_IGM", "0.1")
		amend("HSV_IGG", "0.2")
		var d lab.CaseDetail
		decode(t, e.do("GET", path("/api/v1/followups/%d", q.Items[0].ID), counselor, nil), &d)
		noted := false
		for _, ev := range d.Timeline {
			noted = noted || ev.Event == "sample_turned_normal"
		}
		if !noted || d.Status == lab.CaseClosed {
			t.Fatalf("timeline = %+v", d.Timeline)
		}
	})
}

// Opening the case is part of the release: if it fails, the release fails.
func TestCaseFailureRollsBackTheRelease(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
		admin := e.signIn("boss", lab.RoleAdmin, 0)
		e.addUser("counselor.a", lab.RoleCounselor, e.stationA)
		e.svc.OnRelease(func(ctx context.Context, tx *gorm.DB, ev lab.ReleaseEvent) error {
			return errors.New("injected failure after the case was opened")
		})
		sl := e.slotToday(nurse)
		ap, _ := e.book(nurse, e.register(nurse, clientBody(1)), sl.ID)
		sm := e.collect(nurse, ap.ID, "")
		e.do("POST", "/api/v1/samples/"+sm.Accession+"/receive", tech, nil)
		e.do("PUT", "/api/v1/samples/"+sm.Accession+"/results", tech, map[string]any{"results": allResults(map[string]string{"TOXO_IGM": "20"})})
		expectStatus(t, e.do("POST", "/api/v1/samples/"+sm.Accession+"/verify", tech2, map[string]any{"acknowledge_abnormal": true}), http.StatusInternalServerError)
		var q caseList
		decode(t, e.do("GET", "/api/v1/followups", admin, nil), &q)
		var n int64
		e.db.Gorm.Model(&lab.Notification{}).Count(&n)
		var d lab.SampleDetail
		decode(t, e.do("GET", "/api/v1/samples/"+sm.Accession, tech, nil), &d)
		if q.Total != 0 || n != 0 || d.Status != lab.SampleResulted {
			t.Fatalf("after the failed release: %d cases, %d notifications, sample %s", q.Total, n, d.Status)
		}
	})
}

// Two workers (two pools on one database) escalate each overdue case
// exactly once.
func TestOverdueEscalatesOnce(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
		e.addUser("boss", lab.RoleAdmin, 0)
		e.addUser("boss2", lab.RoleAdmin, 0)
		for i := 0; i < 6; i++ {
			e.released(nurse, tech, tech2, i, clientBody(i, with("category", "pregnant"), with("lmp_date", "2026-02-01")), map[string]string{"TOXO_IGM": "20"})
		}
		// One case is reached in time: it never escalates.
		var q caseList
		decode(t, e.do("GET", "/api/v1/followups", e.login("boss", testPassword), nil), &q)
		expectStatus(t, e.do("POST", path("/api/v1/followups/%d/contacts", q.Items[0].ID), e.login("boss", testPassword),
			map[string]any{"channel": "phone", "result": "reached"}), http.StatusCreated)
		e.clock.Advance(25 * time.Hour)
		counts := atOnce(t, []*lab.Service{e.svc, e.secondProcess()}, func(svc *lab.Service) (int, error) {
			return svc.EscalateOverdue(context.Background())
		})
		again, _ := e.svc.EscalateOverdue(context.Background())
		var notes int64
		e.db.Gorm.Model(&lab.Notification{}).Where("type = ?", lab.NotifyOverdue).Count(&notes)
		if counts[0]+counts[1] != 5 || again != 0 || notes != 10 || e.auditCount("followup.escalate") != 5 {
			t.Fatalf("escalated %v then %d; %d overdue notifications (want 5 cases × 2 admins)", counts, again, notes)
		}
		decode(t, e.do("GET", "/api/v1/followups?overdue=true", e.login("boss", testPassword), nil), &q)
		if q.Total != 5 || !q.Items[0].Overdue {
			t.Fatalf("overdue queue = %d", q.Total)
		}
	})
}
