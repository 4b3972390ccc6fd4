package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"torchlab/lab"
)

// A pregnant woman registered on 2 March 2026 (the test clock's day) with
// her LMP on 1 February: 4 weeks 1 day pregnant.
const regLMP = "2026-02-01"

func (e *env) pregnancyOf(token string, client int64) *lab.Pregnancy {
	e.t.Helper()
	var page lab.ClientPage
	res := e.do("GET", path("/api/v1/clients/%d", client), token, nil)
	expectStatus(e.t, res, http.StatusOK)
	decode(e.t, res, &page)
	return page.Pregnancy
}

func (e *env) tasks(token, query string) []lab.PregnancyTask {
	e.t.Helper()
	var list struct{ Items []lab.PregnancyTask }
	res := e.do("GET", "/api/v1/pregnancies"+query, token, nil)
	expectStatus(e.t, res, http.StatusOK)
	decode(e.t, res, &list)
	return list.Items
}

func taskOf(ts []lab.PregnancyTask, pregnancy int64, kind string) *lab.PregnancyTask {
	for i := range ts {
		if ts[i].PregnancyID == pregnancy && ts[i].Task == kind {
			return &ts[i]
		}
	}
	return nil
}

// A woman registered as pregnant has her pregnancy, its EDD and its two
// tasks; a second one is refused while it is open; the gestational age
// shows on her page.
func TestPregnancyAtRegistration(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		counselor := e.signIn("counselor.a", lab.RoleCounselor, e.stationA)
		nurseB := e.signIn("nurse.b", lab.RoleNurse, e.stationB)
		client := e.register(nurse, clientBody(1, with("category", "pregnant"), with("lmp_date", regLMP)))
		p := e.pregnancyOf(counselor, client)
		if p == nil || p.Source != "registration" || p.LMPDate != regLMP || p.EDD != "2026-11-08" || !p.Open ||
			p.EarlyDueOn == nil || *p.EarlyDueOn != "2026-05-09" || p.OutcomeFrom != "2026-12-20" || p.OutcomeDueOn != "2027-01-19" ||
			p.GestationalAge == nil || *p.GestationalAge != (lab.GestationalAge{Weeks: 4, Days: 1}) {
			t.Fatalf("pregnancy at registration = %+v", p)
		}
		if e.auditCount("pregnancy.record") != 1 {
			t.Fatal("the pregnancy was not audited")
		}
		res := e.do("POST", path("/api/v1/clients/%d/pregnancies", client), counselor, map[string]any{"lmp_date": "2026-02-10", "source": "self_report"})
		expectProblem(t, res, http.StatusConflict, "pregnancy_open")
		expectProblem(t, e.do("POST", path("/api/v1/clients/%d/pregnancies", client), nurseB, map[string]any{"lmp_date": "2026-02-10", "source": "self_report"}),
			http.StatusNotFound, "not_found")
		// A planning woman's page has none.
		planning := e.register(nurse, clientBody(2))
		if e.pregnancyOf(nurse, planning) != nil {
			t.Fatal("a woman planning a pregnancy has one")
		}
	})
}

func TestRecordPregnancyRefusals(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		client := e.register(nurse, clientBody(1))
		url := path("/api/v1/clients/%d/pregnancies", client)
		for _, tc := range []struct {
			name        string
			body        map[string]any
			field, code string
		}{
			{"neither date", map[string]any{"source": "self_report"}, "lmp_date", "required"},
			{"both dates", map[string]any{"lmp_date": "2026-02-01", "edd": "2026-11-08", "source": "clinic"}, "edd", "not_allowed"},
			{"LMP tomorrow", map[string]any{"lmp_date": "2026-03-03", "source": "self_report"}, "lmp_date", "in_future"},
			{"EDD implying a future LMP", map[string]any{"edd": "2026-12-08", "source": "clinic"}, "edd", "in_future"},
			{"LMP 45 weeks ago", map[string]any{"lmp_date": "2025-04-27", "source": "self_report"}, "lmp_date", "too_old"},
			{"unknown source", map[string]any{"lmp_date": "2026-02-01", "source": "neighbour"}, "source", "invalid"},
			{"not a date", map[string]any{"lmp_date": "1 Feb", "source": "self_report"}, "lmp_date", "invalid"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				before := e.totalAudit()
				p := expectProblem(t, e.do("POST", url, nurse, tc.body), http.StatusUnprocessableEntity, "validation")
				if !p.hasField(tc.field, tc.code) || e.totalAudit() != before {
					t.Fatalf("errors %+v (audit %d→%d)", p.Errors, before, e.totalAudit())
				}
			})
		}
		// From the EDD a clinic gave: the LMP is 280 days before it.
		res := e.do("POST", url, nurse, map[string]any{"edd": "2026-11-08", "source": "clinic"})
		expectStatus(t, res, http.StatusCreated)
		var p lab.Pregnancy
		decode(t, res, &p)
		if p.LMPDate != "2026-02-01" || p.EDD != "2026-11-08" {
			t.Fatalf("from the EDD: %+v", p)
		}
	})
}

