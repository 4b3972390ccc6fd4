package lab_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// Several processes starting together on an empty database make exactly
// one admin. Each "process" here has its own pool on the same database.
func TestInitialAdminIsMadeOnceUnderConcurrentStarts(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		url := labtest.URL(t, d)
		const processes = 4
		var dbs []*lab.DB
		for i := 0; i < processes; i++ {
			db, err := lab.OpenDatabase(url, lab.DefaultPool)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			dbs = append(dbs, db)
		}
		if _, err := migrations.Up(t.Context(), dbs[0].SQL, d, nil); err != nil {
			t.Fatal(err)
		}
		passwords := make([]string, processes)
		errs := make([]error, processes)
		var wg sync.WaitGroup
		for i, db := range dbs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				svc := lab.NewService(db, lab.Options{BcryptCost: bcrypt.MinCost})
				passwords[i], errs[i] = svc.EnsureInitialAdmin(context.Background())
			}()
		}
		wg.Wait()
		made := 0
		for i := range dbs {
			if errs[i] != nil {
				t.Fatalf("process %d: %v", i, errs[i])
			}
			if passwords[i] != "" {
				made++
			}
		}
		var admins int64
		dbs[0].Gorm.Model(&lab.User{}).Count(&admins)
		if made != 1 || admins != 1 {
			t.Fatalf("%d processes printed a password, %d users exist; want 1 and 1", made, admins)
		}
	})
}

// Two admins demoting each other at the same moment: one succeeds, the
// other is told she is the last admin; never both.
func TestLastAdminUnderConcurrentDemotion(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		db := labtest.Open(t, d)
		svc := lab.NewService(db, lab.Options{BcryptCost: bcrypt.MinCost})
		ctx := lab.SystemContext(context.Background(), "(test)")
		var ids [2]int64
		for i, name := range []string{"boss1", "boss2"} {
			u, err := svc.CreateUser(ctx, lab.NewUser{Username: name, Password: "long enough", Role: lab.RoleAdmin})
			if err != nil {
				t.Fatal(err)
			}
			ids[i] = u.ID
		}
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				off := false
				_, errs[i] = svc.UpdateUser(ctx, ids[i], lab.UserPatch{Active: &off})
			}()
		}
		wg.Wait()
		ok, last := 0, 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case lab.ErrorCode(err) == lab.CodeLastAdmin:
				last++
			default:
				t.Fatalf("unexpected error: %v", err)
			}
		}
		var active int64
		db.Gorm.Model(&lab.User{}).Where("role = ? AND active = ?", lab.RoleAdmin, true).Count(&active)
		if ok != 1 || last != 1 || active != 1 {
			t.Fatalf("ok %d, last_admin %d, active admins %d; want 1, 1, 1 (errors %v)", ok, last, active, errs)
		}
	})
}

// The last two tubes of a dispatched box reach the lab at the same moment,
// each handled by a technician of her own (received, rejected on arrival,
// or scanned out of the box): the box is then complete, so exactly one of
// them closes it as arrived, with one audit row. They queue on the box's
// row lock rather than deadlock: no transaction is run again.
func TestLastTubesOfABoxInAtOnceCloseIt(t *testing.T) {
	receive := func(ctx context.Context, svc *lab.Service, _ int64, code string) error {
		_, _, err := svc.ReceiveSample(ctx, code)
		return err
	}
	reject := func(ctx context.Context, svc *lab.Service, _ int64, code string) error {
		_, err := svc.RejectSample(ctx, code, lab.RejectHemolyzed, "")
		return err
	}
	scan := func(ctx context.Context, svc *lab.Service, box int64, code string) error {
		_, err := svc.ScanShipment(ctx, box, code)
		return err
	}
	pairs := []struct {
		name string
		a, b tubeIn
	}{
		{"receive+receive", receive, receive},
		{"receive+reject", receive, reject},
		{"reject+reject", reject, reject},
		{"scan+scan", scan, scan},
		{"scan+receive", scan, receive},
		{"scan+reject", scan, reject},
	}
	const rounds, tubes = 8, 3
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		db := labtest.Open(t, d)
		svc := lab.NewService(db, lab.Options{BcryptCost: bcrypt.MinCost})
		ctx := lab.SystemContext(context.Background(), "(test)")
		codes := labtest.ReceivedSamples(t, db, "BOX", len(pairs)*rounds*tubes)
		if err := db.Gorm.Model(&lab.Sample{}).Where("1 = 1").
			Updates(map[string]any{"status": lab.SampleCollected, "received_at": nil}).Error; err != nil {
			t.Fatal(err)
		}
		for _, p := range pairs {
			t.Run(p.name, func(t *testing.T) {
				conflicts, _ := lab.RetryCounts()
				for r := 0; r < rounds; r++ {
					box := dispatchedBox(ctx, t, svc, codes[:tubes])
					codes = codes[tubes:]
					status, arrivals := lastTwoInAtOnce(ctx, t, db, svc, box, p.a, p.b)
					if status != lab.ShipmentArrived || arrivals != 1 {
						t.Errorf("round %d: every tube of box %d is in, the box is %s with %d shipment.arrive rows; want arrived with 1",
							r, box.ID, status, arrivals)
					}
				}
				if c, _ := lab.RetryCounts(); c != conflicts {
					t.Errorf("%d transactions were run again for lock conflicts; want none", c-conflicts)
				}
			})
		}
	})
}

// tubeIn is a technician's way of taking a tube of a box in at the lab.
type tubeIn func(ctx context.Context, svc *lab.Service, box int64, code string) error

// dispatchedBox packs the tubes into a box and dispatches it.
func dispatchedBox(ctx context.Context, t *testing.T, svc *lab.Service, codes []string) *lab.ShipmentDetail {
	t.Helper()
	sh, err := svc.CreateShipment(ctx, codes)
	if err != nil {
		t.Fatal(err)
	}
	if sh, err = svc.DispatchShipment(ctx, sh.ID); err != nil {
		t.Fatal(err)
	}
	return sh
}

// lastTwoInAtOnce receives the box's tubes but the last two, then takes
// those in by a and b at once, and returns the box's status and its
// shipment.arrive audit rows.
func lastTwoInAtOnce(ctx context.Context, t *testing.T, db *lab.DB, svc *lab.Service, box *lab.ShipmentDetail, a, b tubeIn) (lab.ShipmentStatus, int64) {
	t.Helper()
	last := len(box.Items) - 2
	for _, it := range box.Items[:last] {
		if _, _, err := svc.ReceiveSample(ctx, it.Accession); err != nil {
			t.Fatal(err)
		}
	}
	start := make(chan struct{})
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i, in := range []tubeIn{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			errs[i] = in(ctx, svc, box.ID, box.Items[last+i].Accession)
		}()
	}
	close(start)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	var sh lab.Shipment
	if err := db.Gorm.First(&sh, box.ID).Error; err != nil {
		t.Fatal(err)
	}
	var arrivals int64
	if err := db.Gorm.Model(&lab.AuditEntry{}).Where("action = ? AND entity = ? AND entity_id = ?",
		"shipment.arrive", "shipment", fmt.Sprint(box.ID)).Count(&arrivals).Error; err != nil {
		t.Fatal(err)
	}
	return sh.Status, arrivals
}
