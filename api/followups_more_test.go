package api_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"torchlab/lab"
)

// Twenty technicians verify twenty abnormal samples at once, and twenty
// analyser files arrive at once: nobody gets a 500 (MySQL deadlocks are
// retried), and every abnormal sample has its case.
func TestConcurrentReleasesAndImports(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
		admin := e.signIn("boss", lab.RoleAdmin, 0)
		e.addUser("counselor.a", lab.RoleCounselor, e.stationA)
		const n = 20
		var accs []string
		for i := 0; i < n; i++ {
			sm := e.received(nurse, tech, i, "")
			accs = append(accs, sm.Accession)
		}
		var wg sync.WaitGroup
		codes := make([]int, n)
		for i, acc := range accs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				csv := "accession,analyte,value\n" + acc + ",TOXO_IGG,0.2\n" + acc + ",TOXO_IGM,20\n"
				codes[i] = e.send(request{method: "POST", path: "/api/v1/results/import", token: tech, body: csv,
					header: map[string]string{"Content-Type": "text/csv"}}).Code
			}()
		}
		wg.Wait()
		for i, acc := range accs {
			if codes[i] != http.StatusOK {
				t.Fatalf("import %d answered %d", i, codes[i])
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				codes[i] = e.do("PUT", "/api/v1/samples/"+acc+"/results", tech, map[string]any{"results": allResults(map[string]string{"TOXO_IGM": "20", "TOXO_IGG": "0.2"})}).Code
			}()
		}
		wg.Wait()
		for i, acc := range accs {
			if codes[i] != http.StatusOK {
				t.Fatalf("entry %d answered %d", i, codes[i])
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				codes[i] = e.do("POST", "/api/v1/samples/"+acc+"/verify", tech2, map[string]any{"acknowledge_abnormal": true}).Code
			}()
		}
		wg.Wait()
		for i := range accs {
			if codes[i] != http.StatusOK {
				t.Fatalf("verify %d answered %d", i, codes[i])
			}
		}
		var q caseList
		decode(t, e.do("GET", "/api/v1/followups?limit=200", admin, nil), &q)
		var net struct{ Items []lab.SafetyNetItem }
		decode(t, e.do("GET", "/api/v1/followups/safety-net", admin, nil), &net)
		if q.Total != n || len(net.Items) != 0 {
			t.Fatalf("%d cases for %d abnormal samples; safety net %+v", q.Total, n, net.Items)
		}
	})
}

// A counselor deactivated while releases run leaves no case on herself.
func TestDeactivationDuringReleases(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
		admin := e.signIn("boss", lab.RoleAdmin, 0)
		leaving := e.addUser("counselor.leaving", lab.RoleCounselor, e.stationA)
		e.addUser("counselor.staying", lab.RoleCounselor, e.stationA)
		var accs []string
		for i := 0; i < 12; i++ {
			sm := e.received(nurse, tech, i, "")
			e.do("PUT", "/api/v1/samples/"+sm.Accession+"/results", tech, map[string]any{"results": allResults(map[string]string{"RUBV_IGG": "1"})})
			accs = append(accs, sm.Accession)
		}
		var wg sync.WaitGroup
		for i, acc := range accs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if i == 6 {
					e.do("PATCH", path("/api/v1/users/%d", leaving), admin, map[string]any{"active": false})
				}
				if res := e.do("POST", "/api/v1/samples/"+acc+"/verify", tech2, map[string]any{"acknowledge_abnormal": true}); res.Code != http.StatusOK {
					t.Errorf("verify: %d %s", res.Code, res.Body)
				}
			}()
		}
		wg.Wait()
		var net struct{ Items []lab.SafetyNetItem }
		decode(t, e.do("GET", "/api/v1/followups/safety-net", admin, nil), &net)
		if len(net.Items) != 0 {
			t.Fatalf("safety net = %+v", net.Items)
		}
	})
}