// The worklist's tasks open and fall due on their days; each lapse
// escalates exactly once, however many workers run the job.
func TestPregnancyTasksDueAndEscalation(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		e.signIn("boss", lab.RoleAdmin, 0)
		client := e.register(nurse, clientBody(1, with("category", "pregnant"), with("lmp_date", regLMP)))
		p := e.pregnancyOf(nurse, client)
		counselor := e.signIn("counselor.a", lab.RoleCounselor, e.stationA)

		early := taskOf(e.tasks(counselor, "?due=true"), p.ID, lab.TaskEarlyContact)
		if early == nil || early.DueOn != "2026-05-09" || early.Overdue || early.ClientID != client {
			t.Fatalf("early task on the day recorded = %+v", early)
		}
		if taskOf(e.tasks(counselor, "?due=true"), p.ID, lab.TaskOutcome) != nil {
			t.Fatal("the outcome follow-up is due before EDD + 42 days")
		}
		if o := taskOf(e.tasks(counselor, ""), p.ID, lab.TaskOutcome); o == nil || o.OpensOn != "2026-12-20" || o.DueOn != "2027-01-19" {
			t.Fatalf("the outcome follow-up to come = %+v", o)
		}

		// Two workers on the same database, as two torchlab processes.
		other := e.secondProcess()
		escalateBoth := func() int {
			return total(atOnce(t, []*lab.Service{e.svc, other}, func(svc *lab.Service) (int, error) {
				return svc.EscalatePregnancyTasks(context.Background())
			}))
		}
		// The last day of early pregnancy at the station (Shanghai), then
		// the first minute after it.
		e.clock.Advance(time.Date(2026, 5, 9, 15, 59, 0, 0, time.UTC).Sub(e.clock.Now()))
		if n := escalateBoth(); n != 0 {
			t.Fatalf("escalated %d on the day it is due", n)
		}
		e.clock.Advance(2 * time.Minute)
		counselor = e.login("counselor.a", testPassword)
		if early := taskOf(e.tasks(counselor, "?due=true"), p.ID, lab.TaskEarlyContact); early == nil || !early.Overdue {
			t.Fatalf("the early task after its day = %+v", early)
		}
		if n := escalateBoth(); n != 1 {
			t.Fatalf("the lapsed early task escalated %d times", n)
		}
		if n := escalateBoth(); n != 0 {
			t.Fatalf("a second run escalated %d", n)
		}
		// The outcome follow-up opens on EDD + 42 days and lapses after
		// its 30 days: one more escalation.
		e.clock.Advance(time.Date(2026, 12, 19, 16, 1, 0, 0, time.UTC).Sub(e.clock.Now()))
		counselor = e.login("counselor.a", testPassword)
		if o := taskOf(e.tasks(counselor, "?due=true"), p.ID, lab.TaskOutcome); o == nil || o.Overdue {
			t.Fatalf("the outcome follow-up on its first day = %+v", o)
		}
		e.clock.Advance(time.Date(2027, 1, 19, 16, 1, 0, 0, time.UTC).Sub(e.clock.Now()))
		if n := escalateBoth(); n != 1 {
			t.Fatalf("the lapsed outcome follow-up escalated %d times", n)
		}
		var overdue []lab.Notification
		e.db.Gorm.Where("type = ?", lab.NotifyPregnancyOverdue).Find(&overdue)
		if len(overdue) != 2 || e.auditCount("pregnancy.escalate") != 2 {
			t.Fatalf("%d notifications to the one admin, %d escalations audited", len(overdue), e.auditCount("pregnancy.escalate"))
		}
		for _, n := range overdue {
			if n.ClientID == nil || *n.ClientID != client || n.PregnancyID == nil || *n.PregnancyID != p.ID {
				t.Fatalf("the notification does not lead to her: %+v", n)
			}
		}
	})
}

