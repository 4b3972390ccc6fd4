package api_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"torchlab/lab"
)

// received draws a sample at station A (panel "" = TORCH8) and receives it.
func (e *env) received(nurse, tech string, n int, panel string) lab.Sample {
	e.t.Helper()
	sm := e.drawn(nurse, n, panel)
	expectStatus(e.t, e.do("POST", "/api/v1/samples/"+sm.Accession+"/receive", tech, nil), http.StatusOK)
	return sm
}

// allResults gives a value for every TORCH8 analyte; overrides by analyte.
func allResults(over map[string]string) []map[string]any {
	values := map[string]string{ // all negative, rubella immune
		"TOXO_IGG": "0.2", "TOXO_IGM": "1.5", "RUBV_IGG": "85", "RUBV_IGM": "0.1",
		"CMV_IGG": "40", "CMV_IGM": "0.2", "HSV_IGG": "0.3", "HSV_IGM": "0.2",
	}
	for k, v := range over {
		values[k] = v
	}
	var out []map[string]any
	for _, a := range []string{"TOXO_IGG", "TOXO_IGM", "RUBV_IGG", "RUBV_IGM", "CMV_IGG", "CMV_IGM", "HSV_IGG", "HSV_IGM"} {
		if v, ok := values[a]; ok && v != "-" {
			out = append(out, map[string]any{"analyte": a, "value": v, "lot": "L2026"})
		}
	}
	return out
}

func resultOf(d lab.SampleDetail, analyte string) *lab.Result {
	for i := range d.Results {
		if d.Results[i].AnalyteCode == analyte {
			return &d.Results[i]
		}
	}
	return nil
}

// samePageAsGet checks that result entry answers the sample's page exactly
// as GET /samples/{accession} shows it afterwards: the answer is built in
// the entry's transaction, not read again.
func samePageAsGet(t *testing.T, e *env, token, accession string, entered *httptest.ResponseRecorder) {
	t.Helper()
	get := e.do("GET", "/api/v1/samples/"+accession, token, nil)
	expectStatus(t, get, http.StatusOK)
	var a, b any
	decode(t, entered, &a)
	decode(t, get, &b)
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("entry answered\n%s\nbut the page is\n%s", entered.Body, get.Body)
	}
}