func TestCaseEdgesAfterReview(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
		admin := e.signIn("boss", lab.RoleAdmin, 0)
		li := e.addUser("counselor.li", lab.RoleCounselor, e.stationA)
		acc := e.released(nurse, tech, tech2, 1, clientBody(1), map[string]string{"RUBV_IGG": "1"})
		var q caseList
		decode(t, e.do("GET", "/api/v1/followups", admin, nil), &q)
		c := q.Items[0]
		clientPath := path("/api/v1/clients/%d", c.ClientID)

		t.Run("no move while a case is open", func(t *testing.T) {
			expectProblem(t, e.do("PATCH", clientPath, admin, map[string]any{"station_id": e.stationB}), http.StatusConflict, "open_followup_exists")
		})

		t.Run("an amendment after closing does not reopen the same worry", func(t *testing.T) {
			expectStatus(t, e.do("POST", path("/api/v1/followups/%d/contacts", c.ID), admin, map[string]any{"channel": "phone", "result": "reached"}), http.StatusCreated)
			expectStatus(t, e.do("POST", path("/api/v1/followups/%d/close", c.ID), admin, map[string]any{"outcome": "vaccination_advised"}), http.StatusOK)
			e.do("POST", "/api/v1/samples/"+acc+"/results/HSV_IGG/amend", tech, map[string]any{"value": "0.25", "reason": "re-run"})
			expectStatus(t, e.do("POST", "/api/v1/samples/"+acc+"/verify", tech2, map[string]any{"acknowledge_abnormal": true}), http.StatusOK)
			decode(t, e.do("GET", "/api/v1/followups", admin, nil), &q)
			if q.Total != 1 {
				t.Fatalf("%d cases after a same-priority amendment", q.Total)
			}
			// A more pressing finding does open a new case.
			e.do("POST", "/api/v1/samples/"+acc+"/results/CMV_IGM/amend", tech, map[string]any{"value": "4", "reason": "re-run"})
			expectStatus(t, e.do("POST", "/api/v1/samples/"+acc+"/verify", tech2, map[string]any{"acknowledge_abnormal": true}), http.StatusOK)
			decode(t, e.do("GET", "/api/v1/followups?status=open", admin, nil), &q)
			if q.Total != 1 || q.Items[0].Priority != lab.High {
				t.Fatalf("after a higher-priority amendment: %+v", q)
			}
		})

		t.Run("reopening gives the case to someone who can work it", func(t *testing.T) {
			// She has one open case at most: the one the amendment opened
			// must close before the old one can reopen.
			decode(t, e.do("GET", "/api/v1/followups?status=open", admin, nil), &q)
			newer := q.Items[0].ID
			expectProblem(t, e.do("POST", path("/api/v1/followups/%d/reopen", c.ID), admin, map[string]any{"reason": "again"}),
				http.StatusConflict, "open_followup_exists")
			expectStatus(t, e.do("POST", path("/api/v1/followups/%d/contacts", newer), admin, map[string]any{"channel": "phone", "result": "reached"}), http.StatusCreated)
			expectStatus(t, e.do("POST", path("/api/v1/followups/%d/close", newer), admin, map[string]any{"outcome": "counseled"}), http.StatusOK)
			wang := e.addUser("counselor.wang", lab.RoleCounselor, e.stationA)
			expectStatus(t, e.do("PATCH", path("/api/v1/users/%d", li), admin, map[string]any{"active": false}), http.StatusOK)
			res := e.do("POST", path("/api/v1/followups/%d/reopen", c.ID), admin, map[string]any{"reason": "she asked for advice again"})
			expectStatus(t, res, http.StatusOK)
			var f lab.Followup
			decode(t, res, &f)
			if f.AssigneeID == nil || *f.AssigneeID != wang {
				t.Fatalf("reopened to %v, want %d", f.AssigneeID, wang)
			}
		})
	})
}

