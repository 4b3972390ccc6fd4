package api_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"torchlab/lab"
)

// postOD sends an OD file as text/csv to a run's plate.
func (e *env) postOD(token string, run int64, query, file string) *httptest.ResponseRecorder {
	e.t.Helper()
	return e.send(request{method: "POST", path: runPath(run, "/plate/od") + query, token: token, body: file,
		header: map[string]string{"Content-Type": "text/csv"}})
}

// plateSample reads a sample's detail.
func (e *env) plateSample(token, accession string) lab.SampleDetail {
	e.t.Helper()
	res := e.do("GET", "/api/v1/samples/"+accession, token, nil)
	expectStatus(e.t, res, http.StatusOK)
	var d lab.SampleDetail
	decode(e.t, res, &d)
	return d
}

// multipartFile is a body with one file field and its content type.
func multipartFile(t *testing.T, field, content string) (string, string) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	f, err := w.CreateFormFile(field, "od.csv")
	if err != nil {
		t.Fatal(err)
	}
	_, _ = f.Write([]byte(content))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String(), w.FormDataContentType()
}

// A run laid out on its plate (kit wells, then the samples in scan order),
// its plate map as CSV, an OD file read for a preview that enters nothing,
// refusals that change nothing (a file that is not an OD export, a plate
// the kit's rules refuse, a value the result rules refuse on one sample),
// and the reading entered: each sample's S/CO becomes its result through
// the import's rules, with the run's lot, in one audited transaction. Lab
// technicians only.
func TestRunPlateLayoutODAndEntry(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		admin := e.signIn("admin", lab.RoleAdmin, 0)
		a := e.received(nurse, tech, 1, "")
		b := e.received(nurse, tech, 2, "")

		res := e.do("POST", "/api/v1/runs", tech, map[string]any{"analyte_codes": []string{"TOXO_IGG"}})
		expectStatus(t, res, http.StatusCreated)
		var run lab.RunDetail
		decode(t, res, &run)
		// Scanned b first, then a: the plate keeps the scan order.
		expectStatus(t, e.do("POST", runPath(run.ID, "/samples"), tech, map[string]any{"accessions": []string{b.Accession}}), http.StatusOK)
		expectStatus(t, e.do("POST", runPath(run.ID, "/samples"), tech, map[string]any{"accessions": []string{a.Accession}}), http.StatusOK)

		res = e.do("GET", runPath(run.ID, "/plate"), tech, nil)
		expectStatus(t, res, http.StatusOK)
		var plate lab.RunPlate
		decode(t, res, &plate)
		if len(plate.Wells) != 96 || plate.Wells[0].Kind != lab.WellBlank || plate.Wells[6].Well != "G1" ||
			plate.Wells[6].Accession != b.Accession || plate.Wells[7].Accession != a.Accession || plate.Wells[8].Kind != lab.WellEmpty {
			t.Fatalf("plate = %+v", plate.Wells[:9])
		}
		expectProblem(t, e.do("GET", runPath(run.ID, "/plate"), admin, nil), http.StatusForbidden, "forbidden")
		expectProblem(t, e.do("GET", runPath(9999, "/plate"), tech, nil), http.StatusNotFound, "not_found")

		res = e.do("GET", runPath(run.ID, "/plate.csv"), tech, nil)
		expectStatus(t, res, http.StatusOK)
		csv := res.Body.String()
		if !strings.HasPrefix(csv, "well,row,column,kind,accession\n") || !strings.Contains(csv, "G1,G,1,sample,"+b.Accession+"\n") ||
			!strings.Contains(csv, "B1,B,1,cutoff,\n") || strings.Count(csv, "\n") != 97 {
			t.Fatalf("plate.csv = %q", csv)
		}

		od := "well,od\nA1,0.050\nB1,0.480\nC1,0.520\nD1,0.500\nE1,0.120\nF1,1.500\nG1,1.265\nH1,0.150\n"
		// Preview: values shown, nothing entered.
		res = e.postOD(tech, run.ID, "?factor=0.9&decimals=3", od)
		expectStatus(t, res, http.StatusOK)
		var out lab.PlateOutcome
		decode(t, res, &out)
		if out.Entered != 0 || out.Analyte != "TOXO_IGG" || len(out.Samples) != 2 || out.Samples[0].Accession != b.Accession ||
			out.Samples[0].Text != "3.000" || out.Samples[1].Text != "0.247" {
			t.Fatalf("preview = %+v", out)
		}
		if d := e.plateSample(tech, b.Accession); resultOf(d, "TOXO_IGG") != nil {
			t.Fatal("a preview entered a result")
		}

		// Refusals change nothing.
		p := expectProblem(t, e.postOD(tech, run.ID, "?enter=true", "well,od\nA1,0.05\nZ9,0.1\n"), http.StatusBadRequest, "malformed")
		if !strings.Contains(p.Detail, "line 3") {
			t.Errorf("malformed detail %q", p.Detail)
		}
		p = expectProblem(t, e.postOD(tech, run.ID, "?enter=true", strings.Replace(od, "E1,0.120", "E1,0.900", 1)),
			http.StatusUnprocessableEntity, "plate_invalid")
		if !strings.Contains(p.Detail, "negative control in E1") {
			t.Errorf("plate_invalid detail %q", p.Detail)
		}
		// A tiny factor makes b's value implausible: the whole plate is refused.
		p = expectProblem(t, e.postOD(tech, run.ID, "?enter=true&factor=0.00001&negative_max=&positive_min=", od),
			http.StatusUnprocessableEntity, "validation")
		if len(p.Errors) != 2 || p.Errors[0].Code != "implausible_value" {
			t.Errorf("refused samples = %+v", p.Errors)
		}
		expectProblem(t, e.postOD(admin, run.ID, "?enter=true", od), http.StatusForbidden, "forbidden")
		if d := e.plateSample(tech, b.Accession); resultOf(d, "TOXO_IGG") != nil {
			t.Fatal("a refused plate entered a result")
		}
		if n := e.auditCount("run.plate_read"); n != 0 {
			t.Fatalf("%d plate audit rows after refusals", n)
		}

		// Entered, the file sent as multipart.
		body, ctype := multipartFile(t, "file", od)
		res = e.send(request{method: "POST", path: runPath(run.ID, "/plate/od") + "?factor=0.9&decimals=3&enter=true", token: tech,
			body: body, header: map[string]string{"Content-Type": ctype}})
		expectStatus(t, res, http.StatusOK)
		decode(t, res, &out)
		if out.Entered != 2 {
			t.Fatalf("entered = %+v", out)
		}
		for acc, want := range map[string]string{b.Accession: "3.000", a.Accession: "0.247"} {
			r := resultOf(e.plateSample(tech, acc), "TOXO_IGG")
			if r == nil || r.ValueText != want || r.State != lab.ResultEntered || r.Lot != "L2026" {
				t.Errorf("%s TOXO_IGG = %+v, want %s", acc, r, want)
			}
		}
		if n := e.auditCount("run.plate_read"); n != 1 {
			t.Fatalf("%d plate audit rows", n)
		}
		res = e.do("GET", runPath(run.ID, "/plate"), tech, nil)
		decode(t, res, &plate)
		if plate.Cutoff == nil || *plate.Cutoff < 0.4049 || *plate.Cutoff > 0.4051 || plate.Formula.Factor != 0.9 {
			t.Fatalf("stored plate = %+v %+v", plate.Cutoff, plate.Formula)
		}
	})
}

