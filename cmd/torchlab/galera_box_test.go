package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"testing"

	"torchlab/lab"
)

// galeraBoxes is how many boxes the Galera test takes in across nodes.
const galeraBoxes = 8

// boxesAcrossNodes packs boxes of three tubes, takes the first tube of
// each in through process A, then the last two at once, one through each
// process (so through two nodes). Row locks hold on one node only; every
// box must still end arrived, once (lab/receiving.go, touchBoxSQL). It
// returns the boxes' ids for checkBoxes.
func (w *galeraWorld) boxesAcrossNodes(t *testing.T, procs []*torchlabProc) []int64 {
	p := procs[0]
	status, body := w.send(p, "POST", fmt.Sprintf("/api/v1/stations/%d/slots", w.station), w.nurse,
		map[string]any{"date": w.today, "start": "19:00", "capacity": 3 * galeraBoxes})
	var sl lab.Slot
	if json.Unmarshal(body, &sl); status != http.StatusCreated {
		t.Fatalf("the boxes' slot: %d %s", status, body)
	}
	var boxes []int64
	for b := 0; b < galeraBoxes; b++ {
		var tubes []string
		for k := 0; k < 3; k++ {
			tubes = append(tubes, w.drawnTube(t, p, sl.ID, 1000+3*b+k))
		}
		status, body := w.send(p, "POST", "/api/v1/shipments", w.nurse, map[string]any{"accessions": tubes})
		var box lab.ShipmentDetail
		if json.Unmarshal(body, &box); status != http.StatusCreated {
			t.Fatalf("box %d: %d %s", b, status, body)
		}
		if status, body := w.send(p, "POST", fmt.Sprintf("/api/v1/shipments/%d/dispatch", box.ID), w.nurse, nil); status != http.StatusOK {
			t.Fatalf("dispatch box %d: %d %s", b, status, body)
		}
		if status, body := w.send(p, "POST", "/api/v1/samples/"+tubes[0]+"/receive", w.tech, nil); status != http.StatusOK {
			t.Fatalf("receive %s: %d %s", tubes[0], status, body)
		}
		var wg sync.WaitGroup
		start := make(chan struct{})
		for k, q := range procs[:2] {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				if status, body := w.send(q, "POST", "/api/v1/samples/"+tubes[1+k]+"/receive", w.tech, nil); status != http.StatusOK {
					t.Errorf("receive %s through process %s: %d %s", tubes[1+k], q.name, status, body)
				}
			}()
		}
		close(start)
		wg.Wait()
		boxes = append(boxes, box.ID)
	}
	return boxes
}

// drawnTube registers a woman (n makes her ID number), books her into the
// slot, checks her in and draws her tube, and returns its code.
func (w *galeraWorld) drawnTube(t *testing.T, p *torchlabProc, slot int64, n int) string {
	t.Helper()
	status, body := w.send(p, "POST", "/api/v1/clients", w.nurse, map[string]any{
		"name": "王芳" + strconv.Itoa(n), "national_id": lab.MakeNationalID("110105", lab.Date(fmt.Sprintf("198%d-0%d-1%d", n%10, 1+n/10%9, n%10)), 2*n),
		"phone": fmt.Sprintf("138%08d", n), "address": "北京市朝阳区" + strconv.Itoa(n) + "号", "category": "planning",
		"consent": map[string]any{"given": true, "text_version": "v1"},
	})
	var c lab.ClientView
	if json.Unmarshal(body, &c); status != http.StatusCreated {
		t.Fatalf("register %d: %d %s", n, status, body)
	}
	status, body = w.send(p, "POST", "/api/v1/appointments", w.nurse, map[string]any{"client_id": c.ID, "slot_id": slot})
	var ap lab.Appointment
	if json.Unmarshal(body, &ap); status != http.StatusCreated {
		t.Fatalf("book %d: %d %s", n, status, body)
	}
	if status, body := w.send(p, "POST", fmt.Sprintf("/api/v1/appointments/%d/check-in", ap.ID), w.nurse, nil); status != http.StatusOK {
		t.Fatalf("check in %d: %d %s", n, status, body)
	}
	status, body = w.send(p, "POST", fmt.Sprintf("/api/v1/appointments/%d/samples", ap.ID), w.nurse, map[string]any{})
	var sm lab.Sample
	if json.Unmarshal(body, &sm); status != http.StatusCreated {
		t.Fatalf("draw %d: %d %s", n, status, body)
	}
	return sm.Accession
}

// checkBoxes checks on one node that every box ended arrived, with one
// shipment.arrive audit row.
func checkBoxes(t *testing.T, node string, db *sql.DB, boxes []int64) {
	for _, id := range boxes {
		var status string
		var arrivals int
		if err := db.QueryRow("SELECT status, (SELECT COUNT(*) FROM audit_log WHERE action = 'shipment.arrive' AND entity = 'shipment' AND entity_id = ?) FROM shipments WHERE id = ?",
			strconv.FormatInt(id, 10), id).Scan(&status, &arrivals); err != nil {
			t.Fatalf("%s: box %d: %v", node, id, err)
		}
		if status != string(lab.ShipmentArrived) || arrivals != 1 {
			t.Errorf("%s: every tube of box %d is in; the box is %s with %d shipment.arrive rows, want arrived with 1", node, id, status, arrivals)
		}
	}
}
