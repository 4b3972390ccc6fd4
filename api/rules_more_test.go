package api_test

import (
	"net/http"
	"testing"
	"time"

	"torchlab/lab"
)

func TestRedrawClosesItsRecollection(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		sm := e.drawn(nurse, 1, "")
		expectStatus(t, e.do("POST", "/api/v1/samples/"+sm.Accession+"/reject", tech, map[string]any{"reason": "unlabeled"}), http.StatusOK)
		var list struct{ Items []lab.RecollectionView }
		decode(t, e.do("GET", "/api/v1/recollections?open=true", nurse, nil), &list)
		rc := list.Items[0]
		sl := e.slot(nurse, e.stationA, "2026-03-02", "22:30", 5)
		res := e.do("POST", "/api/v1/appointments", nurse, map[string]any{"client_id": rc.ClientID, "slot_id": sl.ID, "recollection_id": rc.ID})
		expectStatus(t, res, http.StatusCreated)
		var ap lab.Appointment
		decode(t, res, &ap)
		redraw := e.collect(nurse, ap.ID, "")
		if redraw.Kind != lab.KindRedraw {
			t.Fatalf("redraw sample = %+v", redraw)
		}
		// Cancelled-then-closed: even a cancelled booking cannot reopen it now.
		var all struct{ Items []lab.RecollectionView }
		decode(t, e.do("GET", "/api/v1/recollections", nurse, nil), &all)
		if len(all.Items) != 1 || all.Items[0].ClosedAt == nil {
			t.Fatalf("the request is not closed by the redraw: %+v", all.Items)
		}
	})
}

func TestNoShowDoesNotUseUpTheYear(t *testing.T) {
	e := newEnv(t, "sqlite")
	nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
	sl := e.slot(nurse, e.stationA, "2026-03-02", "10:00", 5)
	c := e.register(nurse, clientBody(1))
	ap, _ := e.book(nurse, c, sl.ID)
	e.clock.Advance(2 * time.Hour)
	nurse = e.login("nurse.a", testPassword)
	expectStatus(t, e.do("POST", path("/api/v1/appointments/%d/no-show", ap.ID), nurse, nil), http.StatusOK)
	later := e.slot(nurse, e.stationA, "2026-03-05", "10:00", 5)
	if _, p := e.book(nurse, c, later.ID); p != nil {
		t.Fatalf("a missed appointment used up her free screening: %+v", p)
	}
}

func TestWithdrawnConsentStopsTheDraw(t *testing.T) {
	e := newEnv(t, "sqlite")
	nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
	sl := e.slotToday(nurse)
	c := e.register(nurse, clientBody(1))
	ap, _ := e.book(nurse, c, sl.ID)
	expectStatus(t, e.do("PATCH", path("/api/v1/clients/%d", c), nurse, map[string]any{"consent": map[string]any{"given": false}}), http.StatusOK)
	expectProblem(t, e.do("POST", path("/api/v1/appointments/%d/check-in", ap.ID), nurse, nil), http.StatusUnprocessableEntity, "no_consent")
}

func TestAnotherStationsClientInAFilterIsNotFound(t *testing.T) {
	e := newEnv(t, "sqlite")
	nurseA := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
	nurseB := e.signIn("nurse.b", lab.RoleNurse, e.stationB)
	c := e.register(nurseA, clientBody(1))
	expectProblem(t, e.do("GET", path("/api/v1/appointments?client_id=%d", c), nurseB, nil), http.StatusNotFound, "not_found")
	expectProblem(t, e.do("GET", path("/api/v1/samples?client_id=%d", c), nurseB, nil), http.StatusNotFound, "not_found")
	expectStatus(t, e.do("GET", path("/api/v1/appointments?client_id=%d", c), nurseA, nil), http.StatusOK)
}
