package api_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// The test clock starts on Monday 2026-03-02 at 09:00 in Shanghai.

func TestSlots(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurseA := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		nurseB := e.signIn("nurse.b", lab.RoleNurse, e.stationB)
		slots := path("/api/v1/stations/%d/slots", e.stationA)

		sl := e.slot(nurseA, e.stationA, "2026-03-03", "08:30", 5)
		if sl.Capacity != 5 || sl.Booked != 0 || sl.Day != "2026-03-03" || sl.StartTime != "08:30" ||
			!sl.StartsAt.Equal(time.Date(2026, 3, 3, 0, 30, 0, 0, time.UTC)) {
			t.Fatalf("slot = %+v (08:30 in Shanghai is 00:30 UTC)", sl)
		}

		tests := []struct {
			name   string
			token  string
			path   string
			body   map[string]any
			status int
			code   string
		}{
			{"the same time twice", nurseA, slots, map[string]any{"date": "2026-03-03", "start": "08:30", "capacity": 3}, 409, "slot_exists"},
			{"already started", nurseA, slots, map[string]any{"date": "2026-03-02", "start": "08:59", "capacity": 3}, 422, "slot_in_past"},
			{"capacity 0", nurseA, slots, map[string]any{"date": "2026-03-04", "start": "08:30", "capacity": 0}, 422, "validation"},
			{"capacity over 100,000", nurseA, slots, map[string]any{"date": "2026-03-04", "start": "08:30", "capacity": 100001}, 422, "validation"},
			{"not a time", nurseA, slots, map[string]any{"date": "2026-03-04", "start": "8.30", "capacity": 3}, 422, "validation"},
			{"another station's", nurseB, slots, map[string]any{"date": "2026-03-04", "start": "08:30", "capacity": 3}, 404, "not_found"},
			{"a range starting yesterday", nurseA, slots, map[string]any{"from": "2026-03-01", "to": "2026-03-05", "weekdays": []int{1}, "times": []string{"08:00"}, "capacity": 3}, 422, "slot_in_past"},
			{"a range with weekday 8", nurseA, slots, map[string]any{"from": "2026-03-02", "to": "2026-03-05", "weekdays": []int{8}, "times": []string{"08:00"}, "capacity": 3}, 422, "validation"},
			{"one slot and a range at once", nurseA, slots, map[string]any{"date": "2026-03-04", "start": "08:00", "from": "2026-03-02", "to": "2026-03-05", "weekdays": []int{1}, "times": []string{"08:00"}, "capacity": 3}, 422, "validation"},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				expectProblem(t, e.do("POST", tc.path, tc.token, tc.body), tc.status, tc.code)
			})
		}

		t.Run("a range", func(t *testing.T) {
			body := map[string]any{"from": "2026-03-02", "to": "2026-03-08", "weekdays": []int{1, 3, 5}, "times": []string{"08:00", "14:00"}, "capacity": 20}
			res := e.do("POST", slots, nurseA, body)
			expectStatus(t, res, http.StatusCreated)
			var batch lab.SlotBatch
			decode(t, res, &batch)
			// Monday 08:00 has passed (it is 09:00): 5 made, 1 skipped.
			if batch.Total != 5 || batch.Skipped != 1 || batch.Items[0].Day != "2026-03-02" || batch.Items[0].StartTime != "14:00" {
				t.Fatalf("batch = %+v", batch)
			}
			res = e.do("POST", slots, nurseA, body)
			decode(t, res, &batch)
			if batch.Total != 0 || batch.Skipped != 6 {
				t.Fatalf("the same range again = %+v", batch)
			}
		})

		t.Run("list", func(t *testing.T) {
			res := e.do("GET", slots+"?from=2026-03-02&to=2026-03-04", nurseA, nil)
			expectStatus(t, res, http.StatusOK)
			var list struct{ Items []lab.Slot }
			decode(t, res, &list)
			if len(list.Items) != 4 || list.Items[0].Day != "2026-03-02" || list.Items[1].StartTime != "08:30" || list.Items[3].StartTime != "14:00" {
				t.Fatalf("slots = %+v", list.Items)
			}
			expectProblem(t, e.do("GET", slots, nurseB, nil), http.StatusNotFound, "not_found")
			expectProblem(t, e.do("GET", slots+"?from=2026-03-02&to=2026-09-01", nurseA, nil), http.StatusUnprocessableEntity, "validation")
		})
	})
}

