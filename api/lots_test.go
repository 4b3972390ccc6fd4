package api_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"torchlab/lab"
)

// lot registers a reagent lot of an analyte expiring on expires and
// returns it.
func (e *env) lot(token, analyte, code, expires string, inUse bool) lab.ReagentLot {
	e.t.Helper()
	res := e.do("POST", "/api/v1/lots", token, map[string]any{"analyte": analyte, "kit": "Kit " + analyte, "lot": code,
		"expires_on": expires, "in_use": inUse})
	expectStatus(e.t, res, http.StatusCreated)
	var l lab.ReagentLot
	decode(e.t, res, &l)
	return l
}

// resultCount counts a sample's results of every state.
func (e *env) resultCount(accession string) int64 {
	e.t.Helper()
	var n int64
	err := e.db.Gorm.Table("results").Joins("JOIN samples ON samples.id = results.sample_id").
		Where("samples.accession = ?", accession).Count(&n).Error
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

// The one lot check refuses, in entry and in import alike, a lot never
// registered and one past its expiry on the day of entry, and changes
// nothing; a result without a lot takes the analyte's lot in use.
func TestLotsRefuseUnknownAndExpired(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		sm := e.received(nurse, tech, 1, "NFPCP")
		results := "/api/v1/samples/" + sm.Accession + "/results"
		// The test clock is 2026-03-02 09:00 at the station (Asia/Shanghai):
		// a lot good through 2026-03-01 has expired, one through 03-02 has not.
		e.lot(tech, "TOXO_IGG", "OLD1", "2026-03-01", false)
		e.lot(tech, "TOXO_IGG", "LAST", "2026-03-02", false)

		p := expectProblem(t, e.do("PUT", results, tech, map[string]any{"results": []map[string]any{
			{"analyte": "TOXO_IGG", "value": 1, "lot": "NOPE"}}}), http.StatusUnprocessableEntity, "lot_unknown")
		if !p.hasField("results[0].lot", "lot_unknown") {
			t.Fatalf("problem = %+v", p)
		}
		expectProblem(t, e.do("PUT", results, tech, map[string]any{"results": []map[string]any{
			{"analyte": "CMV_IGG", "value": 1}, {"analyte": "TOXO_IGG", "value": 1, "lot": "old1"}}}),
			http.StatusUnprocessableEntity, "lot_expired")
		if n := e.resultCount(sm.Accession); n != 0 {
			t.Fatalf("%d results written by refused entries", n)
		}

		res := e.do("PUT", results, tech, map[string]any{"results": []map[string]any{
			{"analyte": "TOXO_IGG", "value": 1, "lot": "LAST"}, {"analyte": "CMV_IGG", "value": 1}}})
		expectStatus(t, res, http.StatusOK)
		var d lab.SampleDetail
		decode(t, res, &d)
		if resultOf(d, "TOXO_IGG").Lot != "LAST" || resultOf(d, "CMV_IGG").Lot != "L2026" {
			t.Fatalf("lots stored: %+v", d.Results)
		}

		// Import: the same check, line by line.
		other := e.received(nurse, tech, 2, "NFPCP")
		csv := "accession,analyte,value,unit,kit,lot\n" +
			other.Accession + ",TOXO_IGG,0.4,,,NOPE\n" +
			other.Accession + ",TOXO_IGM,1,,,OLD1\n" + // OLD1 is a TOXO_IGG lot only
			other.Accession + ",RUBV_IGG,20,,,\n"
		e.lot(tech, "TOXO_IGM", "OLD1", "2025-12-31", false)
		res = e.send(request{method: "POST", path: "/api/v1/results/import", token: tech, body: csv,
			header: map[string]string{"Content-Type": "text/csv"}})
		expectStatus(t, res, http.StatusOK)
		var rep lab.ImportReport
		decode(t, res, &rep)
		got := map[int]string{}
		for _, r := range rep.Rows {
			got[r.Line] = r.Code
		}
		if rep.Saved != 1 || got[2] != "lot_unknown" || got[3] != "lot_expired" {
			t.Fatalf("import = %+v", rep)
		}
		if n := e.resultCount(other.Accession); n != 1 {
			t.Fatalf("%d results written, want the one good line", n)
		}

		// No lot given and none in use: lot_unknown, nothing written. No
		// use case takes a lot out of use: the test does, and bumps the
		// reference data's version as a use case would (lab/reference_cache.go).
		if err := e.db.Gorm.Exec("DELETE FROM lots_in_use WHERE analyte_code = ?", "CMV_IGM").Error; err != nil {
			t.Fatal(err)
		}
		if err := e.db.Gorm.Exec("UPDATE reference_version SET version = version + 1").Error; err != nil {
			t.Fatal(err)
		}
		expectProblem(t, e.do("PUT", results, tech, map[string]any{"results": []map[string]any{
			{"analyte": "CMV_IGM", "value": 0.1}}}), http.StatusUnprocessableEntity, "lot_unknown")

		// With lot_required off, a lot is a note as typed.
		admin := e.signIn("admin", lab.RoleAdmin, 0)
		expectStatus(t, e.do("PUT", "/api/v1/settings", admin, map[string]any{"lot_required": 0}), http.StatusOK)
		res = e.do("PUT", results, tech, map[string]any{"results": []map[string]any{
			{"analyte": "CMV_IGM", "value": 0.1}, {"analyte": "RUBV_IGG", "value": 20, "lot": "handwritten"}}})
		expectStatus(t, res, http.StatusOK)
	})
}

// Registering lots is the bench's; putting another lot in use is audited
// from → to, and an expired lot cannot be put in use.
func TestLotInUseChangeAudited(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		expectProblem(t, e.do("POST", "/api/v1/lots", nurse, map[string]any{"analyte": "CMV_IGG", "kit": "k", "lot": "X",
			"expires_on": "2027-01-01"}), http.StatusForbidden, "forbidden")
		expectProblem(t, e.do("POST", "/api/v1/lots", tech, map[string]any{"analyte": "CMV_IGG", "kit": "k", "lot": "",
			"expires_on": "soon"}), http.StatusUnprocessableEntity, "validation")
		before := e.auditCount("lot.in_use")
		l := e.lot(tech, "CMV_IGG", "C-2027", "2027-06-30", true)
		if !l.InUse || e.auditCount("lot.in_use") != before+1 {
			t.Fatalf("lot %+v, audit %d", l, e.auditCount("lot.in_use"))
		}
		old := e.lot(tech, "CMV_IGG", "C-2025", "2025-06-30", false)
		expectProblem(t, e.do("POST", "/api/v1/lots/"+strconv.FormatInt(old.ID, 10)+"/use", tech, nil), http.StatusUnprocessableEntity, "lot_expired")
		expectProblem(t, e.do("POST", "/api/v1/lots", tech, map[string]any{"analyte": "CMV_IGG", "kit": "k", "lot": "c-2027",
			"expires_on": "2027-01-01"}), http.StatusConflict, "conflict")
		res := e.do("GET", "/api/v1/lots", tech, nil)
		expectStatus(t, res, http.StatusOK)
		if !strings.Contains(res.Body.String(), `"lot":"C-2027","expires_on":"2027-06-30"`) {
			t.Fatalf("lots = %s", res.Body)
		}
	})
}
