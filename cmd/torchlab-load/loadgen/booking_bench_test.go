package loadgen_test

import (
	"testing"

	"torchlab/cmd/torchlab-load/loadgen"
	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// BenchmarkBookAppointment is the booking use case alone, HTTP aside: her
// row, the slot and the rules' facts read, the place taken, the
// appointment and its audit row written, in one transaction. Its
// allocations a booking are the same on every machine, so they show
// what a change to the path costs in Go without the load tool's noise.
// Each booking is cancelled, unmeasured, so that the seed's women last.
// On MySQL when TORCHLAB_TEST_MYSQL_DSN is set.
func BenchmarkBookAppointment(b *testing.B) {
	for _, d := range labtest.Dialects() {
		b.Run(string(d), func(b *testing.B) { benchmarkBooking(b, d) })
	}
}

func benchmarkBooking(b *testing.B, d migrations.Dialect) {
	cfg := loadgen.Config{Clients: 6000, Stations: 2, Key: labtest.Key, HistoryDays: 30, FutureDays: 60, FutureCapacity: 1000}
	db, svc, nurse := seedForBooking(b, d, cfg)
	ids := func(q string, args ...any) []int64 {
		rows, err := db.SQL.Query(q, args...)
		if err != nil {
			b.Fatal(err)
		}
		defer rows.Close()
		var out []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				b.Fatal(err)
			}
			out = append(out, id)
		}
		return out
	}
	women := ids(`SELECT c.id FROM clients c WHERE c.station_id = 1 AND c.consent_given = ? AND c.category <> 'pregnant'
		AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.client_id = c.id) ORDER BY c.id`, true)
	slots := ids("SELECT id FROM slots WHERE station_id = 1 AND capacity = 1000 ORDER BY id")
	if len(slots) == 0 || len(women) == 0 {
		b.Fatalf("seed gave %d slots ahead, %d women never booked", len(slots), len(women))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		ap, err := svc.BookAppointment(nurse, lab.NewAppointment{ClientID: women[i%len(women)], SlotID: slots[i%len(slots)]})
		if err != nil {
			b.Fatalf("booking %d: %v", i, err)
		}
		// A cancelled booking counts for nothing, so she can be booked
		// again; the cancel is not measured.
		b.StopTimer()
		if _, err := svc.Cancel(nurse, ap.ID, "benchmark"); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}