func TestEnterResults(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		sm := e.received(nurse, tech, 1, "NFPCP")
		results := "/api/v1/samples/" + sm.Accession + "/results"
		e.lot(tech, "TOXO_IGG", "A1", "2027-01-01", false)

		res := e.do("PUT", results, tech, map[string]any{"results": []map[string]any{
			{"analyte": "TOXO_IGG", "value": 1, "lot": "A1"}, {"analyte": "cmv_igm", "value": "0.849"}, {"analyte": "RUBV_IGG", "value": 10}}})
		expectStatus(t, res, http.StatusOK)
		samePageAsGet(t, e, tech, sm.Accession, res)
		var d lab.SampleDetail
		decode(t, res, &d)
		toxo, cmv, rubv := resultOf(d, "TOXO_IGG"), resultOf(d, "CMV_IGM"), resultOf(d, "RUBV_IGG")
		if d.Status != lab.SampleReceived || toxo == nil || toxo.Interpretation != lab.Equivocal || toxo.Kit != "Elecsys Toxo IgG" ||
			toxo.Unit != "IU/mL" || *toxo.NegativeBelow != 1 || *toxo.PositiveFrom != 3 || toxo.Lot != "A1" || toxo.EnteredBy == nil ||
			cmv.Interpretation != lab.Negative || rubv.Interpretation != lab.Positive {
			t.Fatalf("detail = %+v", d.Results)
		}

		tests := []struct {
			name  string
			item  map[string]any
			field string
			code  string
		}{
			{"outside the panel", map[string]any{"analyte": "HSV_IGG", "value": 1}, "results[0].analyte", "not_in_panel"},
			{"negative value", map[string]any{"analyte": "CMV_IGG", "value": -1}, "results[0].value", "negative"},
			{"not a number", map[string]any{"analyte": "CMV_IGG", "value": "high"}, "results[0].value", "not_numeric"},
			{"no value", map[string]any{"analyte": "CMV_IGG"}, "results[0].value", "required"},
			{"unknown kit", map[string]any{"analyte": "CMV_IGG", "value": 3, "kit": "Acme"}, "results[0].kit", "unknown"},
			{"wrong unit", map[string]any{"analyte": "CMV_IGG", "value": 3, "unit": "IU/mL"}, "results[0].unit", "unit_mismatch"},
			{"bad qualitative", map[string]any{"analyte": "CMV_IGG", "qualitative": "weak"}, "results[0].qualitative", "invalid"},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				before := e.auditCount("results.enter")
				p := expectProblem(t, e.do("PUT", results, tech, map[string]any{"results": []map[string]any{tc.item}}), http.StatusUnprocessableEntity, "validation")
				if !p.hasField(tc.field, tc.code) {
					t.Fatalf("errors = %+v", p.Errors)
				}
				if e.auditCount("results.enter") != before {
					t.Fatal("a refused entry left an audit row")
				}
			})
		}

		// The rest of the panel, one qualitatively: the sample is complete.
		e.clock.Advance(time.Minute)
		res = e.do("PUT", results, tech, map[string]any{"results": []map[string]any{
			{"analyte": "TOXO_IGM", "value": "2"}, {"analyte": "CMV_IGG", "qualitative": "positive"}}})
		samePageAsGet(t, e, tech, sm.Accession, res)
		decode(t, res, &d)
		if d.Status != lab.SampleResulted || resultOf(d, "CMV_IGG").Interpretation != lab.Positive || resultOf(d, "CMV_IGG").NegativeBelow != nil {
			t.Fatalf("detail = %+v", d)
		}

		// Entered again before release: the page shows the new value only,
		// and the sample stays complete.
		res = e.do("PUT", results, tech, map[string]any{"results": []map[string]any{{"analyte": "TOXO_IGG", "value": "5"}}})
		expectStatus(t, res, http.StatusOK)
		samePageAsGet(t, e, tech, sm.Accession, res)
		d = lab.SampleDetail{}
		decode(t, res, &d)
		toxos := 0
		for _, r := range d.Results {
			if r.AnalyteCode == "TOXO_IGG" {
				toxos++
			}
		}
		if toxos != 1 || resultOf(d, "TOXO_IGG").ValueText != "5" || resultOf(d, "TOXO_IGG").Interpretation != lab.Positive ||
			d.Status != lab.SampleResulted || len(d.Results) != 5 || len(d.Events) != 5 {
			t.Fatalf("after re-entry: status %s, %d results, %d events: %+v", d.Status, len(d.Results), len(d.Events), d.Results)
		}

		t.Run("not ready", func(t *testing.T) {
			fresh := e.drawn(nurse, 2, "")
			p := expectProblem(t, e.do("PUT", "/api/v1/samples/"+fresh.Accession+"/results", tech, map[string]any{"results": allResults(nil)}),
				http.StatusConflict, "sample_not_ready")
			_ = p
			e.do("POST", "/api/v1/samples/"+fresh.Accession+"/reject", tech, map[string]any{"reason": "insufficient"})
			expectProblem(t, e.do("PUT", "/api/v1/samples/"+fresh.Accession+"/results", tech, map[string]any{"results": allResults(nil)}),
				http.StatusConflict, "sample_not_ready")
			expectProblem(t, e.do("PUT", "/api/v1/samples/"+fresh.Accession+"/results", nurse, map[string]any{"results": allResults(nil)}),
				http.StatusForbidden, "forbidden")
		})
	})
}