func TestAmendmentRaisesAndNotifies(t *testing.T) {
	e := newEnv(t, "sqlite")
	nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
	tech := e.signIn("tech", lab.RoleLabTech, 0)
	tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
	counselor := e.signIn("counselor.a", lab.RoleCounselor, e.stationA)
	acc := e.released(nurse, tech, tech2, 1, clientBody(1), map[string]string{"RUBV_IGG": "1"}) // routine, 7 days
	e.clock.Advance(time.Hour)
	tech, tech2, counselor = e.login("tech", testPassword), e.login("tech2", testPassword), e.login("counselor.a", testPassword)
	e.do("POST", "/api/v1/samples/"+acc+"/results/TOXO_IGM/amend", tech, map[string]any{"value": "30", "reason": "re-run"})
	expectStatus(t, e.do("POST", "/api/v1/samples/"+acc+"/verify", tech2, map[string]any{"acknowledge_abnormal": true}), http.StatusOK)
	var q caseList
	decode(t, e.do("GET", "/api/v1/followups", counselor, nil), &q)
	if c := q.Items[0]; c.Priority != lab.High || !c.DueAt.Equal(e.clock.Now().Add(72*time.Hour)) {
		t.Fatalf("raised case = %v due %v; want high due now+72h", c.Priority, c.DueAt)
	}
	e.do("POST", "/api/v1/samples/"+acc+"/results/TOXO_IGM/amend", tech, map[string]any{"value": "1", "reason": "sample swap"})
	e.do("POST", "/api/v1/samples/"+acc+"/results/RUBV_IGG/amend", tech, map[string]any{"value": "50", "reason": "sample swap"})
	expectStatus(t, e.do("POST", "/api/v1/samples/"+acc+"/verify", tech2, map[string]any{}), http.StatusOK)
	var notes struct{ Items []lab.Notification }
	decode(t, e.do("GET", "/api/v1/notifications", counselor, nil), &notes)
	if notes.Items[0].Type != lab.NotifyCaseUpdated || !strings.Contains(notes.Items[0].Message, "normal") {
		t.Fatalf("inbox = %+v", notes.Items)
	}
}

// Whoever entered any result of the sample, even one replaced before
// release, cannot verify it.
func TestSelfVerificationCountsReplacedEntries(t *testing.T) {
	e := newEnv(t, "sqlite")
	nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
	tech := e.signIn("tech", lab.RoleLabTech, 0)
	tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
	sm := e.received(nurse, tech, 1, "")
	e.do("PUT", "/api/v1/samples/"+sm.Accession+"/results", tech2, map[string]any{"results": allResults(nil)[:1]})
	e.do("PUT", "/api/v1/samples/"+sm.Accession+"/results", tech, map[string]any{"results": allResults(nil)})
	expectProblem(t, e.do("POST", "/api/v1/samples/"+sm.Accession+"/verify", tech2, map[string]any{}), http.StatusConflict, "self_verification")
}

func TestQueuePutsOverdueFirst(t *testing.T) {
	e := newEnv(t, "sqlite")
	nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
	tech := e.signIn("tech", lab.RoleLabTech, 0)
	tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
	e.addUser("counselor.a", lab.RoleCounselor, e.stationA)
	e.released(nurse, tech, tech2, 1, clientBody(1), map[string]string{"RUBV_IGG": "1"}) // routine, due in 7 days
	e.clock.Advance(7*24*time.Hour + time.Minute)
	nurse, tech, tech2 = e.login("nurse.a", testPassword), e.login("tech", testPassword), e.login("tech2", testPassword)
	e.slot(nurse, e.stationA, "2026-03-09", "23:00", 100)
	sl := lab.Slot{}
	e.db.Gorm.Where("day = ?", "2026-03-09").First(&sl)
	ap, _ := e.book(nurse, e.register(nurse, clientBody(2, with("category", "pregnant"), with("lmp_date", "2026-02-01"))), sl.ID)
	sm := e.collect(nurse, ap.ID, "")
	e.do("POST", "/api/v1/samples/"+sm.Accession+"/receive", tech, nil)
	e.do("PUT", "/api/v1/samples/"+sm.Accession+"/results", tech, map[string]any{"results": allResults(map[string]string{"TOXO_IGM": "20"})})
	e.do("POST", "/api/v1/samples/"+sm.Accession+"/verify", tech2, map[string]any{"acknowledge_abnormal": true})
	var q caseList
	decode(t, e.do("GET", "/api/v1/followups", e.login("counselor.a", testPassword), nil), &q)
	if q.Total != 2 || !q.Items[0].Overdue || q.Items[0].Priority != lab.Routine || q.Items[1].Priority != lab.Urgent {
		t.Fatalf("queue = %+v then %+v", q.Items[0].Priority, q.Items[1].Priority)
	}
}

