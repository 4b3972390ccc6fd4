package api_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"torchlab/lab"
)

// "0x1p4" was stored as 16 and read as positive, "1_0.5" became 10.5,
// 1e308 was accepted and 1e-400 became 0, at entry and through import: a
// value is a plain decimal, or a censored one judged against the cut-offs,
// within the analyte's plausible range, the same in entry, import and
// amendment.
func TestStrictResultValues(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
		admin := e.signIn("boss", lab.RoleAdmin, 0)
		sm := e.received(nurse, tech, 1, "")
		enter := func(value any) *httptest.ResponseRecorder {
			return e.do("PUT", "/api/v1/samples/"+sm.Accession+"/results", tech,
				map[string]any{"results": []map[string]any{{"analyte": "TOXO_IGG", "value": value}}})
		}
		for value, code := range map[string]string{"0x1p4": "not_numeric", "1_0.5": "not_numeric", "1e308": "not_numeric",
			"1e-400": "not_numeric", "Inf": "not_numeric", "NaN": "not_numeric", "+5": "not_numeric", ".5": "not_numeric",
			"5.": "not_numeric", "-1": "negative", "<5": "censored_ambiguous"} {
			p := expectProblem(t, enter(value), http.StatusUnprocessableEntity, "validation")
			if !p.hasField("results[0].value", code) {
				t.Errorf("entry of %q: %+v; want %s", value, p.Errors, code)
			}
		}
		// A JSON number in exponent form is refused too.
		res := e.send(request{method: "PUT", path: "/api/v1/samples/" + sm.Accession + "/results", token: tech,
			body: `{"results":[{"analyte":"TOXO_IGG","value":1e308}]}`})
		if p := expectProblem(t, res, http.StatusUnprocessableEntity, "validation"); !p.hasField("results[0].value", "not_numeric") {
			t.Errorf("1e308 as a JSON number: %+v", p.Errors)
		}
		p := expectProblem(t, enter("20000"), http.StatusUnprocessableEntity, "implausible_value")
		if !p.hasField("results[0].value", "implausible_value") {
			t.Errorf("20000: %+v", p.Errors)
		}
		if n := e.auditCount("results.enter"); n != 0 {
			t.Fatalf("%d results entered by refused requests", n)
		}

		// The same rules in an import.
		csv := "accession,analyte,value\n" +
			sm.Accession + ",TOXO_IGG,0x1p4\n" + // 2
			sm.Accession + ",TOXO_IGM,1_0.5\n" + // 3
			sm.Accession + ",RUBV_IGG,1e308\n" + // 4
			sm.Accession + ",RUBV_IGM,1e-400\n" + // 5
			sm.Accession + ",CMV_IGG,20000\n" + // 6
			sm.Accession + ",CMV_IGM,<5\n" + // 7: bounds 0.85 and 1.0
			sm.Accession + ",HSV_IGG,>650\n" + // 8: implausible for an index (0 to 100)
			sm.Accession + ",HSV_IGM,<0.5\n" // 9: negative below 0.91
		res = e.send(request{method: "POST", path: "/api/v1/results/import", token: tech, body: csv, header: map[string]string{"Content-Type": "text/csv"}})
		var rep lab.ImportReport
		decode(t, res, &rep)
		got := map[int]string{}
		for _, r := range rep.Rows {
			got[r.Line] = r.Code
		}
		want := map[int]string{2: "not_numeric", 3: "not_numeric", 4: "not_numeric", 5: "not_numeric", 6: "implausible_value",
			7: "censored_ambiguous", 8: "implausible_value"}
		for line, code := range want {
			if got[line] != code {
				t.Errorf("import line %d: %q; want %q (rows %+v)", line, got[line], code, rep.Rows)
			}
		}
		if rep.Saved != 1 || rep.Rejected != 7 {
			t.Fatalf("saved %d, rejected %d", rep.Saved, rep.Rejected)
		}

		// A censored value is kept as typed, judged by the cut-offs, and
		// shown as typed in the report, the PDF and FHIR.
		acc := e.released(nurse, tech, tech2, 2, clientBody(2), map[string]string{"TOXO_IGG": ">650", "RUBV_IGG": "<=5"})
		var report lab.Report
		decode(t, e.do("GET", "/api/v1/samples/"+acc+"/report", nurse, nil), &report)
		lines := map[string]lab.ReportResult{}
		for _, r := range report.Results {
			lines[r.Analyte] = r
		}
		if l := lines["TOXO_IGG"]; l.ValueText != ">650" || l.ValueQualifier != ">" || l.Interpretation != lab.Positive || *l.Value != 650 {
			t.Fatalf("TOXO_IGG >650 reads %+v", l)
		}
		if l := lines["RUBV_IGG"]; l.ValueText != "<=5" || l.ValueQualifier != "<=" || l.Interpretation != lab.Negative {
			t.Fatalf("RUBV_IGG <=5 reads %+v", l)
		}
		if text := pdfToText(t, e.do("GET", "/api/v1/samples/"+acc+"/report.pdf", nurse, nil).Body.Bytes()); text != "" && !strings.Contains(text, ">650") {
			t.Fatalf("the PDF does not show >650:\n%s", text)
		}
		var bundle map[string]any
		decode(t, e.do("GET", "/api/v1/fhir/DiagnosticReport/"+acc+"/$everything", nurse, nil), &bundle)
		raw, _ := json.Marshal(bundle)
		if !strings.Contains(string(raw), `"comparator":"\u003e"`) && !strings.Contains(string(raw), `"comparator":">"`) {
			t.Fatalf("no comparator in the FHIR export: %.2000s", raw)
		}

		// The same rules in an amendment.
		amend := func(value string) *httptest.ResponseRecorder {
			return e.do("POST", "/api/v1/samples/"+acc+"/results/TOXO_IGG/amend", tech, map[string]any{"value": value, "reason": "re-run"})
		}
		for value, code := range map[string]string{"0x1p4": "not_numeric", "1e308": "not_numeric", "1_0.5": "not_numeric", "<2": "censored_ambiguous"} {
			if p := expectProblem(t, amend(value), http.StatusUnprocessableEntity, "validation"); !p.hasField("value", code) {
				t.Errorf("amendment to %q: %+v; want %s", value, p.Errors, code)
			}
		}
		expectProblem(t, amend("10001"), http.StatusUnprocessableEntity, "implausible_value")
		expectStatus(t, amend("<0.5"), http.StatusOK)

		// An admin sets the range; it holds from then on.
		rangeOf := func(token string, body map[string]any) *httptest.ResponseRecorder {
			return e.do("PUT", "/api/v1/analytes/TOXO_IGG/plausible-range", token, body)
		}
		expectProblem(t, rangeOf(tech, map[string]any{"min": 0, "max": 100}), http.StatusForbidden, "forbidden")
		if p := expectProblem(t, rangeOf(admin, map[string]any{"min": 50, "max": 10}), http.StatusUnprocessableEntity, "validation"); !p.hasField("max", "below_min") {
			t.Errorf("min above max: %+v", p.Errors)
		}
		expectProblem(t, e.do("PUT", "/api/v1/analytes/NOPE/plausible-range", admin, map[string]any{"max": 1}), http.StatusNotFound, "not_found")
		var a lab.Analyte
		decode(t, rangeOf(admin, map[string]any{"min": 0, "max": 100}), &a)
		if a.PlausibleMax == nil || *a.PlausibleMax != 100 || e.auditCount("analyte.plausible_range") != 1 {
			t.Fatalf("analyte %+v", a)
		}
		expectProblem(t, enter("150"), http.StatusUnprocessableEntity, "implausible_value")
		expectStatus(t, enter("99"), http.StatusOK)
	})
}
