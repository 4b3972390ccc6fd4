package lab_test

import (
	"context"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// The last-seen time was written once a minute whatever the idle limit, so
// a session in use every 59 s could end within its limit. A session in use
// never ends within the limit; one left unused ends soon after it.
func TestBusySessionNeverEndsWithinItsIdleLimit(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		clock := labtest.NewClock(time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC))
		svc := lab.NewService(labtest.Open(t, d), lab.Options{Clock: clock.Now, BcryptCost: bcrypt.MinCost,
			SessionIdle: 5 * time.Minute, SessionMax: 12 * time.Hour, Key: labtest.Key})
		sys := lab.SystemContext(context.Background(), "(test)")
		if _, err := svc.CreateUser(sys, lab.NewUser{Username: "tech", Password: "correct horse 1", Role: lab.RoleLabTech}); err != nil {
			t.Fatal(err)
		}
		ctx := lab.WithActor(context.Background(), lab.Actor{IP: "192.0.2.1"})
		in, err := svc.Login(ctx, "tech", "correct horse 1", "test")
		if err != nil {
			t.Fatal(err)
		}
		use := func() error {
			t.Helper()
			_, err := svc.Authenticate(ctx, in.Token)
			return err
		}
		// A request every 59 s for an hour, then one 4 min 59 s after the
		// last: each within the limit.
		for i := 0; i < 61; i++ {
			clock.Advance(59 * time.Second)
			if err := use(); err != nil {
				t.Fatalf("request %d, 59 s after the one before: %v", i+1, err)
			}
		}
		clock.Advance(5*time.Minute - time.Second)
		if err := use(); err != nil {
			t.Fatalf("4 min 59 s after the last request: %v", err)
		}
		clock.Advance(5*time.Minute + 31*time.Second)
		if err := use(); lab.ErrorCode(err) != lab.CodeUnauthenticated {
			t.Fatalf("5 min 31 s unused: %v; want the session ended", err)
		}
	})
}
