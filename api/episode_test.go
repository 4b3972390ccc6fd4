package api_test

import (
	"context"
	"net/http"
	"slices"
	"testing"
	"time"

	"torchlab/lab"
)

// One case per episode, the next action, evidence to close and the retest
// interval (domain.md §0, Follow-up), with the staff of
// episode_staff_test.go.

// One case across her first sample, a retest whose tube is rejected and
// the redraw of it: the redraw (a day later, no interval) joins the case,
// which keeps its counselor; no second case is ever opened.
func TestEpisodeOneCaseAcrossRetestAndRedraw(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		s := newStaff(e)
		// A second counselor, who would get any new case (she has none).
		e.addUser("counselor.b", lab.RoleCounselor, e.stationA)
		first, id := s.screened(1, clientBody(1), map[string]string{"TOXO_IGG": "0.5", "TOXO_IGM": "15"})
		owner := s.caseDetail(id).AssigneeID
		if owner == nil {
			t.Fatal("the case has no counselor")
		}
		s.reached(id, "retest", "2026-03-16")
		_, tube := s.retestDrawn(id, "2026-03-16")
		expectStatus(t, e.do("POST", "/api/v1/samples/"+tube.Accession+"/receive", s.tech, nil), http.StatusOK)
		expectStatus(t, e.do("POST", "/api/v1/samples/"+tube.Accession+"/reject", s.tech, map[string]any{"reason": "hemolyzed"}), http.StatusOK)
		if s.casesOf(first.ClientID) != 1 {
			t.Fatal("the rejection opened a case")
		}

		var open struct{ Items []lab.RecollectionView }
		decode(t, e.do("GET", "/api/v1/recollections?open=true", s.nurse, nil), &open)
		if len(open.Items) != 1 || open.Items[0].ClientID != first.ClientID || open.Items[0].Accession != tube.Accession {
			t.Fatalf("open recollections = %+v", open.Items)
		}
		res := e.do("POST", "/api/v1/appointments", s.nurse, map[string]any{
			"client_id": first.ClientID, "slot_id": s.slotOn("2026-03-17", "09:00").ID, "recollection_id": open.Items[0].ID})
		expectStatus(t, res, http.StatusCreated)
		var ap lab.Appointment
		decode(t, res, &ap)
		if ap.Kind != lab.KindRedraw || ap.FollowupID == nil || *ap.FollowupID != id {
			t.Fatalf("redraw booking = %+v", ap)
		}
		s.at("2026-03-17", "09:30")
		redraw := e.collect(s.nurse, ap.ID, "")
		s.resulted(redraw.Accession, map[string]string{"TOXO_IGG": "45", "TOXO_IGM": "15"})
		expectStatus(t, s.verify(redraw.Accession, ackAbnormal), http.StatusOK)

		c := s.caseDetail(id)
		if n := s.casesOf(first.ClientID); n != 1 || e.auditCount("followup.open") != 1 {
			t.Fatalf("%d cases for her, %d opened in all", n, e.auditCount("followup.open"))
		}
		if c.AssigneeID == nil || *c.AssigneeID != *owner || c.Status == lab.CaseClosed ||
			!slices.Equal(codes(c.Findings), []string{"TOXO_SEROCONVERSION"}) {
			t.Fatalf("case after the redraw = %+v (counselor was %d)", c.CaseView, *owner)
		}
		if got := s.caseSamples(id); !slices.Equal(got, []string{first.Accession, redraw.Accession}) {
			t.Fatalf("case samples = %v, want the first and the redraw", got)
		}
		if rep := s.report(redraw.Accession); rep.PairedWith != first.Accession {
			t.Fatalf("the redraw was read against %q", rep.PairedWith)
		}
		if len(c.Retests) != 2 || c.Retests[0].Accession != tube.Accession || len(c.Retests[0].Results) != 0 ||
			c.Retests[1].Accession != redraw.Accession || len(c.Retests[1].Results) != 8 {
			t.Fatalf("the case's retests = %+v", c.Retests)
		}
	})
}