func TestBookingRules(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		nurseB := e.signIn("nurse.b", lab.RoleNurse, e.stationB)
		tomorrow := e.slot(nurse, e.stationA, "2026-03-03", "08:30", 5)
		later := e.slot(nurse, e.stationA, "2026-03-10", "08:30", 5)
		nextYear := e.slot(nurse, e.stationA, "2027-01-05", "08:30", 5)
		slotB := e.slot(nurseB, e.stationB, "2026-03-03", "08:30", 5)

		t.Run("booked, with her category copied", func(t *testing.T) {
			c := e.register(nurse, clientBody(1, with("category", "pregnant"), with("lmp_date", "2026-01-10")))
			ap, p := e.book(nurse, c, tomorrow.ID)
			if p != nil {
				t.Fatalf("refused: %+v", p)
			}
			if ap.Status != lab.Booked || ap.Category != lab.Pregnant || ap.LMPDate == nil || *ap.LMPDate != "2026-01-10" ||
				ap.Day != "2026-03-03" || ap.Start != "08:30" || ap.Kind != lab.KindScreening {
				t.Fatalf("appointment = %+v", ap)
			}
			if e.slotBooked(tomorrow.ID) != 1 || e.auditCount("appointment.book") != 1 {
				t.Fatal("the slot count or the audit row is missing")
			}
			// Her record changing later does not change the appointment's copy.
			e.do("PATCH", path("/api/v1/clients/%d", c), nurse, map[string]any{"category": "planning"})
			var got lab.Appointment
			decode(t, e.do("GET", path("/api/v1/appointments/%d", ap.ID), nurse, nil), &got)
			if got.Category != lab.Pregnant {
				t.Fatalf("the copy changed: %+v", got)
			}
			_, p = e.book(nurse, c, later.ID)
			mustCode(t, p, 409, "open_appointment_exists")
		})

		t.Run("no consent", func(t *testing.T) {
			body := clientBody(2)
			delete(body, "consent")
			_, p := e.book(nurse, e.register(nurse, body), tomorrow.ID)
			mustCode(t, p, 422, "no_consent")
		})

		t.Run("too far into pregnancy", func(t *testing.T) {
			// LMP 2025-12-01: on 2026-03-10 she is 14 weeks 1 day.
			c := e.register(nurse, clientBody(3, with("category", "pregnant"), with("lmp_date", "2025-12-01")))
			_, p := e.book(nurse, c, later.ID)
			mustCode(t, p, 422, "gestation_too_late")
			if p.Detail == "" {
				t.Fatal("the refusal does not say why in words")
			}
			// On 2026-03-03 she is 13 weeks 1 day: allowed.
			if _, p := e.book(nurse, c, tomorrow.ID); p != nil {
				t.Fatalf("refused at 13 weeks: %+v", p)
			}
		})

		t.Run("one free screening a year", func(t *testing.T) {
			c := e.register(nurse, clientBody(4))
			ap, _ := e.book(nurse, c, tomorrow.ID)
			// Cancelled bookings do not count.
			expectStatus(t, e.do("POST", path("/api/v1/appointments/%d/cancel", ap.ID), nurse, map[string]any{"reason": "she called"}), http.StatusOK)
			ap, p := e.book(nurse, c, tomorrow.ID)
			if p != nil {
				t.Fatalf("refused after a cancellation: %+v", p)
			}
			// A screening she attended counts.
			e.db.Gorm.Model(&lab.Appointment{}).Where("id = ?", ap.ID).Updates(map[string]any{"status": lab.Collected, "open_client_id": nil})
			_, p = e.book(nurse, c, later.ID)
			mustCode(t, p, 422, "already_screened")
			if _, p := e.book(nurse, c, nextYear.ID); p != nil {
				t.Fatalf("refused next year: %+v", p)
			}
		})

		t.Run("a slot at another station", func(t *testing.T) {
			_, p := e.book(nurse, e.register(nurse, clientBody(5)), slotB.ID)
			mustCode(t, p, 422, "validation")
		})

		t.Run("another station's client", func(t *testing.T) {
			_, p := e.book(nurseB, e.register(nurse, clientBody(6)), slotB.ID)
			mustCode(t, p, 404, "not_found")
		})

		t.Run("full", func(t *testing.T) {
			one := e.slot(nurse, e.stationA, "2026-03-04", "10:00", 1)
			e.book(nurse, e.register(nurse, clientBody(7)), one.ID)
			_, p := e.book(nurse, e.register(nurse, clientBody(8)), one.ID)
			mustCode(t, p, 409, "slot_full")
		})

		t.Run("unknown recollection", func(t *testing.T) {
			res := e.do("POST", "/api/v1/appointments", nurse, map[string]any{"client_id": e.register(nurse, clientBody(9)), "slot_id": later.ID, "recollection_id": 77})
			p := expectProblem(t, res, http.StatusUnprocessableEntity, "validation")
			if !p.hasField("recollection_id", "not_found") {
				t.Fatalf("errors = %+v", p.Errors)
			}
		})

		t.Run("started", func(t *testing.T) {
			c := e.register(nurse, clientBody(10))
			soon := e.slot(nurse, e.stationA, "2026-03-02", "09:30", 5)
			e.clock.Advance(31 * time.Minute)
			_, p := e.book(nurse, c, soon.ID)
			mustCode(t, p, 422, "slot_in_past")
		})
	})
}

