package api_test

import (
	"net/http"
	"testing"

	"torchlab/lab"
)

type shipmentList struct {
	Items []lab.ShipmentDetail
	Total int
}

// The lab sees the boxes on their way; the box closes as arrived when its
// last tube is received or rejected (by any screen), and the station keeps
// it in its history.
func TestShipmentsListedAndArrived(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		nurseB := e.signIn("nurse.b", lab.RoleNurse, e.stationB)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		a, b := e.drawn(nurse, 1, ""), e.drawn(nurse, 2, "")
		res := e.do("POST", "/api/v1/shipments", nurse, map[string]any{"accessions": []string{a.Accession, b.Accession}})
		expectStatus(t, res, http.StatusCreated)
		var sh lab.ShipmentDetail
		decode(t, res, &sh)
		ship := path("/api/v1/shipments/%d", sh.ID)

		var list shipmentList
		decode(t, e.do("GET", "/api/v1/shipments?status=dispatched", tech, nil), &list)
		if list.Total != 0 {
			t.Fatalf("a packed box is listed as on its way: %+v", list)
		}
		expectStatus(t, e.do("POST", ship+"/dispatch", nurse, nil), http.StatusOK)
		decode(t, e.do("GET", "/api/v1/shipments?status=dispatched", tech, nil), &list)
		if list.Total != 1 || list.Items[0].ID != sh.ID || len(list.Items[0].Items) != 2 || len(list.Items[0].Missing) != 2 {
			t.Fatalf("incoming = %+v", list)
		}

		// One tube received at the receiving screen: the box is still on its way.
		expectStatus(t, e.do("POST", "/api/v1/samples/"+a.Accession+"/receive", tech, nil), http.StatusOK)
		decode(t, e.do("GET", ship, tech, nil), &sh)
		if sh.Status != lab.ShipmentDispatched || len(sh.Missing) != 1 || sh.Missing[0] != b.Accession {
			t.Fatalf("after one tube: %+v", sh)
		}
		// The other rejected on arrival: every tube is in the lab's hands.
		expectStatus(t, e.do("POST", "/api/v1/samples/"+b.Accession+"/reject", tech, map[string]any{"reason": "hemolyzed"}), http.StatusOK)
		decode(t, e.do("GET", ship, tech, nil), &sh)
		if sh.Status != lab.ShipmentArrived {
			t.Fatalf("a box with every tube in is %s", sh.Status)
		}
		if n := e.auditCount("shipment.arrive"); n != 1 {
			t.Fatalf("arrival audited %d times", n)
		}
		decode(t, e.do("GET", "/api/v1/shipments?status=dispatched", tech, nil), &list)
		if list.Total != 0 {
			t.Fatalf("an arrived box is still incoming: %+v", list)
		}

		// The station's history keeps it; another station sees none of it.
		decode(t, e.do("GET", "/api/v1/shipments", nurse, nil), &list)
		if list.Total != 1 || list.Items[0].Status != lab.ShipmentArrived {
			t.Fatalf("the station's history = %+v", list)
		}
		decode(t, e.do("GET", "/api/v1/shipments", nurseB, nil), &list)
		if list.Total != 0 {
			t.Fatalf("another station sees %+v", list)
		}
		expectProblem(t, e.do("GET", "/api/v1/shipments?status=lost", tech, nil), http.StatusUnprocessableEntity, "validation")
	})
}

// Reject is refused on a tube already reported: the server says so and
// changes nothing.
func TestRejectRefusedOnReleasedTube(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		tech := e.signIn("tech", lab.RoleLabTech, 0)
		tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
		acc := e.released(nurse, tech, tech2, 1, clientBody(1), nil)
		before := e.auditCount("sample.reject")
		expectProblem(t, e.do("POST", "/api/v1/samples/"+acc+"/reject", tech, map[string]any{"reason": "hemolyzed"}), http.StatusConflict, "invalid_state")
		var d lab.SampleDetail
		decode(t, e.do("GET", "/api/v1/samples/"+acc, tech, nil), &d)
		if d.Status != lab.SampleReleased || e.auditCount("sample.reject") != before {
			t.Fatalf("a refused reject changed the tube: %s", d.Status)
		}
	})
}