// A reached woman whose retest is not done is overdue again when its day
// passes, and escalates once per lapse even with two workers.
func TestOverdueAgainAfterReachedContact(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		s := newStaff(e)
		_, id := s.screened(1, pregnantBody(1), map[string]string{"TOXO_IGG": "0.5", "TOXO_IGM": "15"})
		s.reached(id, "retest", "2026-03-16")
		other := e.secondProcess()
		escalate := func() int {
			t.Helper()
			return total(atOnce(t, []*lab.Service{e.svc, other}, func(svc *lab.Service) (int, error) {
				return svc.EscalateOverdue(context.Background())
			}))
		}
		overdueList := func() caseList {
			t.Helper()
			var q caseList
			decode(t, e.do("GET", "/api/v1/followups?overdue=true", s.admin, nil), &q)
			return q
		}

		// Past her first contact's urgent due time, but reached: not overdue.
		s.at("2026-03-04", "09:30")
		if n := escalate(); n != 0 || overdueList().Total != 0 {
			t.Fatalf("a reached case with its retest ahead escalated %d", n)
		}
		// On the retest's day itself it is still not late.
		s.at("2026-03-16", "23:00")
		if n := escalate(); n != 0 {
			t.Fatalf("escalated %d on the retest's day", n)
		}
		s.at("2026-03-17", "09:30")
		q := overdueList()
		if q.Total != 1 || q.Items[0].ID != id || !q.Items[0].Overdue || q.Items[0].NextAction == nil ||
			q.Items[0].NextAction.Kind != lab.ActionRetest || q.Items[0].NextAction.DueOn != "2026-03-16" {
			t.Fatalf("overdue queue = %+v", q)
		}
		var mine caseList
		decode(t, e.do("GET", "/api/v1/followups?assignee=me&overdue=true", s.counselor, nil), &mine)
		if mine.Total != 1 || mine.Items[0].ID != id || !mine.Items[0].Overdue {
			t.Fatalf("the counselor's overdue queue = %+v", mine)
		}
		if n := escalate(); n != 1 {
			t.Fatalf("two workers escalated the lapse %d times", n)
		}
		if n := escalate(); n != 0 {
			t.Fatalf("the same lapse escalated again (%d)", n)
		}
		if s.notifications(lab.NotifyOverdue) != 1 || s.caseEvents(id, "escalated") != 1 {
			t.Fatalf("after the first lapse: %d notifications, %d escalations", s.notifications(lab.NotifyOverdue), s.caseEvents(id, "escalated"))
		}

		// Reached again, with a new next action: a new lapse to watch.
		s.reached(id, "contact", "2026-03-20")
		if c := s.caseDetail(id); c.Overdue || c.EscalatedAt != nil || c.NextAction == nil || c.NextAction.DueOn != "2026-03-20" {
			t.Fatalf("after the new next action = %+v", c.CaseView)
		}
		if n := escalate(); n != 0 || overdueList().Total != 0 {
			t.Fatalf("escalated %d before the new day passed", n)
		}
		s.at("2026-03-21", "09:30")
		if n := escalate(); n != 1 {
			t.Fatalf("the second lapse escalated %d times", n)
		}
		if n := escalate(); n != 0 {
			t.Fatalf("the second lapse escalated again (%d)", n)
		}
		if s.notifications(lab.NotifyOverdue) != 2 || s.caseEvents(id, "escalated") != 2 || e.auditCount("followup.escalate") != 2 {
			t.Fatalf("after two lapses: %d notifications, %d escalations", s.notifications(lab.NotifyOverdue), s.caseEvents(id, "escalated"))
		}
	})
}

