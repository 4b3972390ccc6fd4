package lab_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// tickingClock moves one second forward every time it is read, so that
// two reads of it within one transaction would show.
func tickingClock(start time.Time) lab.Clock {
	var mu sync.Mutex
	now := start.UTC().Truncate(time.Second)
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		now = now.Add(time.Second)
		return now
	}
}

// A change, its audit row and its updated_at carry the one time of their
// transaction (txDB.now), however the clock moves while it runs: here a
// station, an analyser with its user, and a range of slots (made one by
// one in Go) each agree with their audit row.
func TestAuditTimeIsTheTransactions(t *testing.T) {
	t.Parallel()
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		db := labtest.Open(t, d)
		svc := lab.NewService(db, lab.Options{Key: labtest.Key, Clock: tickingClock(time.Now())})
		admin := lab.WithActor(context.Background(), lab.Actor{UserID: 1, Username: "admin", Role: lab.RoleAdmin})
		auditAt := func(action string) time.Time {
			t.Helper()
			var at []time.Time
			if err := db.Gorm.Table("audit_log").Where("action = ?", action).Pluck("at", &at).Error; err != nil || len(at) != 1 {
				t.Fatalf("audit rows of %s: %v %v", action, at, err)
			}
			return at[0].UTC()
		}
		same := func(what string, got, want time.Time) {
			t.Helper()
			if !got.UTC().Equal(want) {
				t.Errorf("%s at %s, its audit row at %s", what, got.UTC(), want)
			}
		}

		st, err := svc.CreateStation(admin, lab.NewStation{Code: "TXT", Name: "Tx time", Timezone: "Asia/Shanghai"})
		if err != nil {
			t.Fatal(err)
		}
		var stored lab.Station
		if err := db.Gorm.First(&stored, st.ID).Error; err != nil {
			t.Fatal(err)
		}
		at := auditAt("station.create")
		same("station created", stored.CreatedAt, at)
		same("station updated", stored.UpdatedAt, at)

		an, err := svc.CreateAnalyser(admin, lab.NewAnalyser{Name: "A", Protocol: lab.ProtocolHL7, SenderID: "A", CodeMap: torch8Codes})
		if err != nil {
			t.Fatal(err)
		}
		var times struct{ AnCreated, AnUpdated, UserCreated time.Time }
		if err := db.Gorm.Raw(`SELECT analysers.created_at AS an_created, analysers.updated_at AS an_updated, users.created_at AS user_created
			FROM analysers JOIN users ON users.id = analysers.user_id WHERE analysers.id = ?`, an.ID).Scan(&times).Error; err != nil {
			t.Fatal(err)
		}
		at = auditAt("analyser.create")
		same("analyser created", times.AnCreated, at)
		same("analyser updated", times.AnUpdated, at)
		same("analyser's user created", times.UserCreated, at)

		today := lab.Today(svc.Now(), st.Location())
		batch, err := svc.CreateSlots(admin, st.ID, lab.SlotRange{From: string(today.AddDays(1)), To: string(today.AddDays(3)),
			Weekdays: []int{1, 2, 3, 4, 5, 6, 7}, Times: []string{"09:00", "10:00"}, Capacity: 2})
		if err != nil {
			t.Fatal(err)
		}
		if batch.Total != 6 {
			t.Fatalf("made %d slots, want 6", batch.Total)
		}
		var created []time.Time
		if err := db.Gorm.Table("slots").Where("station_id = ?", st.ID).Pluck("created_at", &created).Error; err != nil {
			t.Fatal(err)
		}
		at = auditAt("slot.create_range")
		for _, c := range created {
			same("slot created", c, at)
		}
	})
}
