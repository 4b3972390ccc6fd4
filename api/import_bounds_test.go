package api_test

import (
	"encoding/csv"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"torchlab/lab"
)

type importAnswer struct {
	lab.ImportReport
	ErrorsCSV string `json:"errors_csv"`
}

// The import's answer listed every line, so a file of junk answered with a
// report many times its size: it names the first 200 refused lines, and
// every refused line is downloaded as CSV, by the technician who imported
// or an admin.
func TestImportAnswersInBoundedSize(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
		admin := e.signIn("boss", lab.RoleAdmin, 0)
		sm := e.received(nurse, tech, 1, "")
		file := "accession,analyte,value\n" + sm.Accession + ",TOXO_IGG,0.2\n" + strings.Repeat("x\n", 5000) + sm.Accession + ",TOXO_IGM,0.3\n"
		res := e.send(request{method: "POST", path: "/api/v1/results/import", token: tech, body: file, header: map[string]string{"Content-Type": "text/csv"}})
		expectStatus(t, res, http.StatusOK)
		if res.Body.Len() > 64<<10 {
			t.Fatalf("the answer to 5,000 bad lines is %d bytes", res.Body.Len())
		}
		var rep importAnswer
		decode(t, res, &rep)
		if rep.Saved != 2 || rep.Rejected != 5000 || rep.Lines != 5003 || len(rep.Rows) != lab.ImportRowsShown ||
			rep.Rows[0].Line != 3 || rep.Rows[199].Line != 202 || rep.Rows[0].Code != "columns" {
			t.Fatalf("lines %d, saved %d, rejected %d, %d rows from line %d", rep.Lines, rep.Saved, rep.Rejected, len(rep.Rows), rep.Rows[0].Line)
		}
		if rep.ErrorsCSV != "/api/v1/results/imports/"+strconv.FormatInt(rep.ImportID, 10)+"/errors.csv" {
			t.Fatalf("errors_csv %q", rep.ErrorsCSV)
		}
		res = e.do("GET", rep.ErrorsCSV, tech, nil)
		expectStatus(t, res, http.StatusOK)
		if ct := res.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
			t.Fatalf("Content-Type %q", ct)
		}
		records, err := csv.NewReader(res.Body).ReadAll()
		if err != nil || len(records) != 5001 || strings.Join(records[0], ",") != "line,code,detail,accession,analyte" ||
			records[1][0] != "3" || records[1][1] != "columns" || records[5000][0] != "5002" {
			t.Fatalf("%d records (%v): %v ... %v", len(records), err, records[:min(len(records), 2)], records[len(records)-1])
		}
		expectProblem(t, e.do("GET", rep.ErrorsCSV, tech2, nil), http.StatusNotFound, "not_found")
		expectProblem(t, e.do("GET", rep.ErrorsCSV, nurse, nil), http.StatusForbidden, "forbidden")
		expectStatus(t, e.do("GET", rep.ErrorsCSV, admin, nil), http.StatusOK)
		expectProblem(t, e.do("GET", "/api/v1/results/imports/99999/errors.csv", admin, nil), http.StatusNotFound, "not_found")

		// A week later the refused lines are gone.
		e.clock.Advance(8 * 24 * time.Hour)
		if n, err := e.svc.PruneImports(t.Context()); err != nil || n != 1 {
			t.Fatalf("pruned %d imports: %v", n, err)
		}
		expectProblem(t, e.do("GET", rep.ErrorsCSV, e.login("boss", testPassword), nil), http.StatusNotFound, "not_found")
	})
}

// A file that is not an analyser file is refused at once, and a file over
// the line limit is refused whole, before any line is saved.
func TestImportRefusesAtOnce(t *testing.T) {
	e := newEnv(t, "sqlite")
	nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
	tech := e.signIn("tech", lab.RoleLabTech, 0)
	sm := e.received(nurse, tech, 1, "")
	post := func(body string) *httptest.ResponseRecorder {
		return e.send(request{method: "POST", path: "/api/v1/results/import", token: tech, body: body, header: map[string]string{"Content-Type": "text/csv"}})
	}
	for name, body := range map[string]string{
		"empty":                "",
		"x lines":              strings.Repeat("x\n", 1000),
		"no line break":        strings.Repeat("x", 100_000),
		"wrong column":         "accession,analyte,result\n" + sm.Accession + ",TOXO_IGG,1\n",
		"columns out of order": "analyte,accession,value\nTOXO_IGG," + sm.Accession + ",1\n",
	} {
		t.Run(name, func(t *testing.T) { expectProblem(t, post(body), http.StatusBadRequest, "malformed") })
	}
	over := "accession,analyte,value\n" + sm.Accession + ",TOXO_IGG,0.2\n" + strings.Repeat("x\n", lab.MaxImportLines)
	expectProblem(t, post(over), http.StatusRequestEntityTooLarge, "too_large")
	if n := e.auditCount("results.enter"); n != 0 {
		t.Fatalf("%d results saved from refused files", n)
	}
}