// A case closes only with evidence: a contact that reached her, and for
// retest_normal a released retest without abnormal findings.
func TestNoContactAndRetestNotNormal(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		s := newStaff(e)
		_, id := s.screened(1, clientBody(1), map[string]string{"TOXO_IGG": "0.5", "TOXO_IGM": "15"})
		stillOpen := func(status lab.FollowupStatus) {
			t.Helper()
			if c := s.caseDetail(id); c.Status != status || c.Outcome != "" || c.ClosedAt != nil {
				t.Fatalf("case = %+v, want %s", c.CaseView, status)
			}
		}
		expectProblem(t, s.closeCase(id, "vaccination_advised"), http.StatusConflict, "no_contact")
		stillOpen(lab.CaseOpen)
		expectStatus(t, s.contact(id, "no_answer", nil), http.StatusCreated)
		expectProblem(t, s.closeCase(id, "counseled"), http.StatusConflict, "no_contact")
		stillOpen(lab.CaseInProgress)

		// A next action is chosen when she is reached, for a day not past.
		contacts := e.auditCount("followup.contact")
		p := expectProblem(t, s.contact(id, "no_answer", map[string]any{"kind": "retest", "due_on": "2026-03-16"}), http.StatusUnprocessableEntity, "validation")
		if !p.hasField("next_action", "not_allowed") {
			t.Fatalf("errors = %+v", p.Errors)
		}
		p = expectProblem(t, s.contact(id, "reached", map[string]any{"kind": "retest", "due_on": "2026-03-01"}), http.StatusUnprocessableEntity, "validation")
		if !p.hasField("next_action.due_on", "in_past") {
			t.Fatalf("errors = %+v", p.Errors)
		}
		p = expectProblem(t, s.contact(id, "reached", map[string]any{"kind": "lunch", "due_on": "2026-03-16"}), http.StatusUnprocessableEntity, "validation")
		if !p.hasField("next_action.kind", "invalid") || e.auditCount("followup.contact") != contacts {
			t.Fatalf("errors = %+v; %d contacts logged", p.Errors, e.auditCount("followup.contact")-contacts)
		}
		expectProblem(t, s.closeCase(id, "counseled"), http.StatusConflict, "no_contact")

		expectStatus(t, s.contact(id, "reached", nil), http.StatusCreated)
		expectProblem(t, s.closeCase(id, "retest_normal"), http.StatusConflict, "retest_not_normal")
		stillOpen(lab.CaseInProgress)

		abnormal := s.retestReleased(id, "2026-03-16", map[string]string{"TOXO_IGG": "0.5", "TOXO_IGM": "15"})
		expectProblem(t, s.closeCase(id, "retest_normal"), http.StatusConflict, "retest_not_normal")
		stillOpen(lab.CaseInProgress)

		_, normal := s.retestDrawn(id, "2026-03-30")
		s.resulted(normal.Accession, nil)
		expectStatus(t, s.verify(normal.Accession, map[string]any{}), http.StatusOK)
		res := s.closeCase(id, "retest_normal")
		expectStatus(t, res, http.StatusOK)
		var closed lab.Followup
		decode(t, res, &closed)
		if closed.Status != lab.CaseClosed || closed.Outcome != "retest_normal" {
			t.Fatalf("closed = %+v", closed)
		}
		if got := s.caseSamples(id); len(got) != 3 || got[1] != abnormal || got[2] != normal.Accession {
			t.Fatalf("case samples = %v", got)
		}
	})
}

// A case closed while her retest was pending, then reopened: the normal
// retest booked from it and released meanwhile is the evidence for
// retest_normal, as the case page shows it.
func TestRetestNormalOfAReopenedCase(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		s := newStaff(e)
		first, id := s.screened(1, clientBody(1), map[string]string{"TOXO_IGG": "0.5", "TOXO_IGM": "15"})
		expectStatus(t, s.contact(id, "reached", nil), http.StatusCreated)
		_, sm := s.retestDrawn(id, "2026-03-16")
		expectStatus(t, s.closeCase(id, "counseled"), http.StatusOK)
		s.resulted(sm.Accession, nil)
		expectStatus(t, s.verify(sm.Accession, map[string]any{}), http.StatusOK)
		if s.casesOf(first.ClientID) != 1 {
			t.Fatal("the normal retest of a closed case opened another")
		}
		expectStatus(t, e.do("POST", path("/api/v1/followups/%d/reopen", id), s.admin, map[string]any{"reason": "close on the retest"}), http.StatusOK)
		c := s.caseDetail(id)
		if len(c.Retests) != 1 || c.Retests[0].Accession != sm.Accession || len(c.Retests[0].Results) != 8 {
			t.Fatalf("the reopened case's retests = %+v", c.Retests)
		}
		res := s.closeCase(id, "retest_normal")
		if res.Code != http.StatusOK {
			t.Fatalf("retest_normal on the reopened case with its normal retest %s released: %d %s (case samples %v)",
				sm.Accession, res.Code, res.Body, s.caseSamples(id))
		}
	})
}