func TestAppointmentMoves(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		nurseB := e.signIn("nurse.b", lab.RoleNurse, e.stationB)
		today := e.slot(nurse, e.stationA, "2026-03-02", "10:00", 5)
		tomorrow := e.slot(nurse, e.stationA, "2026-03-03", "10:00", 5)
		ap, _ := e.book(nurse, e.register(nurse, clientBody(1)), tomorrow.ID)
		appt := path("/api/v1/appointments/%d", ap.ID)

		expectProblem(t, e.do("POST", appt+"/check-in", nurse, nil), http.StatusConflict, "too_early")
		expectProblem(t, e.do("POST", appt+"/no-show", nurse, nil), http.StatusConflict, "too_early")
		expectProblem(t, e.do("POST", appt+"/check-in", nurseB, nil), http.StatusNotFound, "not_found")
		expectProblem(t, e.do("GET", appt, nurseB, nil), http.StatusNotFound, "not_found")

		// Reschedule to today, then check in.
		res := e.do("POST", appt+"/reschedule", nurse, map[string]any{"slot_id": today.ID})
		expectStatus(t, res, http.StatusOK)
		if e.slotBooked(today.ID) != 1 || e.slotBooked(tomorrow.ID) != 0 || e.auditCount("appointment.reschedule") != 1 {
			t.Fatal("the reschedule did not move the place")
		}
		res = e.do("POST", appt+"/check-in", nurse, nil)
		expectStatus(t, res, http.StatusOK)
		var got lab.Appointment
		decode(t, res, &got)
		if got.Status != lab.CheckedIn || got.CheckedInAt == nil {
			t.Fatalf("appointment = %+v", got)
		}
		p := expectProblem(t, e.do("POST", appt+"/check-in", nurse, nil), http.StatusConflict, "invalid_state")
		_ = p
		var body map[string]any
		decode(t, e.do("POST", appt+"/reschedule", nurse, map[string]any{"slot_id": tomorrow.ID}), &body)
		if body["code"] != "invalid_state" || body["current_state"] != "checked_in" {
			t.Fatalf("reschedule of a checked-in appointment = %v", body)
		}
		expectProblem(t, e.do("POST", appt+"/no-show", nurse, nil), http.StatusConflict, "invalid_state")
		expectStatus(t, e.do("POST", appt+"/cancel", nurse, nil), http.StatusOK)
		if e.slotBooked(today.ID) != 0 {
			t.Fatal("a cancellation did not give the place back")
		}
		expectProblem(t, e.do("POST", appt+"/cancel", nurse, nil), http.StatusConflict, "invalid_state")

		t.Run("no-show by hand after the start", func(t *testing.T) {
			ap, _ := e.book(nurse, e.register(nurse, clientBody(2)), today.ID)
			e.clock.Advance(time.Hour + time.Minute) // 10:01
			expectStatus(t, e.do("POST", path("/api/v1/appointments/%d/no-show", ap.ID), nurse, nil), http.StatusOK)
			_, p := e.book(nurse, e.register(nurse, clientBody(3)), today.ID)
			mustCode(t, p, 422, "slot_in_past")
		})
	})
}

