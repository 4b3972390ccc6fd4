package migrations_test

import (
	"context"
	"sync"
	"testing"

	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// Processes starting together on one MySQL database: one applies the
// migrations under GET_LOCK, the others wait and then find nothing to do.
// Without the lock they would race to create the same tables and fail.
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