// A contact that reaches her in early pregnancy does the early task: it
// leaves the worklist and never escalates.
func TestEarlyPregnancyContactDoesTheTask(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		counselor := e.signIn("counselor.a", lab.RoleCounselor, e.stationA)
		client := e.register(nurse, clientBody(1, with("category", "pregnant"), with("lmp_date", regLMP)))
		p := e.pregnancyOf(nurse, client)
		url := path("/api/v1/pregnancies/%d/contacts", p.ID)
		p2 := expectProblem(t, e.do("POST", url, counselor, map[string]any{"task": "birth", "channel": "phone", "result": "reached"}),
			http.StatusUnprocessableEntity, "validation")
		if !p2.hasField("task", "invalid") {
			t.Fatalf("errors %+v", p2.Errors)
		}
		expectStatus(t, e.do("POST", url, counselor, map[string]any{"task": "early_contact", "channel": "phone", "result": "no_answer"}), http.StatusCreated)
		if taskOf(e.tasks(counselor, "?due=true"), p.ID, lab.TaskEarlyContact) == nil {
			t.Fatal("an unanswered call did the early task")
		}
		expectStatus(t, e.do("POST", url, counselor, map[string]any{"task": "early_contact", "channel": "phone", "result": "reached"}), http.StatusCreated)
		if taskOf(e.tasks(counselor, "?due=true"), p.ID, lab.TaskEarlyContact) != nil {
			t.Fatal("the early task is still listed after she was reached")
		}
		e.clock.Advance(80 * 24 * time.Hour)
		if n, _ := e.svc.EscalatePregnancyTasks(context.Background()); n != 0 {
			t.Fatalf("a done early task escalated %d", n)
		}
	})
}

