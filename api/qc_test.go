package api_test

import (
	"net/http"
	"reflect"
	"strconv"
	"testing"

	"torchlab/lab"
)

func runPath(id int64, tail string) string {
	return "/api/v1/runs/" + strconv.FormatInt(id, 10) + tail
}

// qcValue enters a control value for a run and returns the evaluation.
func (e *env) qcValue(token string, run, material int64, value float64) lab.QCEvaluation {
	e.t.Helper()
	res := e.do("POST", runPath(run, "/qc"), token, map[string]any{"material_id": material, "value": value})
	expectStatus(e.t, res, http.StatusOK)
	var ev lab.QCEvaluation
	decode(e.t, res, &ev)
	return ev
}

// The release hold: two control values beyond +2 SD (2_2s) reject the
// run, and verifying its sample is refused with qc_failed; corrective
// action re-runs the samples (a new run, their entered results cleared),
// and once the re-run's control is accepted the sample releases. An
// admin alone may override a rejected run, with a reason. Every step is
// audited.
func TestQCHoldCorrectiveActionAndRerun(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
		admin := e.signIn("admin", lab.RoleAdmin, 0)
		a := e.received(nurse, tech, 1, "")
		b := e.received(nurse, tech, 2, "")

		res := e.do("POST", "/api/v1/qc/materials", tech, map[string]any{"analyte": "TOXO_IGG", "lot": "QC-H1",
			"level": "high_positive", "target_mean": 10, "target_sd": 1, "valid_until": "2027-12-31"})
		expectStatus(t, res, http.StatusCreated)
		var mat lab.QCMaterial
		decode(t, res, &mat)
		expectProblem(t, e.do("POST", "/api/v1/qc/materials", tech, map[string]any{"analyte": "TOXO_IGG", "lot": "QC-X",
			"level": "very_high", "valid_until": "2027-12-31"}), http.StatusUnprocessableEntity, "validation")

		res = e.do("POST", "/api/v1/runs", tech, map[string]any{"analyte_codes": []string{"TOXO_IGG"}})
		expectStatus(t, res, http.StatusCreated)
		var run lab.RunDetail
		decode(t, res, &run)
		if run.Status != lab.RunPending || !run.LotReview || len(run.Analytes) != 1 || run.Analytes[0].Lot != "L2026" {
			t.Fatalf("run = %+v", run)
		}
		res = e.do("POST", runPath(run.ID, "/samples"), tech, map[string]any{"accessions": []string{a.Accession, b.Accession}})
		expectStatus(t, res, http.StatusOK)
		decode(t, res, &run)
		if len(run.Samples) != 2 {
			t.Fatalf("samples = %+v", run.Samples)
		}

		ev := e.qcValue(tech, run.ID, mat.ID, 12.5)
		if ev.Status != lab.QCWarning || !reflect.DeepEqual(ev.RulesViolated, []string{"1_2s"}) || ev.RunStatus != lab.RunWarning {
			t.Fatalf("first value = %+v", ev)
		}
		ev = e.qcValue(tech, run.ID, mat.ID, 12.3)
		if ev.Status != lab.QCRejected || !reflect.DeepEqual(ev.RulesViolated, []string{"1_2s", "2_2s"}) || ev.RunStatus != lab.RunRejected {
			t.Fatalf("second value = %+v", ev)
		}

		expectStatus(t, e.do("PUT", "/api/v1/samples/"+a.Accession+"/results", tech, map[string]any{"results": allResults(nil)}), http.StatusOK)
		p := expectProblem(t, e.do("POST", "/api/v1/samples/"+a.Accession+"/verify", tech2, nil), http.StatusConflict, "qc_failed")
		if p.Detail == "" {
			t.Fatal("qc_failed without a sentence")
		}

		expectProblem(t, e.do("POST", runPath(run.ID, "/corrective-action"), tech, map[string]any{"action": " "}),
			http.StatusUnprocessableEntity, "validation")
		res = e.do("POST", runPath(run.ID, "/corrective-action"), tech, map[string]any{"action": "recalibrated; fresh control vial"})
		expectStatus(t, res, http.StatusCreated)
		var rerun lab.RunDetail
		decode(t, res, &rerun)
		if rerun.ID == run.ID || rerun.Status != lab.RunPending || rerun.LotReview || len(rerun.Samples) != 2 {
			t.Fatalf("re-run = %+v", rerun)
		}
		res = e.do("GET", runPath(run.ID, ""), tech, nil)
		expectStatus(t, res, http.StatusOK)
		decode(t, res, &run)
		if run.Status != lab.RunCorrected || run.RerunID == nil || *run.RerunID != rerun.ID || run.CorrectiveAction == "" {
			t.Fatalf("rejected run after action = %+v", run.Run)
		}
		// The re-run sample waits for its TOXO_IGG again; its other results stay.
		res = e.do("GET", "/api/v1/samples/"+a.Accession, tech, nil)
		var d lab.SampleDetail
		decode(t, res, &d)
		if d.Status != lab.SampleReceived || resultOf(d, "TOXO_IGG") != nil || resultOf(d, "CMV_IGG") == nil {
			t.Fatalf("sample after corrective action: %s %+v", d.Status, d.Results)
		}
		expectProblem(t, e.do("POST", runPath(run.ID, "/corrective-action"), tech, map[string]any{"action": "again"}),
			http.StatusConflict, "invalid_state")

		if ev := e.qcValue(tech, rerun.ID, mat.ID, 10.2); ev.Status != lab.QCAccepted || ev.RunStatus != lab.RunAccepted {
			t.Fatalf("re-run control = %+v", ev)
		}
		expectStatus(t, e.do("PUT", "/api/v1/samples/"+a.Accession+"/results", tech, map[string]any{"results": []map[string]any{
			{"analyte": "TOXO_IGG", "value": "0.3"}}}), http.StatusOK)
		res = e.do("POST", "/api/v1/samples/"+a.Accession+"/verify", tech2, nil)
		expectStatus(t, res, http.StatusOK)
		decode(t, res, &d)
		if d.Status != lab.SampleReleased || resultOf(d, "TOXO_IGG").Lot != "L2026" {
			t.Fatalf("released = %s %+v", d.Status, resultOf(d, "TOXO_IGG"))
		}

		// Override: an admin's, with a reason.
		res = e.do("POST", "/api/v1/runs", tech, map[string]any{"analyte_codes": []string{"TOXO_IGG"}})
		var third lab.RunDetail
		decode(t, res, &third)
		if ev := e.qcValue(tech, third.ID, mat.ID, 14); ev.Status != lab.QCRejected || ev.RulesViolated[1] != "1_3s" {
			t.Fatalf("third run control = %+v", ev)
		}
		expectProblem(t, e.do("POST", runPath(third.ID, "/override"), tech, map[string]any{"reason": "x"}), http.StatusForbidden, "forbidden")
		expectProblem(t, e.do("POST", runPath(third.ID, "/override"), admin, map[string]any{"reason": ""}),
			http.StatusUnprocessableEntity, "validation")
		res = e.do("POST", runPath(third.ID, "/override"), admin, map[string]any{"reason": "control vial mislabelled; patient results checked"})
		expectStatus(t, res, http.StatusOK)
		decode(t, res, &third)
		if third.Status != lab.RunOverridden || third.OverrideReason == "" {
			t.Fatalf("overridden = %+v", third.Run)
		}

		for action, want := range map[string]int64{"qc.value": 4, "run.corrective_action": 1, "run.override": 1, "run.create": 3, "run.samples": 1} {
			if n := e.auditCount(action); n != want {
				t.Errorf("%d %s audit rows, want %d", n, action, want)
			}
		}
		if n := e.auditCount("run.evaluate"); n < 3 {
			t.Errorf("%d run.evaluate audit rows", n)
		}

		// The Levey-Jennings chart marks each value's violations.
		res = e.do("GET", "/api/v1/qc/materials/"+strconv.FormatInt(mat.ID, 10)+"/chart?from=2026-03-01&to=2026-03-31", tech, nil)
		expectStatus(t, res, http.StatusOK)
		var ch lab.LJChart
		decode(t, res, &ch)
		if len(ch.Points) != 4 || *ch.Points[0].Z != 2.5 || !reflect.DeepEqual(ch.Points[1].RulesViolated, []string{"1_2s", "2_2s"}) ||
			ch.Points[1].RunID != run.ID || len(ch.Points[2].RulesViolated) != 0 {
			t.Fatalf("chart = %+v", ch.Points)
		}
		res = e.do("GET", "/api/v1/qc/materials/"+strconv.FormatInt(mat.ID, 10)+"/chart?from=2026-04-01", tech, nil)
		decode(t, res, &ch)
		if len(ch.Points) != 0 {
			t.Fatalf("chart from April = %+v", ch.Points)
		}

		// The day's runs, and the rejection rate per analyte and month.
		res = e.do("GET", "/api/v1/runs?date=2026-03-02", tech, nil)
		expectStatus(t, res, http.StatusOK)
		var day struct{ Items []lab.RunSummary }
		decode(t, res, &day)
		if len(day.Items) != 3 || day.Items[0].Status != lab.RunCorrected || day.Items[0].Samples != 2 {
			t.Fatalf("day's runs = %+v", day.Items)
		}
		res = e.do("GET", "/api/v1/qc/rejection-rates", tech, nil)
		var rates struct{ Items []lab.QCRejectionRate }
		decode(t, res, &rates)
		if len(rates.Items) != 1 || rates.Items[0].Runs != 3 || rates.Items[0].Rejected != 2 || rates.Items[0].Month != "2026-03" {
			t.Fatalf("rates = %+v", rates.Items)
		}
	})
}

