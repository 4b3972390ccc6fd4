package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"torchlab/cmd/torchlab-load/loadgen"
	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// The yardstick books with the API's checks and writes the API's rows:
// the place, the appointment and its audit row on success, nothing on a
// refusal (a second booking of hers, no consent, a woman of another
// station, a full slot, a screening already that year), and nothing
// without a session it knows.
func TestYardstickBooksWithTheChecks(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		url := labtest.URL(t, d)
		db := labtest.OpenURL(t, url)
		ctx := context.Background()
		if _, err := loadgen.Seed(ctx, db, loadgen.Config{Clients: 400, Stations: 2, Key: labtest.Key, HistoryDays: 30}); err != nil {
			t.Fatal(err)
		}
		b, err := openBare(url, 4)
		if err != nil {
			t.Fatal(err)
		}
		defer b.db.Close()
		srv := httptest.NewServer(newYardstick(b).routes())
		defer srv.Close()

		var stations []int64
		if err := db.Gorm.Table("stations").Order("id").Pluck("id", &stations).Error; err != nil {
			t.Fatal(err)
		}
		var nurse yardstickActor
		if err := db.Gorm.Raw("SELECT id AS user_id, username, station_id FROM users WHERE role = 'nurse' AND station_id = ? ORDER BY id LIMIT 1",
			stations[0]).Scan(&nurse).Error; err != nil || nurse.UserID == 0 {
			t.Fatalf("no nurse: %v", err)
		}
		// Women never booked, not pregnant, with consent, at each station.
		pool := func(station int64) []int64 {
			var ids []int64
			if err := db.Gorm.Raw(`SELECT c.id FROM clients c WHERE c.station_id = ? AND c.consent_given = ? AND c.category <> 'pregnant'
				AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.client_id = c.id) ORDER BY c.id LIMIT 5`, station, true).Scan(&ids).Error; err != nil {
				t.Fatal(err)
			}
			if len(ids) < 3 {
				t.Fatalf("station %d: only %d women never booked", station, len(ids))
			}
			return ids
		}
		women, others := pool(stations[0]), pool(stations[1])
		var slot int64
		if err := db.Gorm.Raw("SELECT id FROM slots WHERE station_id = ? AND starts_at > ? AND booked < capacity ORDER BY starts_at LIMIT 1",
			stations[0], time.Now().Add(time.Hour).UTC()).Scan(&slot).Error; err != nil || slot == 0 {
			t.Fatalf("no slot ahead: %v", err)
		}
		count := func(query string, args ...any) (n int64) {
			t.Helper()
			if err := db.Gorm.Raw(query, args...).Scan(&n).Error; err != nil {
				t.Fatal(err)
			}
			return n
		}
		booked := func() int64 { return count("SELECT booked FROM slots WHERE id = ?", slot) }
		audits := func() int64 { return count("SELECT COUNT(*) FROM audit_log WHERE action = 'appointment.book'") }
		book := func(token string, client int64) (int, int64) {
			t.Helper()
			body, _ := json.Marshal(yardstickBooking{ClientID: client, SlotID: slot})
			req, _ := http.NewRequest("POST", srv.URL+"/book", bytes.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+token)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			var out struct {
				ID int64 `json:"id"`
			}
			json.NewDecoder(res.Body).Decode(&out)
			return res.StatusCode, out.ID
		}

		if st, _ := book("unknown", women[0]); st != http.StatusUnauthorized {
			t.Fatalf("a booking without a known session: %d", st)
		}
		sessions, _ := json.Marshal([]yardstickSession{{Token: "t1", yardstickActor: nurse}})
		if res, err := http.Post(srv.URL+"/sessions", "application/json", bytes.NewReader(sessions)); err != nil || res.StatusCode != http.StatusNoContent {
			t.Fatalf("sessions: %v %v", res, err)
		}

		slotBefore, auditBefore := booked(), audits()
		st, id := book("t1", women[0])
		if st != http.StatusCreated || id == 0 {
			t.Fatalf("booking: %d, id %d", st, id)
		}
		if n := count(`SELECT COUNT(*) FROM appointments WHERE id = ? AND client_id = ? AND slot_id = ? AND station_id = ?
			AND status = 'booked' AND kind = 'screening' AND open_client_id = client_id AND booked_by = ?`,
			id, women[0], slot, stations[0], nurse.UserID); n != 1 {
			t.Error("the appointment is not written as the API writes it")
		}
		if n := count(`SELECT COUNT(*) FROM audit_log WHERE action = 'appointment.book' AND entity = 'appointment' AND entity_id = ?
			AND actor_id = ? AND actor_username = ? AND changes LIKE ?`, fmt.Sprint(id), nurse.UserID, nurse.Username,
			fmt.Sprintf(`{"category":"%%","client_id":%d,"date":"%%","kind":"screening","slot_id":%d,"start":"%%"}`, women[0], slot)); n != 1 {
			t.Error("no audit row for the booking, with its changes")
		}
		if got := booked(); got != slotBefore+1 {
			t.Errorf("the slot counts %d, was %d", got, slotBefore)
		}

		// Refusals change nothing.
		refused := func(what string, client int64) {
			t.Helper()
			slotBefore, auditBefore := booked(), audits()
			if st, _ := book("t1", client); st != http.StatusUnprocessableEntity {
				t.Errorf("%s: %d", what, st)
			}
			if booked() != slotBefore || audits() != auditBefore {
				t.Errorf("%s: the refusal wrote", what)
			}
		}
		refused("her second open booking", women[0])
		if err := db.Gorm.Exec("UPDATE clients SET consent_given = ? WHERE id = ?", false, women[1]).Error; err != nil {
			t.Fatal(err)
		}
		refused("no consent", women[1])
		refused("a woman of another station", others[0])
		// A screening of hers already that year (the one above, done).
		if err := db.Gorm.Exec("UPDATE appointments SET status = 'closed', open_client_id = NULL WHERE id = ?", id).Error; err != nil {
			t.Fatal(err)
		}
		refused("a screening already that year", women[0])
		if err := db.Gorm.Exec("UPDATE slots SET capacity = booked WHERE id = ?", slot).Error; err != nil {
			t.Fatal(err)
		}
		refused("a full slot", women[2])
		if audits() != auditBefore+1 {
			t.Errorf("%d audit rows of bookings written, one booking made", audits()-auditBefore)
		}
	})
}