func TestPregnancyOutcome(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		counselor := e.signIn("counselor.a", lab.RoleCounselor, e.stationA)
		client := e.register(nurse, clientBody(1, with("category", "pregnant"), with("lmp_date", regLMP)))
		p := e.pregnancyOf(nurse, client)
		url := path("/api/v1/pregnancies/%d/outcome", p.ID)
		e.clock.Advance(20 * 24 * time.Hour) // 22 March
		counselor, nurse = e.login("counselor.a", testPassword), e.login("nurse.a", testPassword)
		for _, tc := range []struct {
			name        string
			body        map[string]any
			field, code string
		}{
			{"unknown outcome", map[string]any{"outcome": "born", "date": "2026-03-20"}, "outcome", "invalid"},
			{"in the future", map[string]any{"outcome": "miscarriage", "date": "2026-03-23"}, "date", "in_future"},
			{"before her LMP", map[string]any{"outcome": "miscarriage", "date": "2026-01-31"}, "date", "before_lmp"},
			{"a weight for a miscarriage", map[string]any{"outcome": "miscarriage", "date": "2026-03-20", "birth_weight_g": 300}, "birth_weight_g", "not_allowed"},
			{"46 weeks", map[string]any{"outcome": "unknown", "date": "2026-03-20", "gestation_weeks": 46}, "gestation_weeks", "out_of_range"},
			{"a defect without words", map[string]any{"outcome": "induced_abortion", "date": "2026-03-20", "defects": []map[string]any{{"code": "Q21.1"}}}, "defects[0].text", "required"},
			{"not a Q code", map[string]any{"outcome": "induced_abortion", "date": "2026-03-20", "defects": []map[string]any{{"code": "P21", "text": "x"}}}, "defects[0].code", "invalid"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				before := e.totalAudit()
				pr := expectProblem(t, e.do("POST", url, counselor, tc.body), http.StatusUnprocessableEntity, "validation")
				if !pr.hasField(tc.field, tc.code) || e.totalAudit() != before {
					t.Fatalf("errors %+v", pr.Errors)
				}
			})
		}
		res := e.do("POST", url, counselor, map[string]any{"outcome": "induced_abortion", "date": "2026-03-20", "gestation_weeks": 6,
			"defects": []map[string]any{{"code": "q21.1", "text": "atrial septal defect on ultrasound"}}})
		expectStatus(t, res, http.StatusCreated)
		var closed lab.Pregnancy
		decode(t, res, &closed)
		if closed.Open || closed.Outcome != "induced_abortion" || len(closed.Defects) != 1 || closed.Defects[0].Code != "Q21.1" {
			t.Fatalf("outcome = %+v", closed)
		}
		if e.pregnancyOf(nurse, client) != nil || len(e.tasks(counselor, "")) != 0 {
			t.Fatal("a closed pregnancy is still open, or its tasks listed")
		}
		expectProblem(t, e.do("POST", url, counselor, map[string]any{"outcome": "miscarriage", "date": "2026-03-20"}), http.StatusConflict, "invalid_state")
		// Corrected only with a reason, which the audit keeps with the change.
		pr := expectProblem(t, e.do("PUT", url, counselor, map[string]any{"outcome": "miscarriage", "date": "2026-03-20"}), http.StatusUnprocessableEntity, "validation")
		if !pr.hasField("reason", "required") {
			t.Fatalf("errors %+v", pr.Errors)
		}
		res = e.do("PUT", url, counselor, map[string]any{"outcome": "miscarriage", "date": "2026-03-19", "reason": "the hospital's record says so"})
		expectStatus(t, res, http.StatusOK)
		var audit []lab.AuditEntry
		e.db.Gorm.Where("action = ?", "pregnancy.outcome_correct").Find(&audit)
		if len(audit) != 1 || !strings.Contains(string(audit[0].Changes), "induced_abortion") || !strings.Contains(string(audit[0].Changes), "the hospital") {
			t.Fatalf("correction audit = %+v", audit)
		}
		// With the pregnancy closed, a new one may be recorded.
		expectStatus(t, e.do("POST", path("/api/v1/clients/%d/pregnancies", client), counselor, map[string]any{"lmp_date": "2026-03-21", "source": "self_report"}),
			http.StatusCreated)
	})
}

// A rubella vaccination is recorded only with pregnancy excluded; its
// deferral shows on her page, and a pregnancy begun within it warns her
// counselor.
func TestRubellaVaccination(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		counselor := e.signIn("counselor.a", lab.RoleCounselor, e.stationA)
		client := e.register(nurse, clientBody(1))
		url := path("/api/v1/clients/%d/vaccinations", client)
		before := e.totalAudit()
		pr := expectProblem(t, e.do("POST", url, nurse, map[string]any{"vaccine": "rubella", "given_on": "2026-03-01"}), http.StatusUnprocessableEntity, "validation")
		if !pr.hasField("pregnancy_excluded", "required_true") || e.totalAudit() != before {
			t.Fatalf("errors %+v", pr.Errors)
		}
		pr = expectProblem(t, e.do("POST", url, nurse, map[string]any{"vaccine": "mmr", "given_on": "2026-03-01", "pregnancy_excluded": true}), http.StatusUnprocessableEntity, "validation")
		if !pr.hasField("vaccine", "invalid") {
			t.Fatalf("errors %+v", pr.Errors)
		}
		pr = expectProblem(t, e.do("POST", url, nurse, map[string]any{"vaccine": "rubella", "given_on": "2026-03-03", "pregnancy_excluded": true}), http.StatusUnprocessableEntity, "validation")
		if !pr.hasField("given_on", "in_future") || e.totalAudit() != before {
			t.Fatalf("errors %+v", pr.Errors)
		}
		res := e.do("POST", url, nurse, map[string]any{"vaccine": "rubella", "given_on": "2026-03-01", "pregnancy_excluded": true})
		expectStatus(t, res, http.StatusCreated)
		var v lab.Vaccination
		decode(t, res, &v)
		if v.DeferralDays != 90 || v.DeferralEndsOn != "2026-05-30" {
			t.Fatalf("vaccination = %+v", v)
		}
		var page lab.ClientPage
		decode(t, e.do("GET", path("/api/v1/clients/%d", client), counselor, nil), &page)
		if len(page.Vaccinations) != 1 || page.RubellaDeferralEndsOn == nil || *page.RubellaDeferralEndsOn != "2026-05-30" {
			t.Fatalf("her page = %+v", page)
		}
		// A pregnancy with its LMP inside the deferral: recorded, with a
		// warning, and her station's counselor is told.
		res = e.do("POST", path("/api/v1/clients/%d/pregnancies", client), nurse, map[string]any{"lmp_date": "2026-03-02", "source": "self_report"})
		expectStatus(t, res, http.StatusCreated)
		var p lab.Pregnancy
		decode(t, res, &p)
		var notes struct{ Items []lab.Notification }
		decode(t, e.do("GET", "/api/v1/notifications?unread=true", counselor, nil), &notes)
		if len(p.Warnings) != 1 || p.Warnings[0] != "lmp_within_rubella_deferral" || len(notes.Items) != 1 ||
			notes.Items[0].Type != lab.NotifyDeferralWarning {
			t.Fatalf("warnings %v, counselor's notifications %+v", p.Warnings, notes.Items)
		}
		// With that pregnancy open, no vaccination after its LMP.
		pr = expectProblem(t, e.do("POST", url, nurse, map[string]any{"vaccine": "rubella", "given_on": "2026-03-02", "pregnancy_excluded": true}),
			http.StatusUnprocessableEntity, "validation")
		if !pr.hasField("pregnancy_excluded", "pregnancy_open") {
			t.Fatalf("errors %+v", pr.Errors)
		}
	})
}