func TestVerifyReleaseAmend(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
		sm := e.received(nurse, tech, 1, "")
		acc := "/api/v1/samples/" + sm.Accession

		e.do("PUT", acc+"/results", tech, map[string]any{"results": allResults(map[string]string{"HSV_IGM": "-"})})
		p := expectProblem(t, e.do("POST", acc+"/verify", tech2, map[string]any{}), http.StatusConflict, "incomplete")
		_ = p
		// CMV IgM positive with IgG positive: abnormal.
		e.do("PUT", acc+"/results", tech, map[string]any{"results": []map[string]any{{"analyte": "HSV_IGM", "value": 0.2}, {"analyte": "CMV_IGM", "value": 1.4}}})

		expectProblem(t, e.do("POST", acc+"/verify", tech, map[string]any{"acknowledge_abnormal": true}), http.StatusConflict, "self_verification")
		res := e.do("POST", acc+"/verify", tech2, map[string]any{})
		expectProblem(t, res, http.StatusConflict, "abnormal_not_acknowledged")
		if !strings.Contains(res.Body.String(), "CMV_IGM_POS_IGG_POS") {
			t.Fatalf("the refusal does not show the findings: %s", res.Body)
		}
		expectProblem(t, e.do("GET", acc+"/report", nurse, nil), http.StatusConflict, "invalid_state")
		res = e.do("POST", acc+"/verify", tech2, map[string]any{"acknowledge_abnormal": true})
		expectStatus(t, res, http.StatusOK)
		samePageAsGet(t, e, tech2, strings.TrimPrefix(acc, "/api/v1/samples/"), res)
		var d lab.SampleDetail
		decode(t, res, &d)
		if d.Status != lab.SampleReleased || d.ReportVersion != 1 || !d.Abnormal || d.ReleasedAt == nil {
			t.Fatalf("released = %+v", d.Sample)
		}
		expectProblem(t, e.do("POST", acc+"/verify", tech2, map[string]any{"acknowledge_abnormal": true}), http.StatusConflict, "invalid_state")
		expectProblem(t, e.do("PUT", acc+"/results", tech, map[string]any{"results": allResults(nil)}), http.StatusConflict, "invalid_state")

		var rep lab.Report
		decode(t, e.do("GET", acc+"/report", nurse, nil), &rep)
		if rep.Version != 1 || !rep.Abnormal || len(rep.Results) != 8 || rep.VerifiedBy != "tech2" || rep.Name != "王芳1" ||
			rep.Age != 35 || len(rep.Findings) != 4 {
			t.Fatalf("report = %+v", rep)
		}

		t.Run("amendment", func(t *testing.T) {
			amend := acc + "/results/CMV_IGM/amend"
			p := expectProblem(t, e.do("POST", amend, tech2, map[string]any{"value": 0.5}), http.StatusUnprocessableEntity, "validation")
			if !p.hasField("reason", "required") {
				t.Fatalf("errors = %+v", p.Errors)
			}
			res := e.do("POST", amend, tech2, map[string]any{"value": 0.5, "reason": "transcription error: 1.4 belongs to another tube"})
			expectStatus(t, res, http.StatusOK)
			samePageAsGet(t, e, tech2, strings.TrimPrefix(acc, "/api/v1/samples/"), res)
			var d lab.SampleDetail
			decode(t, res, &d)
			if !d.AmendmentPending || d.ReportVersion != 1 {
				t.Fatalf("after amending = %+v", d)
			}
			// The released value stays until a second technician verifies.
			decode(t, e.do("GET", acc+"/report", nurse, nil), &rep)
			if rep.Version != 1 || !rep.Abnormal {
				t.Fatalf("report changed before verification: %+v", rep)
			}
			expectProblem(t, e.do("POST", acc+"/verify", tech2, map[string]any{}), http.StatusConflict, "self_verification")
			// The verification queue finds it among the released samples.
			pending := func() []lab.SampleListItem {
				var l struct{ Items []lab.SampleListItem }
				decode(t, e.do("GET", "/api/v1/samples?amendment_pending=true", tech, nil), &l)
				return l.Items
			}
			if p := pending(); len(p) != 1 || "/api/v1/samples/"+p[0].Accession != acc {
				t.Fatalf("pending amendments = %+v", p)
			}
			expectProblem(t, e.do("GET", "/api/v1/samples?amendment_pending=maybe", tech, nil), http.StatusUnprocessableEntity, "validation")
			// The original enterer may verify a colleague's amendment.
			res = e.do("POST", acc+"/verify", tech, map[string]any{})
			expectStatus(t, res, http.StatusOK)
			samePageAsGet(t, e, tech, strings.TrimPrefix(acc, "/api/v1/samples/"), res)
			if p := pending(); len(p) != 0 {
				t.Fatalf("a verified amendment is still pending: %+v", p)
			}
			decode(t, e.do("GET", acc+"/report", nurse, nil), &rep)
			var cmv *lab.ReportResult
			for i := range rep.Results {
				if rep.Results[i].Analyte == "CMV_IGM" {
					cmv = &rep.Results[i]
				}
			}
			if rep.Version != 2 || rep.Abnormal || cmv == nil || cmv.ValueText != "0.5" || cmv.Interpretation != lab.Negative ||
				len(rep.Amendments) != 1 || rep.Amendments[0].Old != "1.4" || rep.Amendments[0].New != "0.5" || rep.VerifiedBy != "tech" {
				t.Fatalf("report v2 = %+v", rep)
			}
			if e.auditCount("results.amend") != 1 || e.auditCount("sample.release") != 2 {
				t.Fatal("the amendment's audit rows are missing")
			}
		})

		t.Run("report PDF", func(t *testing.T) {
			res := e.do("GET", acc+"/report.pdf", nurse, nil)
			expectStatus(t, res, http.StatusOK)
			if res.Header().Get("Content-Type") != "application/pdf" || e.auditCount("report.print") != 1 {
				t.Fatal("not a PDF, or the print was not audited")
			}
			text := pdfToText(t, res.Body.Bytes())
			for _, want := range []string{"TORCH 优生筛查结果报告", "王芳1", "巨细胞病毒", "阴性", "既往感染或已有免疫力。", "筛查结果", sm.Accession} {
				if text != "" && !strings.Contains(text, want) {
					t.Errorf("the Chinese report lacks %q:\n%s", want, text)
				}
			}
			res = e.do("GET", acc+"/report.pdf?lang=en", nurse, nil)
			expectStatus(t, res, http.StatusOK)
			text = pdfToText(t, res.Body.Bytes())
			for _, want := range []string{"TORCH Screening Report", "王芳1", "CMV IgM", "Cytomegalovirus", "Past infection or immunity."} {
				if text != "" && !strings.Contains(text, want) {
					t.Errorf("the English report lacks %q:\n%s", want, text)
				}
			}
			expectProblem(t, e.do("GET", acc+"/report.pdf?lang=fr", nurse, nil), http.StatusUnprocessableEntity, "validation")
		})
	})
}