// A retest is drawn no earlier than the first draw + retest_min_days: the
// day before is refused naming the earliest day and changes nothing; the
// setting moves the boundary; a redraw after a rejection has no limit.
func TestRetestTooEarlyAtTheBoundary(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		s := newStaff(e)
		abnormal := map[string]string{"TOXO_IGG": "0.5", "TOXO_IGM": "15"}
		_, id := s.screened(1, clientBody(1), abnormal) // drawn 2026-03-02
		_, id2 := s.screened(2, clientBody(2), abnormal)
		before := s.caseDetail(id)
		early := s.slotOn("2026-03-15", "09:00")
		audits := e.totalAudit()

		res := e.do("POST", path("/api/v1/followups/%d/retest", id), s.counselor, map[string]any{"slot_id": early.ID})
		p := expectProblem(t, res, http.StatusUnprocessableEntity, "retest_too_early")
		var body struct {
			EarliestOn string `json:"earliest_on"`
		}
		decode(t, res, &body)
		if body.EarliestOn != "2026-03-16" || !p.hasField("slot_id", "retest_too_early") {
			t.Fatalf("refusal names %q, errors %+v", body.EarliestOn, p.Errors)
		}
		var appointments int64
		e.db.Gorm.Model(&lab.Appointment{}).Where("followup_id IS NOT NULL").Count(&appointments)
		after := s.caseDetail(id)
		if e.slotBooked(early.ID) != 0 || appointments != 0 || e.totalAudit() != audits ||
			after.NextAction == nil || after.NextAction.Kind != before.NextAction.Kind ||
			after.NextAction.DueOn != before.NextAction.DueOn || !after.DueAt.Equal(before.DueAt) || s.caseEvents(id, "retest_booked") != 0 {
			t.Fatalf("the refusal changed something: slot %d booked, %d retests, audit %d→%d, next action %+v→%+v",
				e.slotBooked(early.ID), appointments, audits, e.totalAudit(), before.NextAction, after.NextAction)
		}
		// The nurse's booking with followup_id keeps the same rule.
		res = e.do("POST", "/api/v1/appointments", s.nurse, map[string]any{"client_id": before.ClientID, "slot_id": early.ID, "followup_id": id})
		expectProblem(t, res, http.StatusUnprocessableEntity, "retest_too_early")
		res = s.bookRetest(id, "2026-03-16")
		expectStatus(t, res, http.StatusCreated)
		var ap lab.Appointment
		decode(t, res, &ap)
		// Nobody has reached her: her first contact, due sooner, stands.
		if c := s.caseDetail(id); c.NextAction == nil || c.NextAction.Kind != lab.ActionContact || !c.DueAt.Equal(before.DueAt) ||
			s.caseEvents(id, "next_action_kept") != 1 {
			t.Fatalf("next action after booking for a woman not reached = %+v", c.NextAction)
		}
		// Reached, nothing chosen: her booked retest becomes the plan.
		s.contact(id, "reached", nil)
		if c := s.caseDetail(id); c.NextAction == nil || c.NextAction.Kind != lab.ActionRetest || c.NextAction.DueOn != "2026-03-16" {
			t.Fatalf("reached with her retest booked, nothing chosen = %+v", c.NextAction)
		}
		// Nor can the booked retest be moved before the earliest day.
		expectProblem(t, e.do("POST", path("/api/v1/appointments/%d/reschedule", ap.ID), s.nurse, map[string]any{"slot_id": early.ID}),
			http.StatusUnprocessableEntity, "retest_too_early")
		if e.slotBooked(early.ID) != 0 || e.slotBooked(ap.SlotID) != 1 {
			t.Fatalf("a refused move changed the slots: %d and %d booked", e.slotBooked(early.ID), e.slotBooked(ap.SlotID))
		}

		// The setting's range, then 0 days: her same-day retest is taken.
		expectProblem(t, e.do("PUT", "/api/v1/settings", s.admin, map[string]any{"retest_min_days": 29}), http.StatusUnprocessableEntity, "validation")
		expectStatus(t, e.do("PUT", "/api/v1/settings", s.admin, map[string]any{"retest_min_days": 0}), http.StatusOK)
		expectStatus(t, e.do("POST", path("/api/v1/followups/%d/retest", id2), s.counselor,
			map[string]any{"slot_id": s.slotOn("2026-03-02", "23:30").ID}), http.StatusCreated)
		expectStatus(t, e.do("PUT", "/api/v1/settings", s.admin, map[string]any{"retest_min_days": 14}), http.StatusOK)

		// Her retest tube is rejected; its redraw, the same day, is booked.
		s.at("2026-03-16", "09:30")
		tube := e.collect(s.nurse, ap.ID, "")
		expectStatus(t, e.do("POST", "/api/v1/samples/"+tube.Accession+"/reject", s.tech, map[string]any{"reason": "hemolyzed"}), http.StatusOK)
		var open struct{ Items []lab.RecollectionView }
		decode(t, e.do("GET", "/api/v1/recollections?open=true", s.nurse, nil), &open)
		if len(open.Items) != 1 {
			t.Fatalf("open recollections = %+v", open.Items)
		}
		res = e.do("POST", "/api/v1/appointments", s.nurse, map[string]any{
			"client_id": open.Items[0].ClientID, "slot_id": s.slotOn("2026-03-16", "15:00").ID, "recollection_id": open.Items[0].ID})
		expectStatus(t, res, http.StatusCreated)
	})
}

