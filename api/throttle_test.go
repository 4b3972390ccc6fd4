package api_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"torchlab/lab"
)

func (e *env) throttleRows() []lab.LoginThrottle {
	e.t.Helper()
	var rows []lab.LoginThrottle
	if err := e.db.Gorm.Order("id").Find(&rows).Error; err != nil {
		e.t.Fatal(err)
	}
	return rows
}

// guess is a failed sign-in with a username that names no one.
func (e *env) guess(i int) int {
	return e.do("POST", "/api/v1/auth/login", "", map[string]string{"username": "nobody" + strconv.Itoa(i), "password": "x-guess-x"}).Code
}

// A station behind one NAT: after 30 failures from its address every
// success armed the address block again, so its staff got one sign-in a
// minute. A success never re-arms it.
func TestSuccessNeverRearmsTheAddressBlock(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		e.addUser("nurse.a", lab.RoleNurse, e.stationA)
		for i := 0; i < 30; i++ {
			if code := e.guess(i); code != http.StatusUnauthorized {
				t.Fatalf("guess %d: %d", i, code)
			}
		}
		res := e.do("POST", "/api/v1/auth/login", "", map[string]string{"username": "nurse.a", "password": testPassword})
		expectProblem(t, res, http.StatusTooManyRequests, "too_many_attempts")
		e.clock.Advance(31 * time.Second)
		for i := 0; i < 10; i++ {
			res := e.do("POST", "/api/v1/auth/login", "", map[string]string{"username": "nurse.a", "password": testPassword})
			if res.Code != http.StatusOK {
				t.Fatalf("sign-in %d after the block ended: %d %s", i+1, res.Code, res.Body)
			}
		}
	})
}

// The address's count decays by one failure every 30 s: a failure a little
// less often than that never blocks the station, where a window that each
// failure kept open counted them all.
func TestAddressCountDecays(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		for i := 0; i < 60; i++ {
			if code := e.guess(i); code != http.StatusUnauthorized {
				t.Fatalf("guess %d, one every 31 s: %d", i, code)
			}
			e.clock.Advance(31 * time.Second)
		}
		// A burst still blocks.
		codes := map[int]int{}
		for i := 0; i < 35; i++ {
			codes[e.guess(100+i)]++
		}
		if codes[http.StatusTooManyRequests] == 0 {
			t.Fatalf("a burst of 35 guesses answered %v; want the address blocked", codes)
		}
	})
}

// 500 sign-ins with new usernames from a blocked client added 500 rows: a
// blocked address is refused before a row is made for the username, and
// the rows of past guesses are pruned.
func TestBlockedClientAddsNoThrottleRows(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		for i := 0; i < 30; i++ {
			e.guess(i)
		}
		before := len(e.throttleRows())
		for i := 0; i < 500; i++ {
			if code := e.guess(1000 + i); code != http.StatusTooManyRequests {
				t.Fatalf("guess %d from a blocked address: %d", i, code)
			}
		}
		if after := len(e.throttleRows()); after != before {
			t.Fatalf("%d throttle rows after 500 refused guesses; want %d", after, before)
		}
		e.clock.Advance(16 * time.Minute)
		n, err := e.svc.PruneThrottles(t.Context())
		if err != nil || n != int64(before) || len(e.throttleRows()) != 0 {
			t.Fatalf("pruned %d (%v), %d left; want all %d gone", n, err, len(e.throttleRows()), before)
		}
	})
}

// A password typed into the username box was kept as typed in the audit and
// throttle rows: a username that names no one is kept only as its keyed
// hash.
func TestUnknownUsernameIsKeptHashed(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		e.addUser("nurse.a", lab.RoleNurse, e.stationA)
		const typed = "My-Secret-Pass-2026"
		res := e.do("POST", "/api/v1/auth/login", "", map[string]string{"username": typed, "password": "x-guess-x"})
		expectProblem(t, res, http.StatusUnauthorized, "invalid_credentials")
		res = e.do("POST", "/api/v1/auth/login", "", map[string]string{"username": "Nurse.A", "password": "x-guess-x"})
		expectProblem(t, res, http.StatusUnauthorized, "invalid_credentials")
		for _, r := range e.throttleRows() {
			if strings.Contains(strings.ToLower(r.ScopeKey), "secret") || strings.Contains(r.ScopeKey, "nurse") {
				t.Fatalf("throttle row %q keeps the typed username", r.ScopeKey)
			}
		}
		var audits []lab.AuditEntry
		if err := e.db.Gorm.Where("action = ?", "auth.login_failed").Order("id").Find(&audits).Error; err != nil {
			t.Fatal(err)
		}
		if len(audits) != 2 {
			t.Fatalf("%d failed sign-ins audited; want 2", len(audits))
		}
		if c := strings.ToLower(string(audits[0].Changes)); strings.Contains(c, "secret") || !strings.Contains(c, `"username_hash":"`) {
			t.Fatalf("the unknown username is audited as %s", audits[0].Changes)
		}
		if c := string(audits[1].Changes); c != `{"username":"nurse.a"}` {
			t.Fatalf("a known username is audited as %s", c)
		}
	})
}