// pdfToText extracts a PDF's text with poppler's pdftotext ("" when it is
// not installed; .ci/run installs it).
func pdfToText(t *testing.T, doc []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext missing: the report's text is not checked")
		return ""
	}
	f := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(f, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", f, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestImportResults(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		a := e.received(nurse, tech, 1, "")
		b := e.received(nurse, tech, 2, "NFPCP")
		notYet := e.drawn(nurse, 3, "")
		e.lot(tech, "TOXO_IGG", "L1", "2027-01-01", false)
		csv := "\ufeffaccession,analyte,value,unit,kit,lot\n" +
			a.Accession + ",TOXO_IGG,0.4,IU/mL,,L1\n" + // 2
			a.Accession + ",TOXO_IGM,12,,,\n" + // 3
			strings.ToLower(b.Accession) + ",CMV_IGG,7\n" + // 4
			b.Accession + ",HSV_IGG,1\n" + // 5 not in NFPCP
			"12345,CMV_IGG,3\n" + // 6 bad accession
			a.Accession + ",CMV_IGG,-2\n" + // 7 negative
			a.Accession + ",CMV_IGM,n/a\n" + // 8 not numeric
			a.Accession + ",TOXO_IGG,0.5\n" + // 9 duplicate of line 2
			notYet.Accession + ",CMV_IGG,3\n" + // 10 not received
			a.Accession + ",RUBV_IGG,20,AU/mL\n" + // 11 unit mismatch
			a.Accession + ",RUBV_IGM\n" + // 12 columns
			"\n" +
			b.Accession + ",RUBV_IGG,5\n" // 14
		res := e.send(request{method: "POST", path: "/api/v1/results/import", token: tech, body: csv,
			header: map[string]string{"Content-Type": "text/csv"}})
		expectStatus(t, res, http.StatusOK)
		var rep lab.ImportReport
		decode(t, res, &rep)
		// The answer names the refused lines, each with its reason.
		want := map[int]string{5: "not_in_panel", 6: "bad_accession", 7: "negative", 8: "not_numeric",
			9: "duplicate", 10: "sample_not_ready", 11: "unit_mismatch", 12: "columns"}
		got := map[int]string{}
		for _, r := range rep.Rows {
			got[r.Line] = r.Code
			if r.OK || r.Code == "" || r.Detail == "" {
				t.Errorf("line %d: ok %v, code %q, detail %q", r.Line, r.OK, r.Code, r.Detail)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) || rep.Saved != 4 || rep.Rejected != 8 || rep.Lines != 14 {
			t.Fatalf("rows %v (lines %d, saved %d, rejected %d); want %v", got, rep.Lines, rep.Saved, rep.Rejected, want)
		}
		if n := e.auditCount("results.enter"); n != 2 {
			t.Fatalf("%d audit rows; want one per sample touched (2)", n)
		}
		var d lab.SampleDetail
		decode(t, e.do("GET", "/api/v1/samples/"+a.Accession, tech, nil), &d)
		if r := resultOf(d, "TOXO_IGM"); r == nil || r.Interpretation != lab.Positive || resultOf(d, "TOXO_IGG").Lot != "L1" || len(d.Results) != 2 {
			t.Fatalf("sample a = %+v", d.Results)
		}

		t.Run("tab-separated", func(t *testing.T) {
			res := e.send(request{method: "POST", path: "/api/v1/results/import", token: tech,
				body: "ACCESSION\tAnalyte\tvalue\n" + b.Accession + "\tCMV_IGM\t0.3\n" + b.Accession + "\tTOXO_IGG\t0.1\n", header: map[string]string{"Content-Type": "text/csv"}})
			decode(t, res, &rep)
			if rep.Saved != 2 || rep.Rejected != 0 || len(rep.Rows) != 0 || rep.Lines != 3 {
				t.Fatalf("report = %+v", rep)
			}
		})
		t.Run("no header", func(t *testing.T) {
			res := e.send(request{method: "POST", path: "/api/v1/results/import", token: tech,
				body: b.Accession + ",CMV_IGM,0.3\n", header: map[string]string{"Content-Type": "text/csv"}})
			expectProblem(t, res, http.StatusBadRequest, "malformed")
		})
		t.Run("JSON is not CSV", func(t *testing.T) {
			expectProblem(t, e.do("POST", "/api/v1/results/import", tech, map[string]any{"x": 1}), http.StatusUnsupportedMediaType, "unsupported_media_type")
		})
	})
}