func TestNFPCPReportSaysIgMNotTested(t *testing.T) {
	e := newEnv(t, "sqlite")
	nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
	tech := e.signIn("tech", lab.RoleLabTech, 0)
	tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
	sm := e.received(nurse, tech, 1, "NFPCP")
	e.do("PUT", "/api/v1/samples/"+sm.Accession+"/results", tech, map[string]any{"results": []map[string]any{
		{"analyte": "TOXO_IGG", "value": 0.1}, {"analyte": "TOXO_IGM", "value": 1}, {"analyte": "RUBV_IGG", "value": 40},
		{"analyte": "CMV_IGG", "value": 20}, {"analyte": "CMV_IGM", "value": 0.1}}})
	expectStatus(t, e.do("POST", "/api/v1/samples/"+sm.Accession+"/verify", tech2, map[string]any{}), http.StatusOK)
	var rep lab.Report
	decode(t, e.do("GET", "/api/v1/samples/"+sm.Accession+"/report", nurse, nil), &rep)
	for _, f := range rep.Findings {
		if f.Pathogen == "RUBV" && f.IgM != "" {
			t.Fatalf("rubella IgM was not tested but reads %q", f.IgM)
		}
	}
	text := pdfToText(t, e.do("GET", "/api/v1/samples/"+sm.Accession+"/report.pdf", nurse, nil).Body.Bytes())
	if text != "" && !strings.Contains(text, "IgM 未检测") {
		t.Fatalf("the report does not say the IgM was not tested:\n%s", text)
	}
}

func TestImportRefusesBadBytesAndHugeFiles(t *testing.T) {
	e := newEnv(t, "sqlite")
	nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
	tech := e.signIn("tech", lab.RoleLabTech, 0)
	sm := e.received(nurse, tech, 1, "")
	csv := "accession,analyte,value,unit,kit,lot\n" + sm.Accession + ",TOXO_IGG,0.2,,,L\xff1\n" + sm.Accession + ",TOXO_IGM,0.5\n"
	res := e.send(request{method: "POST", path: "/api/v1/results/import", token: tech, body: csv, header: map[string]string{"Content-Type": "text/csv"}})
	var rep lab.ImportReport
	decode(t, res, &rep)
	if rep.Saved != 1 || rep.Rows[0].Code != "malformed" {
		t.Fatalf("report = %+v", rep)
	}
	huge := "accession,analyte,value\n" + strings.Repeat(sm.Accession+",TOXO_IGG,0.2\n", 3_000_000)
	res = e.send(request{method: "POST", path: "/api/v1/results/import", token: tech, body: huge, header: map[string]string{"Content-Type": "text/csv"}})
	expectProblem(t, res, http.StatusRequestEntityTooLarge, "too_large")
}

