package api_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"torchlab/lab"
	"torchlab/lab/stats"
)

// A known day, computed by hand: station A draws three women (one pregnant
// with a positive toxoplasma IgM, one normal, one tube rejected), station B
// draws one. Receipt 2 h after collection, release 4 h after receipt, the
// pregnant woman reached 2 h after release.
func TestProgrammeSummary(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		_, router := loadOpenAPI(t)
		admin := e.signIn("boss", lab.RoleAdmin, 0)
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		nurseB := e.signIn("nurse.b", lab.RoleNurse, e.stationB)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
		counselor := e.signIn("counselor.a", lab.RoleCounselor, e.stationA)
		c := &checker{t: t, e: e, router: router, seen: map[string]bool{}}

		draw := func(token string, station int64, n int, body map[string]any) lab.Sample {
			var sl lab.Slot
			if err := e.db.Gorm.Where("station_id = ? AND day = ?", station, "2026-03-02").First(&sl).Error; err != nil {
				sl = e.slot(token, station, "2026-03-02", "23:00", 50)
			}
			ap, p := e.book(token, e.register(token, body), sl.ID)
			if p != nil {
				t.Fatal(p)
			}
			return e.collect(token, ap.ID, "")
		}
		s1 := draw(nurse, e.stationA, 1, clientBody(1, with("category", "pregnant"), with("lmp_date", "2026-01-20")))
		s2 := draw(nurse, e.stationA, 2, clientBody(2))
		s3 := draw(nurse, e.stationA, 3, clientBody(3))
		draw(nurseB, e.stationB, 4, clientBody(4))

		relogin := func() {
			admin, tech, tech2, counselor = e.login("boss", testPassword), e.login("tech", testPassword), e.login("tech2", testPassword), e.login("counselor.a", testPassword)
			nurseB = e.login("nurse.b", testPassword)
		}
		e.clock.Advance(2 * time.Hour)
		relogin()
		for _, sm := range []lab.Sample{s1, s2} {
			e.do("POST", "/api/v1/samples/"+sm.Accession+"/receive", tech, nil)
		}
		e.do("POST", "/api/v1/samples/"+s3.Accession+"/reject", tech, map[string]any{"reason": "insufficient"})
		e.do("PUT", "/api/v1/samples/"+s1.Accession+"/results", tech, map[string]any{"results": allResults(map[string]string{"TOXO_IGM": "20"})})
		e.do("PUT", "/api/v1/samples/"+s2.Accession+"/results", tech, map[string]any{"results": allResults(nil)})
		e.clock.Advance(4 * time.Hour)
		relogin()
		for _, sm := range []lab.Sample{s1, s2} {
			expectStatus(t, e.do("POST", "/api/v1/samples/"+sm.Accession+"/verify", tech2, map[string]any{"acknowledge_abnormal": true}), http.StatusOK)
		}
		e.clock.Advance(2 * time.Hour)
		relogin()
		var q caseList
		decode(t, e.do("GET", "/api/v1/followups", counselor, nil), &q)
		e.do("POST", path("/api/v1/followups/%d/contacts", q.Items[0].ID), counselor, map[string]any{"channel": "phone", "result": "reached"})
		e.do("POST", path("/api/v1/followups/%d/close", q.Items[0].ID), counselor, map[string]any{"outcome": "counseled"})

		var sum stats.Summary
		decode(t, c.do("GET", "/api/v1/reports/summary?from=2026-03-02&to=2026-03-02", admin, nil), &sum)
		// The woman whose tube was rejected is screened, not tested.
		if sum.Screened != 4 || sum.Tested != 2 || sum.Collected != 4 || sum.Received != 2 || sum.Rejected != 1 ||
			sum.RejectedByReason["insufficient"] != 1 || sum.Released != 2 {
			t.Fatalf("counts = %+v", sum)
		}
		var toxoIgM *stats.AnalyteStats
		for i := range sum.Analytes {
			if sum.Analytes[i].Analyte == "TOXO_IGM" {
				toxoIgM = &sum.Analytes[i]
			}
		}
		if len(sum.Analytes) != 8 || toxoIgM == nil || toxoIgM.Tested != 2 || toxoIgM.Positive != 1 || toxoIgM.PositiveRate != 0.5 || toxoIgM.NegativeRate != 0.5 {
			t.Fatalf("analytes = %+v", sum.Analytes)
		}
		wantFindings := map[string]int{"TOXO_IGM_POS_IGG_NEG": 1, "TOXO_SUSCEPTIBLE": 1, "RUBV_PAST_INFECTION": 2, "CMV_PAST_INFECTION": 2, "HSV_SUSCEPTIBLE": 2}
		for code, n := range wantFindings {
			if sum.Findings[code] != n {
				t.Errorf("finding %s = %d, want %d", code, sum.Findings[code], n)
			}
		}
		ta := sum.Turnaround
		if ta.CollectionToReceipt.Count != 2 || *ta.CollectionToReceipt.MedianHours != 2 || *ta.CollectionToReceipt.P90Hours != 2 ||
			*ta.ReceiptToRelease.MedianHours != 4 || ta.ReleaseToReached.Count != 1 || *ta.ReleaseToReached.MedianHours != 2 {
			t.Fatalf("turnaround = %+v", ta)
		}
		f := sum.Followup
		if f.Opened != 1 || f.Closed != 1 || f.ClosedByOutcome["counseled"] != 1 || f.CompletionRate != 1 || f.LostRate != 0 || f.OverdueNow != 0 {
			t.Fatalf("follow-up = %+v", f)
		}
		if len(sum.ByStation) != 2 || sum.ByStation[0].StationCode != "STA" || sum.ByStation[0].Screened != 3 || sum.ByStation[0].Rejected != 1 ||
			sum.ByStation[0].Abnormal != 1 || sum.ByStation[0].CasesReached != 1 || sum.ByStation[1].Collected != 1 ||
			len(sum.ByMonth) != 1 || sum.ByMonth[0].Month != "2026-03" || sum.ByMonth[0].Screened != 4 {
			t.Fatalf("by station %+v, by month %+v", sum.ByStation, sum.ByMonth)
		}

		t.Run("a nurse sees her station only", func(t *testing.T) {
			var own stats.Summary
			decode(t, c.do("GET", "/api/v1/reports/summary?from=2026-03-02&to=2026-03-02", nurseB, nil), &own)
			if own.Screened != 1 || own.Collected != 1 || own.Released != 0 || len(own.ByStation) != 1 {
				t.Fatalf("station B = %+v", own)
			}
			expectProblem(t, e.do("GET", path("/api/v1/reports/summary?from=2026-03-02&to=2026-03-02&station_id=%d", e.stationA), nurseB, nil),
				http.StatusNotFound, "not_found")
		})
		t.Run("empty range and a station with no data", func(t *testing.T) {
			var empty stats.Summary
			decode(t, c.do("GET", "/api/v1/reports/summary?from=2026-04-01&to=2026-04-30", admin, nil), &empty)
			if empty.Screened != 0 || empty.Collected != 0 || len(empty.Analytes) != 0 || len(empty.ByStation) != 0 ||
				empty.Turnaround.CollectionToReceipt.MedianHours != nil || empty.Followup.CompletionRate != 0 {
				t.Fatalf("empty = %+v", empty)
			}
			st, _ := e.svc.CreateStation(lab.SystemContext(t.Context(), "(test)"), lab.NewStation{Code: "STC", Name: "C"})
			decode(t, c.do("GET", path("/api/v1/reports/summary?from=2026-03-01&to=2026-03-31&station_id=%d", st.ID), admin, nil), &empty)
			if empty.Screened != 0 || empty.Collected != 0 {
				t.Fatalf("station C = %+v", empty)
			}
			expectProblem(t, e.do("GET", "/api/v1/reports/summary?from=2026-03-31&to=2026-03-01", admin, nil), http.StatusUnprocessableEntity, "validation")
			expectProblem(t, e.do("GET", "/api/v1/reports/summary", admin, nil), http.StatusUnprocessableEntity, "validation")
		})
		t.Run("XLSX", func(t *testing.T) {
			res := e.do("GET", "/api/v1/reports/summary.xlsx?from=2026-03-02&to=2026-03-02", admin, nil)
			expectStatus(t, res, http.StatusOK)
			book, err := excelize.OpenReader(bytes.NewReader(res.Body.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			defer book.Close()
			cell := func(sheet, at string) string {
				v, err := book.GetCellValue(sheet, at)
				if err != nil {
					t.Fatal(err)
				}
				return v
			}
			if cell("Summary", "A3") != "screened" || cell("Summary", "B3") != "4" || cell("By station", "A2") != "STA" ||
				cell("By station", "B2") != "3" || cell("By month", "A2") != "2026-03" || cell("Analytes", "A3") != "TOXO_IGM" || cell("Analytes", "H3") != "0.5" {
				t.Fatalf("workbook cells: %q %q %q %q %q %q", cell("Summary", "B3"), cell("By station", "A2"), cell("By station", "B2"),
					cell("By month", "A2"), cell("Analytes", "A3"), cell("Analytes", "H3"))
			}
			sm := "By station and month"
			if cell(sm, "A1") != "station" || cell(sm, "A2") != "STA" || cell(sm, "B2") != "2026-03" || cell(sm, "C2") != "3" ||
				cell(sm, "E2") != "1" || cell(sm, "A3") != "STB" || cell(sm, "C3") != "1" || cell(sm, "A4") != "" {
				t.Fatalf("station by month: %q %q %q %q %q %q", cell(sm, "A2"), cell(sm, "B2"), cell(sm, "C2"), cell(sm, "E2"), cell(sm, "A3"), cell(sm, "A4"))
			}
		})
		t.Run("CSV", func(t *testing.T) {
			res := e.do("GET", "/api/v1/reports/summary.csv?from=2026-03-02&to=2026-03-02", admin, nil)
			expectStatus(t, res, http.StatusOK)
			body := res.Body.String()
			for _, want := range []string{"table,station,month,screened,collected", "station,STA,,3,3,1,2,1,1,1,1,0", "station,STB,,1,1,0,0,0,0,0,0,0", "month,,2026-03,4,4,1,2,1,1,1,1,0"} {
				if !strings.Contains(body, want) {
					t.Errorf("CSV lacks %q:\n%s", want, body)
				}
			}
			if strings.Contains(body, "王芳") || strings.Contains(body, womanID(1)) {
				t.Fatal("the export holds personal data")
			}
			// The programme office's table: a row per station and month of
			// the range that has samples, February and April having none.
			res = e.do("GET", "/api/v1/reports/summary.csv?from=2026-02-01&to=2026-04-30", admin, nil)
			expectStatus(t, res, http.StatusOK)
			var stationMonths []string
			for _, l := range strings.Split(res.Body.String(), "\n") {
				if strings.HasPrefix(l, "station_month,") {
					stationMonths = append(stationMonths, l)
				}
			}
			if len(stationMonths) != 2 || stationMonths[0] != "station_month,STA,2026-03,3,3,1,2,1,1,1,1,0,2,,,,," ||
				stationMonths[1] != "station_month,STB,2026-03,1,1,0,0,0,0,0,0,0,0,,,,," {
				t.Fatalf("station by month = %q", stationMonths)
			}
		})
	})
}