// A woman with an open case gets the pregnancy's outcome as the case's next
// action; the outcome recorded, the case waits for a contact; a rubella
// case closed as vaccination_advised later shows her vaccinated.
func TestPregnancyOnHerCase(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		s := newStaff(e)
		_, id := s.screened(1, clientBody(1), map[string]string{"RUBV_IGG": "2"}) // rubella susceptible, planning
		c := s.caseDetail(id)
		expectStatus(t, s.contact(id, "reached", map[string]any{"kind": "contact", "due_on": "2026-03-09"}), http.StatusCreated)
		res := e.do("POST", path("/api/v1/clients/%d/pregnancies", c.ClientID), s.counselor, map[string]any{"lmp_date": "2026-02-20", "source": "self_report"})
		expectStatus(t, res, http.StatusCreated)
		var p lab.Pregnancy
		decode(t, res, &p)
		c = s.caseDetail(id)
		if c.NextAction == nil || c.NextAction.Kind != lab.ActionOutcome || c.NextAction.DueOn != p.OutcomeDueOn ||
			c.Pregnancy == nil || c.GestationalAge == nil || *c.GestationalAge != (lab.GestationalAge{Weeks: 1, Days: 3}) {
			t.Fatalf("case with her pregnancy = next %+v, pregnancy %+v", c.NextAction, c.Pregnancy)
		}
		var q caseList
		decode(t, e.do("GET", "/api/v1/followups", s.counselor, nil), &q)
		if q.Items[0].GestationalAge == nil {
			t.Fatal("the queue does not show her gestational age")
		}
		expectStatus(t, e.do("POST", path("/api/v1/pregnancies/%d/outcome", p.ID), s.counselor, map[string]any{"outcome": "miscarriage", "date": "2026-03-02"}),
			http.StatusCreated)
		c = s.caseDetail(id)
		if c.NextAction == nil || c.NextAction.Kind != lab.ActionContact || c.NextAction.DueOn != "2026-03-09" || c.Pregnancy != nil {
			t.Fatalf("case after the outcome = next %+v", c.NextAction)
		}
		expectStatus(t, s.closeCase(id, "vaccination_advised"), http.StatusOK)
		expectStatus(t, e.do("POST", path("/api/v1/clients/%d/vaccinations", c.ClientID), s.nurse,
			map[string]any{"vaccine": "rubella", "given_on": "2026-03-02", "pregnancy_excluded": true}), http.StatusCreated)
		if c = s.caseDetail(id); c.VaccinatedOn == nil || *c.VaccinatedOn != "2026-03-02" {
			t.Fatalf("the closed rubella case does not show her vaccinated: %v", c.VaccinatedOn)
		}
	})
}
