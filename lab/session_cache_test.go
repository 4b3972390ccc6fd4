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

// The session check is answered from memory for a moment (no round trip),
// within the bounds the cache promises: a sign-out in this process counts
// at once, one in another process within the TTL, a deactivation at once,
// and the once-a-minute last-seen write still happens.
func TestSessionCheckCache(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		url := labtest.URL(t, d)
		dbA, dbB := labtest.OpenURL(t, url), labtest.OpenURL(t, url)
		clock := labtest.NewClock(time.Now().Truncate(time.Microsecond))
		opts := lab.Options{Clock: clock.Now, BcryptCost: bcrypt.MinCost}
		a, b := lab.NewService(dbA, opts), lab.NewService(dbB, opts) // two processes
		ctx := lab.WithActor(context.Background(), lab.Actor{IP: "127.0.0.1"})
		sys := lab.SystemContext(context.Background(), "(test)")
		u, err := a.CreateUser(sys, lab.NewUser{Username: "tech.li", Password: "long enough 1", Role: lab.RoleLabTech})
		if err != nil {
			t.Fatal(err)
		}
		login := func() string {
			t.Helper()
			in, err := a.Login(ctx, "tech.li", "long enough 1", "test")
			if err != nil {
				t.Fatal(err)
			}
			return in.Token
		}
		valid := func(svc *lab.Service, token string) bool {
			t.Helper()
			_, err := svc.Authenticate(ctx, token)
			if err != nil && lab.ErrorCode(err) != lab.CodeUnauthenticated {
				t.Fatal(err)
			}
			return err == nil
		}

		t.Run("answered from memory", func(t *testing.T) {
			token := login()
			if !valid(a, token) {
				t.Fatal("a fresh session is refused")
			}
			// Behind the service's back, so only a cached answer can say yes.
			if err := dbA.Gorm.Exec("DELETE FROM sessions WHERE user_id = ?", u.ID).Error; err != nil {
				t.Fatal(err)
			}
			if !valid(a, token) {
				t.Fatal("the check went to the database within the TTL")
			}
			time.Sleep(2*time.Second + 200*time.Millisecond)
			if valid(a, token) {
				t.Fatal("a deleted session still works after the TTL")
			}
		})

		t.Run("sign-out elsewhere counts within the TTL", func(t *testing.T) {
			token := login()
			if !valid(a, token) || !valid(b, token) {
				t.Fatal("a fresh session is refused")
			}
			if err := b.Logout(ctx, token); err != nil {
				t.Fatal(err)
			}
			if valid(b, token) {
				t.Fatal("the signing-out process still takes the token")
			}
			time.Sleep(2*time.Second + 200*time.Millisecond)
			if valid(a, token) {
				t.Fatal("another process takes a signed-out token after the TTL")
			}
		})

		t.Run("sign-out and deactivation here count at once", func(t *testing.T) {
			token := login()
			valid(a, token)
			if err := a.Logout(ctx, token); err != nil {
				t.Fatal(err)
			}
			if valid(a, token) {
				t.Fatal("a signed-out token still works in its own process")
			}
			token = login()
			valid(a, token)
			off := false
			if _, err := a.UpdateUser(sys, u.ID, lab.UserPatch{Active: &off}); err != nil {
				t.Fatal(err)
			}
			if valid(a, token) {
				t.Fatal("a deactivated user's session still works")
			}
			on := true
			if _, err := a.UpdateUser(sys, u.ID, lab.UserPatch{Active: &on}); err != nil {
				t.Fatal(err)
			}
		})

		t.Run("last seen is still written", func(t *testing.T) {
			token := login()
			valid(a, token)
			clock.Advance(90 * time.Second)
			if !valid(a, token) {
				t.Fatal("refused after 90 s")
			}
			var seen []time.Time
			if err := dbA.Gorm.Model(&lab.Session{}).Where("user_id = ? AND revoked_at IS NULL", u.ID).Pluck("last_seen_at", &seen).Error; err != nil {
				t.Fatal(err)
			}
			if len(seen) != 1 || !seen[0].Equal(clock.Now()) {
				t.Fatalf("last seen %v, want %v", seen, clock.Now())
			}
			clock.Advance(3 * time.Hour)
			if valid(a, token) {
				t.Fatal("an idle session is taken from the cache")
			}
		})
	})
}
