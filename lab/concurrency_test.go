package lab_test

import (
	"context"
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