// A more pressing amendment after she was reached must reach her again,
// within the new priority's time, or the case becomes overdue and
// escalates again.
func TestRaisedCaseMustReachHerAgain(t *testing.T) {
	e := newEnv(t, "sqlite")
	nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
	tech := e.signIn("tech", lab.RoleLabTech, 0)
	tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
	counselor := e.signIn("counselor.a", lab.RoleCounselor, e.stationA)
	acc := e.released(nurse, tech, tech2, 1, clientBody(1, with("category", "pregnant"), with("lmp_date", "2026-02-01")),
		map[string]string{"RUBV_IGG": "1"}) // routine
	var q caseList
	decode(t, e.do("GET", "/api/v1/followups", counselor, nil), &q)
	e.do("POST", path("/api/v1/followups/%d/contacts", q.Items[0].ID), counselor, map[string]any{"channel": "phone", "result": "reached",
		"next_action": map[string]any{"kind": "contact", "due_on": "2026-03-12"}})
	e.clock.Advance(8 * 24 * time.Hour) // past the routine due time of her first contact; her next contact is due on the 12th
	tech, tech2, counselor = e.login("tech", testPassword), e.login("tech2", testPassword), e.login("counselor.a", testPassword)
	decode(t, e.do("GET", "/api/v1/followups", counselor, nil), &q)
	if q.Items[0].Overdue || q.Items[0].NextAction == nil || q.Items[0].NextAction.DueOn != "2026-03-12" {
		t.Fatalf("a reached case with its next contact ahead = %+v", q.Items[0].Followup)
	}
	e.do("POST", "/api/v1/samples/"+acc+"/results/TOXO_IGM/amend", tech, map[string]any{"value": "30", "reason": "re-run"})
	expectStatus(t, e.do("POST", "/api/v1/samples/"+acc+"/verify", tech2, map[string]any{"acknowledge_abnormal": true}), http.StatusOK)
	var raised caseList // a fresh one: omitted fields would keep old values
	decode(t, e.do("GET", "/api/v1/followups", counselor, nil), &raised)
	c := raised.Items[0]
	if c.Priority != lab.Urgent || c.NextAction == nil || c.NextAction.Kind != lab.ActionContact ||
		!c.DueAt.Equal(e.clock.Now().Add(24*time.Hour)) || c.Overdue {
		t.Fatalf("raised case = %+v", c.Followup)
	}
	e.clock.Advance(25 * time.Hour)
	if n, _ := e.svc.EscalateOverdue(context.Background()); n != 1 {
		t.Fatalf("escalated %d; the raised case should be overdue now", n)
	}
}

// A new case goes to the counselor with the fewest active cases: her open
// ones and her ones in progress count, her closed ones do not.
func TestAssignmentCountsActiveCasesOnly(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
		li := e.addUser("counselor.li", lab.RoleCounselor, e.stationA)
		wang := e.addUser("counselor.wang", lab.RoleCounselor, e.stationA)
		abnormal := map[string]string{"RUBV_IGG": "1"}
		assignee := func(acc string) int64 {
			t.Helper()
			var id *int64
			if err := e.db.Gorm.Raw("SELECT f.assignee_id FROM followups f JOIN samples s ON s.id = f.sample_id WHERE s.accession = ?", acc).
				Scan(&id).Error; err != nil || id == nil {
				t.Fatalf("case of %s: assignee %v, %v", acc, id, err)
			}
			return *id
		}
		// Two cases each (ties go to the lower id, li).
		n := 0
		for _, want := range []int64{li, wang, li, wang} {
			n++
			if got := assignee(e.released(nurse, tech, tech2, n, clientBody(n), abnormal)); got != want {
				t.Fatalf("case %d went to %d, want %d", n, got, want)
			}
		}
		// Li works both of hers; Wang closes both of his.
		set := func(who int64, status lab.FollowupStatus) {
			t.Helper()
			if err := e.db.Gorm.Exec("UPDATE followups SET status = ? WHERE assignee_id = ?", status, who).Error; err != nil {
				t.Fatal(err)
			}
		}
		set(li, lab.CaseInProgress)
		set(wang, lab.CaseClosed)
		// Li has two active cases, Wang none: the next two go to Wang.
		for i := 0; i < 2; i++ {
			n++
			if got := assignee(e.released(nurse, tech, tech2, n, clientBody(n), abnormal)); got != wang {
				t.Fatalf("case %d went to %d: closed cases counted or cases in progress not (li %d, wang %d)", n, got, li, wang)
			}
		}
	})
}