// Bookings at once, of many women into few slots, all go through and the
// slots count them: the one-round-trip booking holds under concurrency.
func TestYardstickConcurrentBookings(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		url := labtest.URL(t, d)
		db := labtest.OpenURL(t, url)
		if _, err := loadgen.Seed(context.Background(), db, loadgen.Config{Clients: 1500, Stations: 2, Key: labtest.Key, HistoryDays: 30}); err != nil {
			t.Fatal(err)
		}
		b, err := openBare(url, 8)
		if err != nil {
			t.Fatal(err)
		}
		defer b.db.Close()
		y := newYardstick(b)
		var station int64
		var nurse yardstickActor
		if err := db.Gorm.Raw("SELECT id AS user_id, username, station_id FROM users WHERE role = 'nurse' ORDER BY id LIMIT 1").Scan(&nurse).Error; err != nil {
			t.Fatal(err)
		}
		station = nurse.StationID
		var women, slots []int64
		db.Gorm.Raw(`SELECT c.id FROM clients c WHERE c.station_id = ? AND c.consent_given = ? AND c.category <> 'pregnant'
			AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.client_id = c.id) ORDER BY c.id LIMIT 80`, station, true).Scan(&women)
		db.Gorm.Raw("SELECT id FROM slots WHERE station_id = ? AND starts_at > ? AND booked + 40 <= capacity ORDER BY starts_at LIMIT 3",
			station, time.Now().Add(time.Hour).UTC()).Scan(&slots)
		if len(women) < 40 || len(slots) < 3 {
			t.Fatalf("%d women, %d slots", len(women), len(slots))
		}
		var before int64
		db.Gorm.Raw("SELECT SUM(booked) FROM slots WHERE id IN ?", slots).Scan(&before)
		errs := make(chan error, len(women))
		var wg sync.WaitGroup
		for i, c := range women {
			wg.Add(1)
			go func() {
				defer wg.Done()
				err := lab.RetryLockConflicts(func() error {
					id, err := y.bookOnce(context.Background(), nurse, yardstickBooking{ClientID: c, SlotID: slots[i%3]}, "127.0.0.1", fmt.Sprint(i))
					if err == nil && id == 0 {
						err = fmt.Errorf("woman %d refused", c)
					}
					return err
				})
				errs <- err
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Error(err)
			}
		}
		var after int64
		db.Gorm.Raw("SELECT SUM(booked) FROM slots WHERE id IN ?", slots).Scan(&after)
		if after-before != int64(len(women)) {
			t.Errorf("%d bookings, the slots count %d more", len(women), after-before)
		}
	})
}