// A qualitative ELISA control must read as expected; a run names its lots,
// refusing unknown and expired ones; a sample joins one run at a time.
func TestQCQualitativeAndRunChecks(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		sm := e.received(nurse, tech, 1, "")
		res := e.do("POST", "/api/v1/qc/materials", tech, map[string]any{"analyte": "HSV_IGM", "lot": "NC-1",
			"level": "negative", "expected": "negative", "valid_until": "2027-01-31"})
		expectStatus(t, res, http.StatusCreated)
		var mat lab.QCMaterial
		decode(t, res, &mat)

		expectProblem(t, e.do("POST", "/api/v1/runs", tech, map[string]any{"analyte_codes": []string{"HSV_IGM"},
			"lots": map[string]string{"HSV_IGM": "NOPE"}}), http.StatusUnprocessableEntity, "lot_unknown")
		e.lot(tech, "HSV_IGM", "OLD", "2026-01-31", false)
		expectProblem(t, e.do("POST", "/api/v1/runs", tech, map[string]any{"analyte_codes": []string{"HSV_IGM"},
			"lots": map[string]string{"HSV_IGM": "OLD"}}), http.StatusUnprocessableEntity, "lot_expired")
		e.lot(tech, "HSV_IGM", "NEW-7", "2027-01-31", false)
		res = e.do("POST", "/api/v1/runs", tech, map[string]any{"analyte_codes": []string{"HSV_IGM"},
			"lots": map[string]string{"HSV_IGM": "new-7"}})
		expectStatus(t, res, http.StatusCreated)
		var run lab.RunDetail
		decode(t, res, &run)
		if run.Analytes[0].Lot != "NEW-7" || !run.Analytes[0].NewLot || !run.LotReview {
			t.Fatalf("run = %+v", run)
		}
		expectStatus(t, e.do("POST", runPath(run.ID, "/samples"), tech, map[string]any{"accessions": []string{sm.Accession}}), http.StatusOK)
		res = e.do("POST", "/api/v1/runs", tech, map[string]any{"analyte_codes": []string{"HSV_IGM"}})
		var other lab.RunDetail
		decode(t, res, &other)
		p := expectProblem(t, e.do("POST", runPath(other.ID, "/samples"), tech, map[string]any{"accessions": []string{sm.Accession}}),
			http.StatusUnprocessableEntity, "validation")
		if !p.hasField("accessions[0]", "in_other_run") {
			t.Fatalf("problem = %+v", p)
		}

		// A result of a sample in the run takes the run's lot, not the lot in use.
		res = e.do("PUT", "/api/v1/samples/"+sm.Accession+"/results", tech, map[string]any{"results": []map[string]any{
			{"analyte": "HSV_IGM", "value": "0.2"}}})
		expectStatus(t, res, http.StatusOK)
		var d lab.SampleDetail
		decode(t, res, &d)
		if resultOf(d, "HSV_IGM").Lot != "NEW-7" {
			t.Fatalf("lot = %q", resultOf(d, "HSV_IGM").Lot)
		}

		res = e.do("POST", runPath(run.ID, "/qc"), tech, map[string]any{"material_id": mat.ID, "qualitative": "positive"})
		expectStatus(t, res, http.StatusOK)
		var ev lab.QCEvaluation
		decode(t, res, &ev)
		if ev.Status != lab.QCRejected || !reflect.DeepEqual(ev.RulesViolated, []string{"qualitative"}) {
			t.Fatalf("qualitative = %+v", ev)
		}
		toxo := e.do("POST", "/api/v1/qc/materials", tech, map[string]any{"analyte": "TOXO_IGG", "lot": "T", "level": "low_positive",
			"target_mean": 2, "target_sd": 0.2, "valid_until": "2027-01-31"})
		var tm lab.QCMaterial
		decode(t, toxo, &tm)
		p = expectProblem(t, e.do("POST", runPath(other.ID, "/qc"), tech, map[string]any{"material_id": tm.ID, "value": 2}),
			http.StatusUnprocessableEntity, "validation")
		if !p.hasField("material_id", "not_in_run") {
			t.Fatalf("problem = %+v", p)
		}
	})
}