func TestKitsAndPairedSera(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		admin := e.signIn("boss", lab.RoleAdmin, 0)
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		tech2 := e.signIn("tech2", lab.RoleLabTech, 0)

		p := expectProblem(t, e.do("POST", "/api/v1/analytes/TOXO_IGG/kits", admin,
			map[string]any{"kit": "VIDAS", "unit": "IU/mL", "negative_below": 8, "positive_from": 4, "effective_from": "2026-06-01"}),
			http.StatusUnprocessableEntity, "validation")
		if !p.hasField("positive_from", "below_negative") {
			t.Fatalf("errors = %+v", p.Errors)
		}
		expectProblem(t, e.do("POST", "/api/v1/analytes/NOPE/kits", admin,
			map[string]any{"kit": "X", "unit": "x", "negative_below": 1, "positive_from": 2, "effective_from": "2026-06-01"}), http.StatusNotFound, "not_found")
		res := e.do("POST", "/api/v1/analytes/TOXO_IGG/kits", admin,
			map[string]any{"kit": "VIDAS Toxo IgG", "unit": "IU/mL", "negative_below": 4, "positive_from": 8, "effective_from": "2027-01-01"})
		expectStatus(t, res, http.StatusCreated)

		// 2026: the default kit (1 / 3) judges 5 positive.
		first := e.received(nurse, tech, 1, "")
		e.do("PUT", "/api/v1/samples/"+first.Accession+"/results", tech, map[string]any{"results": allResults(map[string]string{"TOXO_IGG": "5"})})
		expectStatus(t, e.do("POST", "/api/v1/samples/"+first.Accession+"/verify", tech2, map[string]any{}), http.StatusOK)

		// 2027: the new kit (4 / 8) is in force: 5 is equivocal.
		e.clock.Advance(366 * 24 * time.Hour) // 2027-03-03, 09:00 in Shanghai
		nurse, tech, tech2 = e.login("nurse.a", testPassword), e.login("tech", testPassword), e.login("tech2", testPassword)
		var analytes struct{ Items []lab.AnalyteView }
		decode(t, e.do("GET", "/api/v1/analytes", tech, nil), &analytes)
		if analytes.Items[0].Kit == nil || analytes.Items[0].Kit.Kit != "VIDAS Toxo IgG" || len(analytes.Items[0].Kits) != 2 || analytes.Items[0].LOINC != "8039-0" {
			t.Fatalf("analytes = %+v", analytes.Items[0])
		}
		sl := e.slot(nurse, e.stationA, "2027-03-03", "23:00", 5)
		var clientID int64
		e.db.Gorm.Model(&lab.Sample{}).Where("id = ?", 1).Pluck("client_id", &clientID)
		ap, pr := e.book(nurse, clientID, sl.ID)
		if pr != nil {
			t.Fatalf("next year's booking: %+v", pr)
		}
		second := e.collect(nurse, ap.ID, "")
		e.do("POST", "/api/v1/samples/"+second.Accession+"/receive", tech, nil)
		res = e.do("PUT", "/api/v1/samples/"+second.Accession+"/results", tech, map[string]any{"results": allResults(map[string]string{"TOXO_IGG": "5"})})
		var d lab.SampleDetail
		decode(t, res, &d)
		if r := resultOf(d, "TOXO_IGG"); r.Kit != "VIDAS Toxo IgG" || r.Interpretation != lab.Equivocal {
			t.Fatalf("2027 result = %+v", r)
		}
		expectStatus(t, e.do("POST", "/api/v1/samples/"+second.Accession+"/verify", tech2, map[string]any{"acknowledge_abnormal": true}), http.StatusOK)
		var rep lab.Report
		decode(t, e.do("GET", "/api/v1/samples/"+second.Accession+"/report", nurse, nil), &rep)
		toxo := rep.Results[0]
		if toxo.Analyte != "TOXO_IGG" || len(toxo.Earlier) != 1 || toxo.Earlier[0].Accession != first.Accession ||
			toxo.Earlier[0].Interpretation != lab.Positive || toxo.Earlier[0].Kit != "Elecsys Toxo IgG" || toxo.Earlier[0].CollectedOn != "2026-03-02" {
			t.Fatalf("paired sera = %+v", toxo)
		}
		// The first sample's released result was not re-judged by the new kit.
		decode(t, e.do("GET", "/api/v1/samples/"+first.Accession, tech, nil), &d)
		if r := resultOf(d, "TOXO_IGG"); r.Interpretation != lab.Positive || *r.PositiveFrom != 3 {
			t.Fatalf("an old result changed with the kit: %+v", r)
		}
	})
}

