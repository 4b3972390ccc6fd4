package api_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"torchlab/lab"
)

// slotsAreHonest checks the invariant behind "never overbooked": each
// slot's booked count is the number of appointments holding a place in it.
func slotsAreHonest(t *testing.T, e *env) {
	t.Helper()
	var rows []struct {
		ID     int64
		Booked int
		Held   int
	}
	err := e.db.Gorm.Raw(`SELECT slots.id, slots.booked, (SELECT COUNT(*) FROM appointments a WHERE a.slot_id = slots.id
		AND a.status IN ('booked', 'checked_in', 'collected', 'no_show')) AS held FROM slots`).Scan(&rows).Error
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Booked != r.Held {
			t.Errorf("slot %d says %d booked; %d appointments hold a place", r.ID, r.Booked, r.Held)
		}
	}
}

// A nurse double-clicks "book": the same woman into two slots at once.
func TestDoubleBookingOfOneWoman(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		s1 := e.slot(nurse, e.stationA, "2026-03-03", "08:00", 50)
		s2 := e.slot(nurse, e.stationA, "2026-03-03", "09:00", 50)
		for i := 0; i < 10; i++ {
			c := e.register(nurse, clientBody(i))
			codes := make([]int, 2)
			var wg sync.WaitGroup
			for j, sl := range []int64{s1.ID, s2.ID} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					codes[j] = e.do("POST", "/api/v1/appointments", nurse, map[string]any{"client_id": c, "slot_id": sl}).Code
				}()
			}
			wg.Wait()
			if !(codes[0] == http.StatusCreated && codes[1] == http.StatusConflict) && !(codes[1] == http.StatusCreated && codes[0] == http.StatusConflict) {
				t.Fatalf("woman %d: answers %v; want one 201 and one 409", i, codes)
			}
		}
		slotsAreHonest(t, e)
	})
}

// A reschedule to B, a reschedule to C and a cancellation of the same
// appointment at once: they run one after the other, and the slots' counts
// stay true.
func TestRacingMovesKeepSlotCountsTrue(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		a := e.slot(nurse, e.stationA, "2026-03-03", "08:00", 50)
		b := e.slot(nurse, e.stationA, "2026-03-03", "09:00", 50)
		c := e.slot(nurse, e.stationA, "2026-03-03", "10:00", 50)
		for i := 0; i < 12; i++ {
			ap, p := e.book(nurse, e.register(nurse, clientBody(i)), a.ID)
			if p != nil {
				t.Fatal(p)
			}
			var wg sync.WaitGroup
			for _, req := range []struct {
				path string
				body map[string]any
			}{
				{path("/api/v1/appointments/%d/reschedule", ap.ID), map[string]any{"slot_id": b.ID}},
				{path("/api/v1/appointments/%d/reschedule", ap.ID), map[string]any{"slot_id": c.ID}},
				{path("/api/v1/appointments/%d/cancel", ap.ID), map[string]any{}},
			} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if res := e.do("POST", req.path, nurse, req.body); res.Code >= 500 {
						t.Errorf("%s: %d %s", req.path, res.Code, res.Body)
					}
				}()
			}
			wg.Wait()
		}
		slotsAreHonest(t, e)
	})
}

// Two prints of the same tubes in opposite orders, and two overlapping
// shipments, at once: one waits for the other; nobody gets a 500.
func TestOppositeOrdersDoNotDeadlock(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		for round := 0; round < 5; round++ {
			x, y := e.drawn(nurse, 2*round, ""), e.drawn(nurse, 2*round+1, "")
			var wg sync.WaitGroup
			codes := make([]int, 4)
			reqs := []request{
				{method: "POST", path: "/api/v1/labels/printed", token: nurse, body: map[string]any{"reason": "r", "accessions": []string{x.Accession, y.Accession}}},
				{method: "POST", path: "/api/v1/labels/printed", token: nurse, body: map[string]any{"reason": "r", "accessions": []string{y.Accession, x.Accession}}},
				{method: "POST", path: "/api/v1/shipments", token: nurse, body: map[string]any{"accessions": []string{x.Accession, y.Accession}}},
				{method: "POST", path: "/api/v1/shipments", token: nurse, body: map[string]any{"accessions": []string{y.Accession, x.Accession}}},
			}
			for i, r := range reqs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					codes[i] = e.send(r).Code
				}()
			}
			wg.Wait()
			if codes[0] != 204 || codes[1] != 204 || codes[2]+codes[3] != 201+422 {
				t.Fatalf("round %d: answers %v; want 204, 204 and one 201 with one 422", round, codes)
			}
		}
	})
}

