package lab_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// Several processes deliver webhooks from one outbox: each due delivery is
// claimed by exactly one of them, however their claims interleave, and a
// claimed one is not due again until its lease ends.
func TestOutboxClaimsAreExclusive(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		url := labtest.URL(t, d)
		dbA, dbB := labtest.OpenURL(t, url), labtest.OpenURL(t, url)
		clock := labtest.NewClock(time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC))
		a, b := lab.NewService(dbA, lab.Options{Clock: clock.Now}), lab.NewService(dbB, lab.Options{Clock: clock.Now}) // two processes
		const deliveries = 200
		for i := range deliveries {
			if err := dbA.Gorm.Exec(`INSERT INTO outbox (event_id, recipient, type, payload, created_at, attempts, next_attempt_at, last_error)
				VALUES (?, 'http://recipient.invalid/hook', 'sample.rejected', '{}', ?, 0, ?, '')`,
				fmt.Sprintf("ev%03d", i), clock.Now(), clock.Now()).Error; err != nil {
				t.Fatal(err)
			}
		}
		ctx := lab.SystemContext(context.Background(), "(test)")
		var mu sync.Mutex
		claimedBy := map[int64]int{}
		var wg sync.WaitGroup
		for w := range 8 {
			svc := a
			if w%2 == 1 {
				svc = b
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					items, err := svc.ClaimOutbox(ctx, 7)
					if err != nil {
						t.Error(err)
						return
					}
					if len(items) == 0 {
						return // nothing due: every delivery is claimed
					}
					mu.Lock()
					for _, it := range items {
						claimedBy[it.ID]++
					}
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if len(claimedBy) != deliveries {
			t.Fatalf("%d of %d deliveries claimed", len(claimedBy), deliveries)
		}
		for id, n := range claimedBy {
			if n != 1 {
				t.Fatalf("delivery %d claimed %d times", id, n)
			}
		}
		// Leased: nothing is due until the lease ends, then all of it again
		// (a process that died holding them must not lose them).
		if items, err := a.ClaimOutbox(ctx, 500); err != nil || len(items) != 0 {
			t.Fatalf("claimed %d during the lease (%v)", len(items), err)
		}
		clock.Advance(3 * time.Minute)
		if items, err := b.ClaimOutbox(ctx, 500); err != nil || len(items) != deliveries {
			t.Fatalf("after the lease %d due again, want %d (%v)", len(items), deliveries, err)
		}
	})
}