// A run's own layout: refused when it names no such well or when the
// run's samples would not fit, stored and audited otherwise (the samples
// follow from its first sample well, no blank subtracted), and fixed once
// the plate was read.
func TestRunPlateOwnLayout(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		a := e.received(nurse, tech, 1, "")
		b := e.received(nurse, tech, 2, "")
		res := e.do("POST", "/api/v1/runs", tech, map[string]any{"analyte_codes": []string{"TOXO_IGG"}})
		var run lab.RunDetail
		decode(t, res, &run)
		expectStatus(t, e.do("POST", runPath(run.ID, "/samples"), tech, map[string]any{"accessions": []string{a.Accession, b.Accession}}), http.StatusOK)

		expectProblem(t, e.do("PUT", runPath(run.ID, "/plate"), tech, map[string]any{"cutoffs": []string{"A0"}, "first_sample": "A2"}),
			http.StatusUnprocessableEntity, "validation")
		expectProblem(t, e.do("PUT", runPath(run.ID, "/plate"), tech, map[string]any{"cutoffs": []string{"A1"}, "first_sample": "H12"}),
			http.StatusUnprocessableEntity, "plate_full")
		if n := e.auditCount("run.plate_layout"); n != 0 {
			t.Fatalf("%d layout audit rows after refusals", n)
		}
		layout := map[string]any{"cutoffs": []string{"A1", "B1"}, "negatives": []string{"C1"}, "positives": []string{"D1"}, "first_sample": "E1"}
		res = e.do("PUT", runPath(run.ID, "/plate"), tech, layout)
		expectStatus(t, res, http.StatusOK)
		var plate lab.RunPlate
		decode(t, res, &plate)
		if plate.Wells[0].Kind != lab.WellCutoff || plate.Wells[4].Accession != a.Accession || plate.Wells[5].Accession != b.Accession {
			t.Fatalf("own layout = %+v", plate.Wells[:6])
		}
		if n := e.auditCount("run.plate_layout"); n != 1 {
			t.Fatalf("%d layout audit rows", n)
		}
		res = e.postOD(tech, run.ID, "?enter=true", "well,od\nA1,0.40\nB1,0.50\nC1,0.10\nD1,1.20\nE1,0.90\nF1,0.09\n")
		expectStatus(t, res, http.StatusOK)
		var out lab.PlateOutcome
		decode(t, res, &out)
		if out.BlankOD != nil || out.Samples[0].Text != "2.00" || out.Samples[1].Text != "0.20" {
			t.Fatalf("read on own layout = %+v", out)
		}
		expectProblem(t, e.do("PUT", runPath(run.ID, "/plate"), tech, layout), http.StatusConflict, "invalid_state")
	})
}