// Dates far outside any working life are refused, not looped over.
func TestAbsurdDates(t *testing.T) {
	e := newEnv(t, "sqlite")
	nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
	tech := e.signIn("tech", lab.RoleLabTech, 0)
	slots := path("/api/v1/stations/%d/slots", e.stationA)
	for _, body := range []map[string]any{
		{"date": "9999-12-31", "start": "08:00", "capacity": 1},
		{"date": "2029-01-01", "start": "08:00", "capacity": 1},
		{"from": "9999-12-31", "to": "9999-12-31", "weekdays": []int{1, 2, 3, 4, 5, 6, 7}, "times": []string{"08:00"}, "capacity": 1},
		{"from": "2026-03-03", "to": "2029-01-01", "weekdays": []int{1}, "times": []string{"08:00"}, "capacity": 1},
	} {
		expectProblem(t, e.do("POST", slots, nurse, body), http.StatusUnprocessableEntity, "validation")
	}
	expectProblem(t, e.do("GET", "/api/v1/samples?from=0000-01-01", tech, nil), http.StatusUnprocessableEntity, "validation")
	p := expectProblem(t, e.do("POST", "/api/v1/clients", nurse, clientBody(1, with("national_id", lab.MakeNationalID("110105", "1799-01-01", 2)))),
		http.StatusUnprocessableEntity, "validation")
	if !p.hasField("national_id", "birth_date") {
		t.Fatalf("errors = %+v", p.Errors)
	}
}

// At 00:30 in Shanghai it is still yesterday in UTC: the station's day is
// what counts.
func TestStationDayAtMidnight(t *testing.T) {
	e := newEnv(t, "sqlite")
	e.clock.Advance(15*time.Hour + 30*time.Minute) // 2026-03-02 16:30 UTC = 2026-03-03 00:30 in Shanghai
	nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
	sl := e.slot(nurse, e.stationA, "2026-03-03", "07:00", 5)
	ap, p := e.book(nurse, e.register(nurse, clientBody(1)), sl.ID)
	if p != nil {
		t.Fatal(p)
	}
	expectStatus(t, e.do("POST", path("/api/v1/appointments/%d/check-in", ap.ID), nurse, nil), http.StatusOK)
	var list struct{ Total int }
	decode(t, e.do("GET", "/api/v1/appointments", nurse, nil), &list)
	if list.Total != 1 {
		t.Fatalf("today's list at 00:30 in Shanghai has %d appointments", list.Total)
	}
	sm := e.collect2(nurse, ap.ID)
	var d lab.SampleDetail
	decode(t, e.do("GET", "/api/v1/samples/"+sm.Accession, nurse, nil), &d)
	res := e.do("GET", "/api/v1/samples/"+sm.Accession+"/label.zpl", nurse, nil)
	if !strings.Contains(res.Body.String(), "^FD2026-03-03^FS") {
		t.Fatalf("the label's date is not the station's: %s", res.Body)
	}
}

func (e *env) collect2(nurse string, appointment int64) lab.Sample {
	e.t.Helper()
	res := e.do("POST", path("/api/v1/appointments/%d/samples", appointment), nurse, map[string]any{})
	expectStatus(e.t, res, http.StatusCreated)
	var sm lab.Sample
	decode(e.t, res, &sm)
	return sm
}
