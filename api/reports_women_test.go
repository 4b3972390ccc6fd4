package api_test

import (
	"bytes"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"torchlab/lab"
	"torchlab/lab/stats"
)

// A small programme built by hand through the API, every figure of the
// women's statistics checked against numbers worked out here. 2026-03-02
// is a Monday; the stations count in Shanghai's days (UTC+8); Friday
// 2026-03-06 is a listed holiday. Every first screen is drawn on Monday
// 2026-03-02 at 01:00 UTC.
//
//	W1 station A, planning: Toxo IgM positive → high case, reached 2 h after
//	   release, retest (kind retest) drawn on 03-16 and released normal, case
//	   closed retest_normal.
//	W2 station A, planning: her only tube rejected (insufficient), never redrawn.
//	W3 station B, newly-wed: not immune to rubella → routine case, reached
//	   2 h after release, then a result amended and released again, case
//	   closed vaccination_advised.
//	W4 station A, pregnant: Toxo IgM positive → urgent case, never reached:
//	   three unanswered calls on three days, closed lost_to_follow_up.
//	W5 station A, planning: tube rejected (hemolyzed), redrawn on Wednesday
//	   03-04, the redraw released on Friday 03-13 (6 working days: not
//	   within 5) with a CMV IgM positive → high case, reached 80 h after it
//	   opened (late), still open.
//	W6 station A, planning: normal, released on Tuesday 03-10: the weekend
//	   and the holiday in between leave 5 working days (within 5).
//	W8 station A, planning: normal; screened again on 2027-03-01.
//	W9 station B, planning: normal.
//
// Other releases come 6 h after the draw, 4 h after receipt.
//
// Their pregnancies and vaccinations (early pregnancy ends 97 days after
// the LMP; the outcome follow-up is due 72 days after the EDD):
//
//	W1 LMP 2026-04-01, recorded 05-01 and reached that day (early): a live
//	   birth on 2027-01-05 with an atrial septal defect (Q21.1).
//	W2 (never tested) LMP 2026-04-01, a live birth: counted nowhere.
//	W3 vaccinated against rubella on 2026-03-17.
//	W4 registered pregnant (LMP 2026-01-20): never reached, no outcome by
//	   its due day 2027-01-07.
//	W6 LMP 2026-04-10, recorded on 08-01, after early pregnancy; her
//	   outcome is not due until 2027-03-28.
//	W8 LMP 2026-03-20, recorded 04-15, one unanswered call (not reached in
//	   early pregnancy); a live birth on 2026-12-24, before her screen of
//	   2027, which has no pregnancy.
//	W9 LMP 2026-05-01, recorded 05-20, reached 06-01: a miscarriage on
//	   06-20.
func TestSummaryCountsWomen(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		_, router := loadOpenAPI(t)
		c := &checker{t: t, e: e, router: router, seen: map[string]bool{}}
		for _, u := range []struct {
			name    string
			role    lab.Role
			station int64
		}{{"boss", lab.RoleAdmin, 0}, {"nurse.a", lab.RoleNurse, e.stationA}, {"nurse.b", lab.RoleNurse, e.stationB},
			{"tech", lab.RoleLabTech, 0}, {"tech2", lab.RoleLabTech, 0}} {
			e.addUser(u.name, u.role, u.station)
		}
		as := func(name string) string { return e.login(name, testPassword) }
		at := func(when string) {
			t.Helper()
			to, err := time.Parse(time.RFC3339, when)
			if err != nil || to.Before(e.clock.Now()) {
				t.Fatalf("the clock cannot go to %s from %s", when, e.clock.Now())
			}
			e.clock.Advance(to.Sub(e.clock.Now()))
		}
		slotAt := func(station int64, day string) int64 {
			return e.slot(as("boss"), station, day, "23:00", 50).ID
		}
		draw := func(nurse string, appointment int64) string { return e.collect(as(nurse), appointment, "").Accession }
		do := func(token, method, url string, body any, status int) {
			t.Helper()
			expectStatus(t, c.do(method, url, token, body), status)
		}
		receive := func(acc string) { do(as("tech"), "POST", "/api/v1/samples/"+acc+"/receive", nil, http.StatusOK) }
		results := func(acc string, over map[string]string) {
			do(as("tech"), "PUT", "/api/v1/samples/"+acc+"/results", map[string]any{"results": allResults(over)}, http.StatusOK)
		}
		verify := func(acc string) {
			do(as("tech2"), "POST", "/api/v1/samples/"+acc+"/verify", map[string]any{"acknowledge_abnormal": true}, http.StatusOK)
		}
		caseOf := func(acc string) int64 {
			t.Helper()
			var id int64
			if err := e.db.Gorm.Table("followups").Where("sample_accession = ?", acc).Pluck("id", &id).Error; err != nil || id == 0 {
				t.Fatalf("no case for %s: %v", acc, err)
			}
			return id
		}
		contact := func(caseID int64, result string) {
			do(as("boss"), "POST", path("/api/v1/followups/%d/contacts", caseID), map[string]any{"channel": "phone", "result": result}, http.StatusCreated)
		}
		closeCase := func(caseID int64, outcome string) {
			do(as("boss"), "POST", path("/api/v1/followups/%d/close", caseID), map[string]any{"outcome": outcome}, http.StatusOK)
		}

		// Monday 2026-03-02, 01:00 UTC: the holiday listed, everyone drawn.
		do(as("boss"), "PUT", "/api/v1/settings/calendar", map[string]any{"holidays": []string{"2026-03-06"}, "workdays": []string{}}, http.StatusOK)
		slotA, slotB := slotAt(e.stationA, "2026-03-02"), slotAt(e.stationB, "2026-03-02")
		book := func(nurse string, slot int64, n int, opts ...func(map[string]any)) int64 {
			t.Helper()
			ap, p := e.book(as(nurse), e.register(as(nurse), clientBody(n, opts...)), slot)
			if p != nil {
				t.Fatalf("book woman %d: %+v", n, p)
			}
			return ap.ID
		}
		w1 := draw("nurse.a", book("nurse.a", slotA, 1))
		w2 := draw("nurse.a", book("nurse.a", slotA, 2))
		w3 := draw("nurse.b", book("nurse.b", slotB, 3, with("category", "newlywed")))
		w4 := draw("nurse.a", book("nurse.a", slotA, 4, with("category", "pregnant"), with("lmp_date", "2026-01-20")))
		w5 := draw("nurse.a", book("nurse.a", slotA, 5))
		w6 := draw("nurse.a", book("nurse.a", slotA, 6))
		w8 := draw("nurse.a", book("nurse.a", slotA, 8))
		w9 := draw("nurse.b", book("nurse.b", slotB, 9))

		at("2026-03-02T03:00:00Z")
		for _, acc := range []string{w1, w3, w4, w6, w8, w9} {
			receive(acc)
		}
		do(as("tech"), "POST", "/api/v1/samples/"+w2+"/reject", map[string]any{"reason": "insufficient"}, http.StatusOK)
		do(as("tech"), "POST", "/api/v1/samples/"+w5+"/reject", map[string]any{"reason": "hemolyzed"}, http.StatusOK)
		results(w1, map[string]string{"TOXO_IGM": "20"})
		results(w3, map[string]string{"RUBV_IGG": "5"})
		results(w4, map[string]string{"TOXO_IGM": "15"})
		for _, acc := range []string{w6, w8, w9} {
			results(acc, nil)
		}

		at("2026-03-02T07:00:00Z")
		for _, acc := range []string{w1, w3, w4, w8, w9} {
			verify(acc)
		}
		case1, case3, case4 := caseOf(w1), caseOf(w3), caseOf(w4)

		at("2026-03-02T09:00:00Z")
		contact(case1, "reached")
		contact(case3, "reached")
		contact(case4, "no_answer")
		var recollections struct{ Items []lab.RecollectionView }
		decode(t, c.do("GET", "/api/v1/recollections?open=true", as("nurse.a"), nil), &recollections)
		var redrawOf int64
		for _, rc := range recollections.Items {
			if rc.Reason == "hemolyzed" {
				redrawOf = rc.ID
			}
		}
		res := c.do("POST", "/api/v1/appointments", as("nurse.a"), map[string]any{"client_id": clientOf(t, e, w5),
			"slot_id": slotAt(e.stationA, "2026-03-04"), "recollection_id": redrawOf})
		expectStatus(t, res, http.StatusCreated)
		var redrawAppointment lab.Appointment
		decode(t, res, &redrawAppointment)
		res = c.do("POST", path("/api/v1/followups/%d/retest", case1), as("boss"), map[string]any{"slot_id": slotAt(e.stationA, "2026-03-16")})
		expectStatus(t, res, http.StatusCreated)
		var retestAppointment lab.Appointment
		decode(t, res, &retestAppointment)

		// Tuesday: a second unanswered call; W3's CMV IgG amended after she
		// was reached, and released again.
		at("2026-03-03T03:00:00Z")
		contact(case4, "no_answer")
		do(as("tech"), "POST", "/api/v1/samples/"+w3+"/results/CMV_IGG/amend", map[string]any{"value": "45", "reason": "re-run"}, http.StatusOK)
		at("2026-03-03T05:00:00Z")
		verify(w3)

		// Wednesday: W5 redrawn; the third unanswered call closes W4's case.
		at("2026-03-04T02:00:00Z")
		w5redraw := draw("nurse.a", redrawAppointment.ID)
		contact(case4, "wrong_number")
		closeCase(case4, "lost_to_follow_up")
		at("2026-03-04T04:00:00Z")
		receive(w5redraw)
		results(w5redraw, map[string]string{"CMV_IGM": "2.0"})

		at("2026-03-06T02:00:00Z")
		closeCase(case3, "vaccination_advised")
		at("2026-03-10T03:00:00Z")
		verify(w6)
		at("2026-03-13T04:00:00Z")
		verify(w5redraw)
		case5 := caseOf(w5redraw)

		// W1's retest on Monday 03-16; W5 reached 80 h after her case opened.
		at("2026-03-16T01:00:00Z")
		w1retest := draw("nurse.a", retestAppointment.ID)
		at("2026-03-16T03:00:00Z")
		receive(w1retest)
		results(w1retest, nil)
		at("2026-03-16T12:00:00Z")
		contact(case5, "reached")
		at("2026-03-17T01:00:00Z")
		verify(w1retest)
		closeCase(case1, "retest_normal")

		// Pregnancies and a vaccination.
		pregnancy := func(acc, lmp string) int64 {
			t.Helper()
			res := c.do("POST", path("/api/v1/clients/%d/pregnancies", clientOf(t, e, acc)), as("boss"),
				map[string]any{"lmp_date": lmp, "source": "self_report"})
			expectStatus(t, res, http.StatusCreated)
			var p lab.Pregnancy
			decode(t, res, &p)
			return p.ID
		}
		early := func(id int64, result string) {
			do(as("boss"), "POST", path("/api/v1/pregnancies/%d/contacts", id),
				map[string]any{"task": "early_contact", "channel": "phone", "result": result}, http.StatusCreated)
		}
		outcome := func(id int64, body map[string]any) {
			do(as("boss"), "POST", path("/api/v1/pregnancies/%d/outcome", id), body, http.StatusCreated)
		}
		at("2026-03-17T02:00:00Z")
		do(as("boss"), "POST", path("/api/v1/clients/%d/vaccinations", clientOf(t, e, w3)),
			map[string]any{"vaccine": "rubella", "given_on": "2026-03-17", "pregnancy_excluded": true}, http.StatusCreated)
		at("2026-04-15T02:00:00Z")
		p8 := pregnancy(w8, "2026-03-20")
		early(p8, "no_answer")
		at("2026-05-01T02:00:00Z")
		p1 := pregnancy(w1, "2026-04-01")
		early(p1, "reached")
		at("2026-05-20T02:00:00Z")
		p9 := pregnancy(w9, "2026-05-01")
		p2 := pregnancy(w2, "2026-04-01")
		at("2026-06-01T02:00:00Z")
		early(p9, "reached")
		at("2026-06-25T02:00:00Z")
		outcome(p9, map[string]any{"outcome": "miscarriage", "date": "2026-06-20", "gestation_weeks": 7})
		at("2026-08-01T02:00:00Z")
		p6 := pregnancy(w6, "2026-04-10")
		at("2027-01-10T02:00:00Z")
		outcome(p8, map[string]any{"outcome": "live_birth", "date": "2026-12-24", "gestation_weeks": 39, "birth_weight_g": 3300})
		outcome(p2, map[string]any{"outcome": "live_birth", "date": "2026-12-30", "gestation_weeks": 39})
		at("2027-02-20T02:00:00Z")
		outcome(p1, map[string]any{"outcome": "live_birth", "date": "2027-01-05", "gestation_weeks": 40,
			"defects": []map[string]any{{"code": "Q21.1", "text": "房间隔缺损"}}})

		// W8 screened again a year later.
		at("2027-03-01T01:00:00Z")
		again, p := e.book(as("nurse.a"), clientOf(t, e, w8), slotAt(e.stationA, "2027-03-01"))
		if p != nil {
			t.Fatalf("book W8 again: %+v", p)
		}
		w8again := draw("nurse.a", again.ID)
		at("2027-03-01T03:00:00Z")
		receive(w8again)
		results(w8again, nil)
		at("2027-03-01T07:00:00Z")
		verify(w8again)
		at("2027-03-02T01:00:00Z")

		var sum stats.Summary
		decode(t, c.do("GET", "/api/v1/reports/summary?from=2026-01-01&to=2027-12-31", as("boss"), nil), &sum)
		ratio := func(n, d int) stats.Ratio {
			return stats.Ratio{Numerator: n, Denominator: d, Rate: float64(int(float64(n)/float64(d)*10000+0.5)) / 10000}
		}
		none := stats.Ratio{}
		hours := func(h float64) *float64 { return &h }
		// positivity lists the eight analytes with how many of the tested
		// women had each positive (nobody is equivocal).
		positivity := func(tested int, positive map[string]int) []stats.Positivity {
			var out []stats.Positivity
			for _, a := range []string{"TOXO_IGG", "TOXO_IGM", "RUBV_IGG", "RUBV_IGM", "CMV_IGG", "CMV_IGM", "HSV_IGG", "HSV_IGM"} {
				p := positive[a]
				out = append(out, stats.Positivity{Analyte: a, Tested: tested, Negative: tested - p, Positive: p, PositiveRate: ratio(p, tested)})
			}
			return out
		}
		same := func(what string, got, want any) {
			t.Helper()
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s = %+v\nwant %+v", what, got, want)
			}
		}

		// Women: W1–W6, W8, W9 (W8 once); tested all but W2.
		same("screened, tested", []int{sum.Screened, sum.Tested}, []int{8, 7})
		same("positivity", sum.Positivity, positivity(7, map[string]int{"TOXO_IGM": 2, "RUBV_IGG": 6, "CMV_IGG": 7, "CMV_IGM": 1}))
		same("by category", sum.ByCategory, []stats.CategoryStats{
			{Category: lab.Newlywed, Screened: 1, Tested: 1, Positivity: positivity(1, map[string]int{"CMV_IGG": 1})},
			{Category: lab.Planning, Screened: 6, Tested: 5, Positivity: positivity(5, map[string]int{"TOXO_IGM": 1, "RUBV_IGG": 5, "CMV_IGG": 5, "CMV_IGM": 1})},
			{Category: lab.Pregnant, Screened: 1, Tested: 1, Positivity: positivity(1, map[string]int{"TOXO_IGM": 1, "RUBV_IGG": 1, "CMV_IGG": 1})},
		})
		// First release: 6 h for five women, 194 h for W6, 218 h for W5's redraw.
		same("collection to first release", sum.Turnaround.CollectionToFirstRelease, stats.FirstReleaseSpread{
			Spread: stats.Spread{Count: 7, MedianHours: hours(6), P90Hours: hours(218)}, Within5WorkingDays: ratio(6, 7)})
		// Cases from first screens: W1, W3, W4, W5 (opened by the redraw).
		same("reached in time", sum.ReachedInTime, ratio(2, 4))
		same("follow-up completion", sum.FollowupCompletion, ratio(2, 4))
		same("lost to follow-up", sum.LostToFollowUp, ratio(1, 4))
		same("retest completion", sum.RetestCompletion, ratio(1, 2))               // advised to W1 and W4
		same("rubella vaccination", sum.RubellaVaccinationCompletion, ratio(1, 1)) // W3, vaccinated
		// Pregnancies of tested women: W1, W4, W6, W8, W9. Reached in early
		// pregnancy: W1, W9, of those whose early pregnancy is over or
		// done (W4, W8 not reached; W6 recorded after it).
		same("early-pregnancy follow-up", sum.EarlyPregnancyFollowup, ratio(2, 5))
		// Outcomes recorded: W1, W8, W9, of those and W4 (due 2027-01-07);
		// W6's is not due yet.
		same("outcome follow-up", sum.OutcomeFollowup, ratio(3, 4))
		outcomes := func(result string, counts map[string]int) stats.OutcomeRow {
			r := stats.OutcomeRow{ScreeningResult: result, Outcomes: map[string]int{}}
			for _, o := range []string{"live_birth", "stillbirth", "miscarriage", "induced_abortion", "ectopic", "unknown"} {
				r.Outcomes[o] = counts[o]
				r.Total += counts[o]
			}
			return r
		}
		same("outcomes by screening result", sum.OutcomesByScreeningResult, []stats.OutcomeRow{
			outcomes("abnormal", map[string]int{"live_birth": 1}),                 // W1
			outcomes("normal", map[string]int{"live_birth": 1, "miscarriage": 1}), // W8, W9
		})
		same("birth defects", sum.BirthDefects, stats.DefectRate{Ratio: ratio(1, 2), Per10000: 5000}) // W1 of W1, W8
		same("retests", sum.Retests, stats.RetestStats{Collected: 1, Released: 1,
			Positivity: positivity(1, map[string]int{"RUBV_IGG": 1, "CMV_IGG": 1})})
		same("redraws", sum.Redraws, stats.RedrawStats{Collected: 1, Released: 1})
		same("by station", sum.ByStation, []stats.SummaryRow{
			{Key: "STA", StationCode: "STA", Screened: 6, Tested: 5, Collected: 9, Rejected: 2, Released: 7, Abnormal: 3,
				CasesOpened: 3, CasesClosed: 2, CasesReached: 2, LostToFollowUp: 1,
				FollowupCompletion: ratio(1, 3), Within5WorkingDays: ratio(4, 5)},
			{Key: "STB", StationCode: "STB", Screened: 2, Tested: 2, Collected: 2, Released: 2, Abnormal: 1,
				CasesOpened: 1, CasesClosed: 1, CasesReached: 1, FollowupCompletion: ratio(1, 1), Within5WorkingDays: ratio(2, 2)},
		})
		same("by month", sum.ByMonth, []stats.SummaryRow{
			{Key: "2026-03", Month: "2026-03", Screened: 8, Tested: 7, Collected: 10, Rejected: 2, Released: 8, Abnormal: 4,
				CasesOpened: 4, CasesClosed: 3, CasesReached: 3, LostToFollowUp: 1,
				FollowupCompletion: ratio(2, 4), Within5WorkingDays: ratio(6, 7)},
			{Key: "2027-03", Month: "2027-03", Screened: 1, Tested: 1, Collected: 1, Released: 1,
				FollowupCompletion: none, Within5WorkingDays: ratio(1, 1)},
		})
		// Samples and cases, counted per sample: the amendment leaves the
		// receipt → release turnaround at 4 h.
		same("samples", []int{sum.Collected, sum.Received, sum.Rejected, sum.Released}, []int{11, 9, 2, 9})
		same("receipt to release", sum.Turnaround.ReceiptToRelease, stats.Spread{Count: 9, MedianHours: hours(4), P90Hours: hours(216)})
		same("release to reached", sum.Turnaround.ReleaseToReached, stats.Spread{Count: 3, MedianHours: hours(2), P90Hours: hours(80)})
		same("cases", []any{sum.Followup.Opened, sum.Followup.Closed, sum.Followup.ClosedByOutcome, sum.Followup.OverdueNow},
			[]any{4, 3, map[string]int{"retest_normal": 1, "vaccination_advised": 1, "lost_to_follow_up": 1}, 1})

		t.Run("station B: the amended woman's turnarounds count to her first release", func(t *testing.T) {
			var b stats.Summary
			decode(t, c.do("GET", path("/api/v1/reports/summary?from=2026-03-01&to=2026-03-31&station_id=%d", e.stationB), as("boss"), nil), &b)
			same("turnaround", []any{b.Turnaround.ReceiptToRelease, b.Turnaround.ReleaseToReached, b.Turnaround.CollectionToFirstRelease},
				[]any{stats.Spread{Count: 2, MedianHours: hours(4), P90Hours: hours(4)}, stats.Spread{Count: 1, MedianHours: hours(2), P90Hours: hours(2)},
					stats.FirstReleaseSpread{Spread: stats.Spread{Count: 2, MedianHours: hours(6), P90Hours: hours(6)}, Within5WorkingDays: ratio(2, 2)}})
			same("women", []any{b.Screened, b.Tested, b.ReachedInTime, b.FollowupCompletion, b.RubellaVaccinationCompletion},
				[]any{2, 2, ratio(1, 1), ratio(1, 1), ratio(1, 1)})
			// W9 alone has a pregnancy: no births.
			same("pregnancies", []any{b.EarlyPregnancyFollowup, b.OutcomeFollowup, b.OutcomesByScreeningResult, b.BirthDefects},
				[]any{ratio(1, 1), ratio(1, 1), []stats.OutcomeRow{outcomes("abnormal", nil), outcomes("normal", map[string]int{"miscarriage": 1})},
					stats.DefectRate{}})
		})
		t.Run("the year of her second screen counts her there", func(t *testing.T) {
			var y stats.Summary
			decode(t, c.do("GET", "/api/v1/reports/summary?from=2027-01-01&to=2027-12-31", as("boss"), nil), &y)
			same("2027", []any{y.Screened, y.Tested, y.Turnaround.CollectionToFirstRelease.Within5WorkingDays, y.ReachedInTime},
				[]any{1, 1, ratio(1, 1), none})
			// Her pregnancy ended before this screen.
			same("2027 pregnancies", []any{y.EarlyPregnancyFollowup, y.OutcomeFollowup, y.OutcomesByScreeningResult, y.BirthDefects},
				[]any{none, none, []stats.OutcomeRow{outcomes("abnormal", nil), outcomes("normal", nil)}, stats.DefectRate{}})
		})
		t.Run("without the holiday W6 takes 6 working days", func(t *testing.T) {
			do(as("boss"), "PUT", "/api/v1/settings/calendar", map[string]any{"holidays": []string{}, "workdays": []string{}}, http.StatusOK)
			var again stats.Summary
			decode(t, c.do("GET", "/api/v1/reports/summary?from=2026-01-01&to=2027-12-31", as("boss"), nil), &again)
			same("within 5 working days", again.Turnaround.CollectionToFirstRelease.Within5WorkingDays, ratio(5, 7))
			// A make-up Saturday (调休) inside W5's redraw's turnaround
			// takes it to 7 working days; inside W6's, to 6.
			do(as("boss"), "PUT", "/api/v1/settings/calendar", map[string]any{"holidays": []string{"2026-03-06"}, "workdays": []string{"2026-03-07"}}, http.StatusOK)
			decode(t, c.do("GET", "/api/v1/reports/summary?from=2026-01-01&to=2027-12-31", as("boss"), nil), &again)
			same("with a make-up Saturday", again.Turnaround.CollectionToFirstRelease.Within5WorkingDays, ratio(5, 7))
			do(as("boss"), "PUT", "/api/v1/settings/calendar", map[string]any{"holidays": []string{"2026-03-06"}, "workdays": []string{}}, http.StatusOK)
		})
		t.Run("the files carry every ratio with its counts", func(t *testing.T) {
			res := e.do("GET", "/api/v1/reports/summary.csv?from=2026-01-01&to=2027-12-31", as("boss"), nil)
			expectStatus(t, res, http.StatusOK)
			body := res.Body.String()
			for _, want := range []string{
				"table,station,month,screened,collected,rejected,released,abnormal,cases_opened,cases_reached,cases_closed,cases_lost,tested,indicator,breakdown,numerator,denominator,rate\n",
				"station,STA,,6,9,2,7,3,3,2,2,1,5,,,,,\n",
				"month,,2027-03,1,1,0,1,0,0,0,0,0,1,,,,,\n",
				"indicator,,,,,,,,,,,,,within_5_working_days,,6,7,0.8571\n",
				"indicator,,,,,,,,,,,,,reached_in_time,,2,4,0.5\n",
				"indicator,,,,,,,,,,,,,followup_completion,,2,4,0.5\n",
				"indicator,,,,,,,,,,,,,lost_to_follow_up,,1,4,0.25\n",
				"indicator,,,,,,,,,,,,,retest_completion,,1,2,0.5\n",
				"indicator,,,,,,,,,,,,,rubella_vaccination_completion,,1,1,1\n",
				"indicator,,,,,,,,,,,,,early_pregnancy_followup,,2,5,0.4\n",
				"indicator,,,,,,,,,,,,,outcome_followup,,3,4,0.75\n",
				"indicator,,,,,,,,,,,,,birth_defects,,1,2,0.5\n",
				"indicator,,,,,,,,,,,,,birth_defects_per_10000_births,per 10000 births,1,2,5000\n",
				"indicator,,,,,,,,,,,,,outcome,abnormal live_birth,1,1,1\n",
				"indicator,,,,,,,,,,,,,outcome,abnormal stillbirth,0,1,0\n",
				"indicator,,,,,,,,,,,,,outcome,normal miscarriage,1,2,0.5\n",
				"indicator,,,,,,,,,,,,,positivity,TOXO_IGM,2,7,0.2857\n",
				"indicator,,,,,,,,,,,,,positivity,pregnant TOXO_IGM,1,1,1\n",
				"indicator,,,,,,,,,,,,,retest_positivity,TOXO_IGM,0,1,0\n",
				"indicator,STA,,,,,,,,,,,,followup_completion,,1,3,0.3333\n",
				"indicator,STB,,,,,,,,,,,,within_5_working_days,,2,2,1\n",
				"indicator,,2026-03,,,,,,,,,,,within_5_working_days,,6,7,0.8571\n",
				"indicator,STA,2026-03,,,,,,,,,,,followup_completion,,1,3,0.3333\n",
			} {
				if !strings.Contains(body, want) {
					t.Errorf("CSV lacks %q", want)
				}
			}
			if t.Failed() {
				t.Log(body)
			}
			res = e.do("GET", "/api/v1/reports/summary.xlsx?from=2026-01-01&to=2027-12-31", as("boss"), nil)
			expectStatus(t, res, http.StatusOK)
			book, err := excelize.OpenReader(bytes.NewReader(res.Body.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			defer book.Close()
			sheet := func(name string) [][]string {
				rows, err := book.GetRows(name)
				if err != nil {
					t.Fatal(err)
				}
				return rows
			}
			has := func(name string, want []string) {
				t.Helper()
				for _, r := range sheet(name) {
					if reflect.DeepEqual(r, want) {
						return
					}
				}
				t.Errorf("sheet %s lacks %q", name, want)
			}
			has("Summary", []string{"tested", "7"})
			has("Summary", []string{"reached_in_time", "2", "4", "0.5"})
			has("Summary", []string{"within_5_working_days", "6", "7", "0.8571"})
			has("Summary", []string{"early_pregnancy_followup", "2", "5", "0.4"})
			has("Summary", []string{"outcome_followup", "3", "4", "0.75"})
			has("Summary", []string{"birth_defects", "1", "2", "0.5"})
			has("Summary", []string{"birth defects per 10,000 births", "5000"})
			has("Indicators", []string{"", "", "outcome", "normal live_birth", "1", "2", "0.5"})
			has("Indicators", []string{"STA", "", "followup_completion", "", "1", "3", "0.3333"})
			has("Positivity", []string{"pregnant", "TOXO_IGM", "1", "0", "0", "1", "1"})
			has("By station", []string{"STB", "2", "2", "0", "2", "1", "1", "1", "1", "0", "2", "1", "1", "1", "2", "1"})
		})
		t.Run("an outcome recorded and one corrected move the kept figures", func(t *testing.T) {
			at("2027-03-02T02:00:00Z")
			outcome(p6, map[string]any{"outcome": "stillbirth", "date": "2027-01-10", "gestation_weeks": 39,
				"defects": []map[string]any{{"code": "Q00.0", "text": "无脑畸形"}}})
			var after stats.Summary
			decode(t, c.do("GET", "/api/v1/reports/summary?from=2026-01-01&to=2027-12-31", as("boss"), nil), &after)
			same("outcome follow-up", after.OutcomeFollowup, ratio(4, 5))
			same("early-pregnancy follow-up", after.EarlyPregnancyFollowup, ratio(2, 5))
			same("normal outcomes", after.OutcomesByScreeningResult[1],
				outcomes("normal", map[string]int{"live_birth": 1, "stillbirth": 1, "miscarriage": 1}))
			same("birth defects", after.BirthDefects, stats.DefectRate{Ratio: ratio(2, 3), Per10000: 6666.67})
			// W1's defect was a misreading: corrected, with a reason.
			at("2027-03-02T03:00:00Z")
			do(as("boss"), "PUT", path("/api/v1/pregnancies/%d/outcome", p1), map[string]any{"outcome": "live_birth",
				"date": "2027-01-05", "gestation_weeks": 40, "defects": []any{}, "reason": "the echo was normal"}, http.StatusOK)
			decode(t, c.do("GET", "/api/v1/reports/summary?from=2026-01-01&to=2027-12-31", as("boss"), nil), &after)
			same("birth defects corrected", after.BirthDefects, stats.DefectRate{Ratio: ratio(1, 3), Per10000: 3333.33})
			same("abnormal outcomes", after.OutcomesByScreeningResult[0], outcomes("abnormal", map[string]int{"live_birth": 1}))
		})
	})
}

// clientOf is the woman a sample was drawn from.
func clientOf(t *testing.T, e *env, accession string) int64 {
	t.Helper()
	var id int64
	if err := e.db.Gorm.Table("samples").Where("accession = ?", accession).Pluck("client_id", &id).Error; err != nil || id == 0 {
		t.Fatalf("sample %s: %v", accession, err)
	}
	return id
}
