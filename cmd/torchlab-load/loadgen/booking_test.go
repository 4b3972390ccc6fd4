package loadgen_test

import (
	"context"
	"testing"

	"torchlab/cmd/torchlab-load/loadgen"
	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// Booking reads the client and the slot in one query; each way it can
// refuse keeps its code.
func TestBookingRefusalsOnSeededProgramme(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		db, svc, nurse := seedForBooking(t, d, loadgen.Config{Clients: 200, Stations: 2, Key: labtest.Key, HistoryDays: 30})
		pick := func(q string, args ...any) int64 {
			t.Helper()
			var id int64
			if err := db.SQL.QueryRow(q, args...).Scan(&id); err != nil {
				t.Fatal(err)
			}
			return id
		}
		free := `SELECT c.id FROM clients c WHERE c.station_id = ? AND c.consent_given = ? AND c.category <> 'pregnant'
			AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.client_id = c.id) ORDER BY c.id LIMIT 1`
		mine, theirs := pick(free, 1, true), pick(free, 2, true)
		aheadMine := pick("SELECT id FROM slots WHERE station_id = 1 AND capacity = 40 ORDER BY id LIMIT 1")
		aheadTheirs := pick("SELECT id FROM slots WHERE station_id = 2 AND capacity = 40 ORDER BY id LIMIT 1")
		for _, tc := range []struct {
			name         string
			client, slot int64
			code         lab.Code
		}{
			{"no such client", 99_999_999, aheadMine, lab.CodeNotFound},
			{"client of another station", theirs, aheadTheirs, lab.CodeNotFound},
			{"no such slot", mine, 99_999_999, lab.CodeNotFound},
			{"slot of another station", mine, aheadTheirs, lab.CodeValidation},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := svc.BookAppointment(nurse, lab.NewAppointment{ClientID: tc.client, SlotID: tc.slot})
				if lab.ErrorCode(err) != tc.code {
					t.Fatalf("got %v, want %s", err, tc.code)
				}
			})
		}
		t.Run("booked", func(t *testing.T) {
			ap, err := svc.BookAppointment(nurse, lab.NewAppointment{ClientID: mine, SlotID: aheadMine})
			if err != nil || ap.SlotID != aheadMine || ap.Start == "" || ap.Day == "" {
				t.Fatalf("%+v %v", ap, err)
			}
			_, err = svc.BookAppointment(nurse, lab.NewAppointment{ClientID: mine, SlotID: aheadMine})
			if lab.ErrorCode(err) != lab.CodeOpenAppointment {
				t.Fatalf("second booking: %v", err)
			}
		})
	})
}

// seedForBooking seeds a programme of cfg and returns its database, a
// service on it and the first nurse of station 1, signed in.
func seedForBooking(t testing.TB, d migrations.Dialect, cfg loadgen.Config) (*lab.DB, *lab.Service, context.Context) {
	t.Helper()
	p := seedWith(t, d, cfg)
	var nurseID int64
	if err := p.db.SQL.QueryRow("SELECT id FROM users WHERE username = ?", loadgen.NurseName(1, 1)).Scan(&nurseID); err != nil {
		t.Fatal(err)
	}
	one := int64(1)
	nurse := lab.WithActor(context.Background(), lab.Actor{UserID: nurseID, Username: loadgen.NurseName(1, 1), Role: lab.RoleNurse,
		StationID: &one, IP: "127.0.0.1", RequestID: "test"})
	return p.db, p.svc, nurse
}