// Days are the station's: a first draw at 07:30 in Shanghai on 3 March
// (23:30 UTC on the 2nd) makes the 17th the earliest retest day, not the
// 16th.
func TestRetestTooEarlyCountsTheStationsDay(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		s := newStaff(e)
		ap, p := e.book(s.nurse, e.register(s.nurse, clientBody(1)), s.slotOn("2026-03-03", "07:00").ID)
		if p != nil {
			t.Fatalf("book: %+v", p)
		}
		s.at("2026-03-03", "07:30")
		if utc := e.clock.Now().UTC(); utc.Day() != 2 {
			t.Fatalf("the clock is at %s; the draw must fall on the 2nd in UTC", utc)
		}
		sm := e.collect(s.nurse, ap.ID, "")
		s.resulted(sm.Accession, map[string]string{"TOXO_IGG": "0.5", "TOXO_IGM": "15"})
		expectStatus(t, s.verify(sm.Accession, ackAbnormal), http.StatusOK)
		id := s.openCaseOf(sm.ClientID)
		res := s.bookRetest(id, "2026-03-16")
		expectProblem(t, res, http.StatusUnprocessableEntity, "retest_too_early")
		var body struct {
			EarliestOn string `json:"earliest_on"`
		}
		decode(t, res, &body)
		if body.EarliestOn != "2026-03-17" {
			t.Fatalf("earliest_on = %q, want 2026-03-17", body.EarliestOn)
		}
		expectStatus(t, s.bookRetest(id, "2026-03-17"), http.StatusCreated)
	})
}

// HSV serology is information for the obstetrician: a pregnant woman's
// positive HSV IgM gives a routine case with the HSV text, never urgent
// and never the avidity advice.
func TestHSVIgMPregnantIsRoutine(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		s := newStaff(e)
		for i, tc := range []struct {
			igg, code string
		}{{"0.3", "HSV_IGM_POS_IGG_NEG"}, {"5", "HSV_IGM_POS_IGG_POS"}} {
			releasedAt := e.clock.Now()
			sm, id := s.screened(i+1, pregnantBody(i+1), map[string]string{"HSV_IGG": tc.igg, "HSV_IGM": "2.0"})
			if id == 0 {
				t.Fatalf("%s opened no case", tc.code)
			}
			c := s.caseDetail(id)
			if c.Priority != lab.Routine || !slices.Equal(codes(c.Findings), []string{tc.code}) ||
				!c.DueAt.Equal(releasedAt.Add(7*24*time.Hour)) {
				t.Fatalf("%s case = %+v (released %s)", tc.code, c.CaseView, releasedAt)
			}
			f := c.Findings[0]
			if f.Priority != lab.Routine || f.Recommendation != hsvIgMZh || f.RecommendationEn != hsvIgMEn {
				t.Fatalf("%s finding on the case = %+v", tc.code, f)
			}
			hsv := findingsOf(s.report(sm.Accession).Findings, "HSV")
			if len(hsv) != 1 || hsv[0].Code != tc.code || hsv[0].RecommendationEn != hsvIgMEn || hsv[0].Recommendation != hsvIgMZh {
				t.Fatalf("%s on the report = %+v", tc.code, hsv)
			}
		}
	})
}

// She misses her retest: the case's retest is due the next day.
func TestRetestNoShowDueNextDay(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		s := newStaff(e)
		_, id := s.screened(1, clientBody(1), map[string]string{"TOXO_IGG": "0.5", "TOXO_IGM": "15"})
		s.reached(id, "retest", "2026-03-16")
		res := s.bookRetest(id, "2026-03-16")
		expectStatus(t, res, http.StatusCreated)
		var ap lab.Appointment
		decode(t, res, &ap)
		s.at("2026-03-16", "08:30")
		expectProblem(t, e.do("POST", path("/api/v1/appointments/%d/no-show", ap.ID), s.nurse, nil), http.StatusConflict, "too_early")
		if c := s.caseDetail(id); c.NextAction == nil || c.NextAction.Kind != lab.ActionRetest || c.NextAction.DueOn != "2026-03-16" {
			t.Fatalf("before the no-show = %+v", c.NextAction)
		}
		s.at("2026-03-16", "10:30")
		expectStatus(t, e.do("POST", path("/api/v1/appointments/%d/no-show", ap.ID), s.nurse, nil), http.StatusOK)
		c := s.caseDetail(id)
		endOfNextDay := time.Date(2026, 3, 18, 0, 0, 0, 0, shanghai)
		if c.NextAction == nil || c.NextAction.Kind != lab.ActionRetest || c.NextAction.DueOn != "2026-03-17" ||
			!c.NextAction.DueAt.Equal(endOfNextDay) || c.Overdue {
			t.Fatalf("after the no-show = %+v", c.NextAction)
		}
		s.at("2026-03-18", "00:30")
		if n, _ := e.svc.EscalateOverdue(context.Background()); n != 1 {
			t.Fatalf("the missed retest not booked again escalated %d", n)
		}
	})
}
