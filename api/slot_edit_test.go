package api_test

import (
	"net/http"
	"testing"

	"torchlab/lab"
)

// The test clock starts on Monday 2026-03-02 at 09:00 in Shanghai.

func TestSlotEdit(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		nurseB := e.signIn("nurse.b", lab.RoleNurse, e.stationB)
		counselor := e.signIn("counselor.a", lab.RoleCounselor, e.stationA)
		sl := e.slot(nurse, e.stationA, "2026-03-03", "08:30", 2)
		slotPath := path("/api/v1/slots/%d", sl.ID)
		for i := 1; i <= 2; i++ {
			if _, p := e.book(nurse, e.register(nurse, clientBody(40+i)), sl.ID); p != nil {
				t.Fatalf("booking %d: %+v", i, p)
			}
		}
		capacity := func() int {
			var got lab.Slot
			if err := e.db.Gorm.First(&got, sl.ID).Error; err != nil {
				t.Fatal(err)
			}
			return got.Capacity
		}

		t.Run("capacity", func(t *testing.T) {
			before := e.auditCount("slot.update")
			expectProblem(t, e.do("PATCH", slotPath, nurse, map[string]any{"capacity": 1}), http.StatusConflict, "capacity_below_booked")
			expectProblem(t, e.do("PATCH", slotPath, nurse, map[string]any{"capacity": 0}), http.StatusUnprocessableEntity, "validation")
			expectProblem(t, e.do("PATCH", slotPath, nurse, map[string]any{}), http.StatusUnprocessableEntity, "validation")
			expectProblem(t, e.do("PATCH", slotPath, nurseB, map[string]any{"capacity": 5}), http.StatusNotFound, "not_found")
			expectProblem(t, e.do("PATCH", slotPath, counselor, map[string]any{"capacity": 5}), http.StatusForbidden, "forbidden")
			if capacity() != 2 || e.auditCount("slot.update") != before {
				t.Fatalf("a refused change changed something: capacity %d, audit %d → %d", capacity(), before, e.auditCount("slot.update"))
			}
			// Equal to the places booked is allowed (and changes nothing).
			expectStatus(t, e.do("PATCH", slotPath, nurse, map[string]any{"capacity": 2}), http.StatusOK)
			if e.auditCount("slot.update") != before {
				t.Fatal("an unchanged capacity was audited")
			}
			res := e.do("PATCH", slotPath, nurse, map[string]any{"capacity": 3})
			expectStatus(t, res, http.StatusOK)
			var got lab.Slot
			decode(t, res, &got)
			if got.Capacity != 3 || got.Booked != 2 || capacity() != 3 || e.auditCount("slot.update") != before+1 {
				t.Fatalf("capacity 3: %+v, audit %d", got, e.auditCount("slot.update"))
			}
			// Back down to exactly the places booked.
			expectStatus(t, e.do("PATCH", slotPath, nurse, map[string]any{"capacity": 2}), http.StatusOK)
			if capacity() != 2 {
				t.Fatalf("capacity = %d, want 2", capacity())
			}
		})

		t.Run("close and reopen", func(t *testing.T) {
			open := e.slot(nurse, e.stationA, "2026-03-04", "09:00", 5)
			p := path("/api/v1/slots/%d", open.ID)
			res := e.do("PATCH", p, nurse, map[string]any{"closed": true})
			expectStatus(t, res, http.StatusOK)
			var got lab.Slot
			decode(t, res, &got)
			if !got.Closed {
				t.Fatalf("closed slot = %+v", got)
			}
			woman := e.register(nurse, clientBody(50))
			_, refused := e.book(nurse, woman, open.ID)
			mustCode(t, refused, http.StatusConflict, "slot_closed")
			if e.slotBooked(open.ID) != 0 {
				t.Fatal("a closed slot took a place")
			}
			expectStatus(t, e.do("PATCH", p, nurse, map[string]any{"closed": false}), http.StatusOK)
			if _, refused := e.book(nurse, woman, open.ID); refused != nil {
				t.Fatalf("a reopened slot refused: %+v", refused)
			}
		})

		t.Run("delete", func(t *testing.T) {
			before := e.auditCount("slot.delete")
			expectProblem(t, e.do("DELETE", slotPath, nurse, nil), http.StatusConflict, "slot_in_use")

			// One booking, then cancelled: the slot keeps its history.
			one := e.slot(nurse, e.stationA, "2026-03-05", "09:00", 5)
			ap, refused := e.book(nurse, e.register(nurse, clientBody(51)), one.ID)
			if refused != nil {
				t.Fatal(refused)
			}
			expectProblem(t, e.do("DELETE", path("/api/v1/slots/%d", one.ID), nurse, nil), http.StatusConflict, "slot_in_use")
			expectStatus(t, e.do("POST", path("/api/v1/appointments/%d/cancel", ap.ID), nurse, map[string]any{"reason": "she called"}), http.StatusOK)
			expectProblem(t, e.do("DELETE", path("/api/v1/slots/%d", one.ID), nurse, nil), http.StatusConflict, "slot_in_use")

			empty := e.slot(nurse, e.stationA, "2026-03-06", "09:00", 5)
			emptyPath := path("/api/v1/slots/%d", empty.ID)
			expectProblem(t, e.do("DELETE", emptyPath, nurseB, nil), http.StatusNotFound, "not_found")
			expectProblem(t, e.do("DELETE", emptyPath, counselor, nil), http.StatusForbidden, "forbidden")
			if e.auditCount("slot.delete") != before {
				t.Fatal("a refused delete was audited")
			}
			expectStatus(t, e.do("DELETE", emptyPath, nurse, nil), http.StatusNoContent)
			var n int64
			e.db.Gorm.Model(&lab.Slot{}).Where("id = ?", empty.ID).Count(&n)
			if n != 0 || e.auditCount("slot.delete") != before+1 {
				t.Fatalf("after delete: %d rows, audit %d", n, e.auditCount("slot.delete"))
			}
			expectProblem(t, e.do("DELETE", emptyPath, nurse, nil), http.StatusNotFound, "not_found")
			// The time is free again.
			e.slot(nurse, e.stationA, "2026-03-06", "09:00", 5)
		})

		t.Run("a duplicate time says so", func(t *testing.T) {
			p := expectProblem(t, e.do("POST", path("/api/v1/stations/%d/slots", e.stationA), nurse,
				map[string]any{"date": "2026-03-03", "start": "08:30", "capacity": 3}), http.StatusConflict, "slot_exists")
			if !p.hasField("start", "taken") {
				t.Fatalf("problem = %+v", p)
			}
		})
	})
}