func TestDayList(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		nurseB := e.signIn("nurse.b", lab.RoleNurse, e.stationB)
		late := e.slot(nurse, e.stationA, "2026-03-03", "14:00", 5)
		early := e.slot(nurse, e.stationA, "2026-03-03", "08:00", 5)
		e.book(nurse, e.register(nurse, clientBody(1, with("name", "下午"))), late.ID)
		e.book(nurse, e.register(nurse, clientBody(2, with("name", "上午"), with("category", "pregnant"), with("lmp_date", "2026-01-01"))), early.ID)

		res := e.do("GET", "/api/v1/appointments?date=2026-03-03", nurse, nil)
		expectStatus(t, res, http.StatusOK)
		var list struct {
			Items []lab.DayListEntry
			Total int
		}
		decode(t, res, &list)
		if list.Total != 2 || list.Items[0].ClientName != "上午" || list.Items[0].Start != "08:00" ||
			list.Items[0].GestationalAge == nil || *list.Items[0].GestationalAge != (lab.GestationalAge{Weeks: 8, Days: 5}) ||
			list.Items[1].GestationalAge != nil || list.Items[0].NationalID == womanID(2) || list.Items[0].NationalID == "" {
			t.Fatalf("day list = %+v", list)
		}
		decode(t, e.do("GET", "/api/v1/appointments", nurse, nil), &list)
		if list.Total != 0 {
			t.Fatalf("today's list has tomorrow's appointments: %+v", list)
		}
		decode(t, e.do("GET", "/api/v1/appointments?date=2026-03-03", nurseB, nil), &list)
		if list.Total != 0 {
			t.Fatalf("station B sees station A's day: %+v", list)
		}
		expectProblem(t, e.do("GET", path("/api/v1/appointments?station_id=%d", e.stationA), nurseB, nil), http.StatusNotFound, "not_found")
		expectProblem(t, e.do("GET", "/api/v1/appointments?status=lost", nurse, nil), http.StatusUnprocessableEntity, "validation")
	})
}

// 50 nurses book 50 women into a slot of 5 at the same moment: exactly 5
// succeed, 45 hear slot_full, and the slot shows 5 booked.
func TestConcurrentBookingNeverOverbooks(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		sl := e.slot(nurse, e.stationA, "2026-03-03", "08:30", 5)
		clients := make([]int64, 50)
		for i := range clients {
			clients[i] = e.register(nurse, clientBody(100+i))
		}
		codes := make([]string, len(clients))
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i, c := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				res := e.do("POST", "/api/v1/appointments", nurse, map[string]any{"client_id": c, "slot_id": sl.ID})
				if res.Code == http.StatusCreated {
					codes[i] = "created"
					return
				}
				var p problem
				decode(t, res, &p)
				codes[i] = p.Code
			}()
		}
		close(start)
		wg.Wait()
		count := map[string]int{}
		for _, c := range codes {
			count[c]++
		}
		var rows int64
		e.db.Gorm.Model(&lab.Appointment{}).Where("slot_id = ?", sl.ID).Count(&rows)
		if count["created"] != 5 || count["slot_full"] != 45 || e.slotBooked(sl.ID) != 5 || rows != 5 || e.auditCount("appointment.book") != 5 {
			t.Fatalf("outcomes %v, slot booked %d, %d appointments", count, e.slotBooked(sl.ID), rows)
		}
	})
}

// At the end of the slot's day the bookings left become no-shows, each
// once, even with two torchlab processes running the job at once.
func TestNoShowJobAcrossProcesses(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		e := newEnv(t, d)
		nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
		sl := e.slot(nurse, e.stationA, "2026-03-02", "15:00", 50)
		next := e.slot(nurse, e.stationA, "2026-03-03", "08:00", 50)
		var ids []int64
		for i := 0; i < 12; i++ {
			ap, _ := e.book(nurse, e.register(nurse, clientBody(i)), sl.ID)
			ids = append(ids, ap.ID)
		}
		tomorrowAp, _ := e.book(nurse, e.register(nurse, clientBody(40)), next.ID)
		e.clock.Advance(10 * time.Hour) // 19:00: the day is not over yet
		if n, err := e.svc.MarkNoShows(context.Background()); err != nil || n != 0 {
			t.Fatalf("before midnight: marked %d, %v", n, err)
		}
		e.clock.Advance(6 * time.Hour) // 01:00 the next day at the station

		// A second process: its own pool on the same database.
		marked := atOnce(t, []*lab.Service{e.svc, e.secondProcess()}, func(svc *lab.Service) (int, error) {
			return svc.MarkNoShows(context.Background())
		})
		if marked[0]+marked[1] != 12 || e.auditCount("appointment.no_show") != 12 {
			t.Fatalf("marked %v, audit rows %d; want 12 in all", marked, e.auditCount("appointment.no_show"))
		}
		var st lab.Appointment
		e.db.Gorm.First(&st, tomorrowAp.ID)
		if st.Status != lab.Booked {
			t.Fatalf("tomorrow's booking was marked: %s", st.Status)
		}
		var first lab.Appointment
		e.db.Gorm.First(&first, ids[0])
		if st := first; st.Status != lab.NoShow || st.OpenClientID != nil {
			t.Fatalf("today's booking = %+v", st)
		}
	})
}
