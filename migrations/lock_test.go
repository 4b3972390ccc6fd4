package migrations_test

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// Processes starting together on one MySQL database: one applies the
// migrations under the lease lock, the others wait and then find nothing to
// do. Without the lock they would race to create the same tables and fail.
func TestConcurrentStartsMigrateOnce(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		url := labtest.URL(t, d)
		const processes = 5
		var wg sync.WaitGroup
		errs := make([]error, processes)
		versions := make([]int64, processes)
		for i := 0; i < processes; i++ {
			db, err := lab.OpenDatabase(url, lab.DefaultPool)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			wg.Add(1)
			go func() {
				defer wg.Done()
				versions[i], errs[i] = migrations.Up(context.Background(), db.SQL, d, nil)
			}()
		}
		wg.Wait()
		latest, _ := migrations.Latest(d)
		for i := range errs {
			if errs[i] != nil || versions[i] != latest {
				t.Fatalf("process %d: version %d, err %v (latest %d)", i, versions[i], errs[i], latest)
			}
		}
	})
}

// A process that crashed holding the lock cannot release it: its lease runs
// out and the next process migrates, after waiting for the rest of it.
func TestCrashedLockHolderExpires(t *testing.T) {
	if os.Getenv(labtest.MySQLEnv) == "" {
		t.Skipf("%s is not set: the lock is MySQL's", labtest.MySQLEnv)
	}
	db, err := lab.OpenDatabase(labtest.URL(t, migrations.MySQL), lab.DefaultPool)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.SQL.Exec(migrations.CreateLockTable); err != nil {
		t.Fatal(err)
	}
	// The crashed holder's row, with 2 s of its lease left.
	if _, err := db.SQL.Exec("INSERT INTO migration_locks (name, holder, expires_at) VALUES (?, 'crashed/1/0', UTC_TIMESTAMP(6) + INTERVAL 2 SECOND)", migrations.LockName); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if _, err := migrations.Up(context.Background(), db.SQL, migrations.MySQL, nil); err != nil {
		t.Fatal(err)
	}
	if waited := time.Since(start); waited < 1500*time.Millisecond || waited > 30*time.Second {
		t.Fatalf("migrated after %s; the crashed holder's lease had 2 s left", waited)
	}
	var left int
	db.SQL.QueryRow("SELECT COUNT(*) FROM migration_locks").Scan(&left)
	if left != 0 {
		t.Fatalf("%d lock rows left after migrating", left)
	}
}

// A live holder renews its lease: a migration longer than the lease keeps
// the lock, and the lock is free once released.
func TestLiveLockHolderRenews(t *testing.T) {
	if os.Getenv(labtest.MySQLEnv) == "" {
		t.Skipf("%s is not set: the lock is MySQL's", labtest.MySQLEnv)
	}
	defer migrations.SetLeaseFor(400 * time.Millisecond)()
	db, err := lab.OpenDatabase(labtest.URL(t, migrations.MySQL), lab.DefaultPool)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	release, othersCanTake, err := migrations.TakeLock(ctx, db.SQL)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(1200 * time.Millisecond) // three leases
	if taken, err := othersCanTake(); err != nil || taken {
		t.Fatalf("another process took a renewed lock: %v %v", taken, err)
	}
	if err := release(); err != nil {
		t.Fatal(err)
	}
	if taken, err := othersCanTake(); err != nil || !taken {
		t.Fatalf("the released lock could not be taken: %v %v", taken, err)
	}
}