// A release runs the hooks (the follow-up workflow's) in its transaction:
// when one fails, nothing of the release is left, audit row included.
func TestReleaseHooks(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
		sm := e.received(nurse, tech, 1, "")
		acc := "/api/v1/samples/" + sm.Accession
		e.do("PUT", acc+"/results", tech, map[string]any{"results": allResults(map[string]string{"RUBV_IGG": "3"})})

		var events []lab.ReleaseEvent
		fail := true
		e.svc.OnRelease(func(ctx context.Context, tx *gorm.DB, ev lab.ReleaseEvent) error {
			if fail {
				return errors.New("the follow-up case could not be opened")
			}
			events = append(events, ev)
			return nil
		})
		expectProblem(t, e.do("POST", acc+"/verify", tech2, map[string]any{"acknowledge_abnormal": true}), http.StatusInternalServerError, "internal")
		var d lab.SampleDetail
		decode(t, e.do("GET", acc, tech, nil), &d)
		if d.Status != lab.SampleResulted || d.ReportVersion != 0 || e.auditCount("sample.release") != 0 {
			t.Fatalf("a failed release left %+v", d.Sample)
		}
		fail = false
		expectStatus(t, e.do("POST", acc+"/verify", tech2, map[string]any{"acknowledge_abnormal": true}), http.StatusOK)
		if len(events) != 1 || events[0].Version != 1 || !events[0].Abnormal || events[0].Previous != nil ||
			lab.HighestPriority(events[0].Findings) != lab.Routine {
			t.Fatalf("release events = %+v", events)
		}
	})
}

// A nurse never sees a value that a second technician has not verified.
func TestNursesSeeReleasedResultsOnly(t *testing.T) {
	e := newEnv(t, "sqlite")
	nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
	tech := e.signIn("tech", lab.RoleLabTech, 0)
	tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
	sm := e.received(nurse, tech, 1, "")
	acc := "/api/v1/samples/" + sm.Accession
	e.do("PUT", acc+"/results", tech, map[string]any{"results": allResults(nil)})
	var d lab.SampleDetail
	decode(t, e.do("GET", acc, nurse, nil), &d)
	if len(d.Results) != 0 {
		t.Fatalf("a nurse sees unverified results: %+v", d.Results)
	}
	decode(t, e.do("GET", acc, tech2, nil), &d)
	if len(d.Results) != 8 {
		t.Fatalf("a technician sees %d results", len(d.Results))
	}
	e.do("POST", acc+"/verify", tech2, map[string]any{})
	decode(t, e.do("GET", acc, nurse, nil), &d)
	if len(d.Results) != 8 {
		t.Fatalf("after release a nurse sees %d results", len(d.Results))
	}
}
