package api_test

import (
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"torchlab/api"
	"torchlab/lab"
)

func TestLogin(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		e.addUser("nurse.li", lab.RoleNurse, e.stationA)

		t.Run("success", func(t *testing.T) {
			res := e.do("POST", "/api/v1/auth/login", "", map[string]string{"username": "Nurse.Li", "password": testPassword})
			expectStatus(t, res, http.StatusOK)
			var out struct {
				Token     string `json:"token"`
				CSRFToken string `json:"csrf_token"`
				User      struct {
					ID                 int64  `json:"id"`
					Username           string `json:"username"`
					Role               string `json:"role"`
					StationID          *int64 `json:"station_id"`
					MustChangePassword bool   `json:"must_change_password"`
				} `json:"user"`
			}
			decode(t, res, &out)
			if out.Token == "" || out.CSRFToken == "" || out.User.Username != "nurse.li" || out.User.Role != "nurse" ||
				out.User.StationID == nil || *out.User.StationID != e.stationA || out.User.MustChangePassword {
				t.Fatalf("login answer = %+v", out)
			}
			var session *http.Cookie
			for _, c := range res.Result().Cookies() {
				if c.Name == api.SessionCookie {
					session = c
				}
			}
			if session == nil || !session.HttpOnly || session.Value != out.Token || session.SameSite != http.SameSiteLaxMode {
				t.Fatalf("session cookie = %+v", session)
			}
			me := e.do("GET", "/api/v1/me", out.Token, nil)
			expectStatus(t, me, http.StatusOK)
			if e.auditCount("auth.login") != 1 {
				t.Fatal("no audit row for the sign-in")
			}
		})

		t.Run("wrong password", func(t *testing.T) {
			res := e.do("POST", "/api/v1/auth/login", "", map[string]string{"username": "nurse.li", "password": "wrong password"})
			expectProblem(t, res, http.StatusUnauthorized, "invalid_credentials")
		})

		t.Run("unknown user answers the same", func(t *testing.T) {
			res := e.do("POST", "/api/v1/auth/login", "", map[string]string{"username": "nobody", "password": "wrong password"})
			p := expectProblem(t, res, http.StatusUnauthorized, "invalid_credentials")
			if p.Detail != "wrong username or password" {
				t.Fatalf("detail = %q", p.Detail)
			}
		})

		t.Run("empty fields", func(t *testing.T) {
			res := e.do("POST", "/api/v1/auth/login", "", map[string]string{})
			p := expectProblem(t, res, http.StatusUnprocessableEntity, "validation")
			if !p.hasField("username", "required") || !p.hasField("password", "required") {
				t.Fatalf("errors = %+v", p.Errors)
			}
		})

		t.Run("not JSON", func(t *testing.T) {
			res := e.do("POST", "/api/v1/auth/login", "", "{username")
			expectProblem(t, res, http.StatusBadRequest, "malformed")
		})

		t.Run("deactivated user", func(t *testing.T) {
			id := e.addUser("gone", lab.RoleLabTech, 0)
			off := false
			if _, err := e.svc.UpdateUser(lab.SystemContext(t.Context(), "(test)"), id, lab.UserPatch{Active: &off}); err != nil {
				t.Fatal(err)
			}
			res := e.do("POST", "/api/v1/auth/login", "", map[string]string{"username": "gone", "password": testPassword})
			expectProblem(t, res, http.StatusUnauthorized, "invalid_credentials")
		})
	})
}

func TestLoginSlowsDownAfterFailures(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		e.addUser("tech.wang", lab.RoleLabTech, 0)
		attempt := func(password string) *httpResult {
			return result(e.do("POST", "/api/v1/auth/login", "", map[string]string{"username": "tech.wang", "password": password}))
		}
		for i := 1; i <= 5; i++ {
			if r := attempt("guess " + strconv.Itoa(i)); r.code != http.StatusUnauthorized {
				t.Fatalf("failure %d: status %d", i, r.code)
			}
		}
		// The fifth failure blocks the account: even the right password waits.
		res := e.do("POST", "/api/v1/auth/login", "", map[string]string{"username": "tech.wang", "password": testPassword})
		expectProblem(t, res, http.StatusTooManyRequests, "too_many_attempts")
		retry, err := strconv.Atoi(res.Header().Get("Retry-After"))
		if err != nil || retry < 1 || retry > 30 {
			t.Fatalf("Retry-After = %q", res.Header().Get("Retry-After"))
		}
		if got := e.auditCount("auth.login_failed"); got != 5 {
			t.Fatalf("audited failures = %d, want 5 (a refused-while-blocked attempt is not a new failure)", got)
		}

		// Another user from the same address is not blocked by this account.
		e.addUser("tech.zhao", lab.RoleLabTech, 0)
		e.login("tech.zhao", testPassword)

		e.clock.Advance(time.Duration(retry) * time.Second)
		// One more failure after the wait doubles the delay.
		if r := attempt("guess 6"); r.code != http.StatusUnauthorized {
			t.Fatalf("after the wait: status %d", r.code)
		}
		res = e.do("POST", "/api/v1/auth/login", "", map[string]string{"username": "tech.wang", "password": testPassword})
		expectProblem(t, res, http.StatusTooManyRequests, "too_many_attempts")
		if got, _ := strconv.Atoi(res.Header().Get("Retry-After")); got <= retry {
			t.Fatalf("second delay %d s, want more than %d s", got, retry)
		}
		e.clock.Advance(2 * time.Minute)
		e.login("tech.wang", testPassword)
		// Success clears the count: one more failure does not block.
		attempt("one slip")
		e.login("tech.wang", testPassword)
	})
}

func TestLoginSlowsDownPerAddress(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		e.addUser("tech.wang", lab.RoleLabTech, 0)
		// Guessing across many usernames from one address is throttled too.
		for i := 0; i < 30; i++ {
			res := e.do("POST", "/api/v1/auth/login", "", map[string]string{"username": "user" + strconv.Itoa(i), "password": "x-guess-x"})
			expectStatus(t, res, http.StatusUnauthorized)
		}
		res := e.do("POST", "/api/v1/auth/login", "", map[string]string{"username": "tech.wang", "password": testPassword})
		expectProblem(t, res, http.StatusTooManyRequests, "too_many_attempts")
	})
}

type httpResult struct{ code int }

func result(r interface{ Result() *http.Response }) *httpResult {
	return &httpResult{code: r.Result().StatusCode}
}

func TestLogoutRevokesTheToken(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		token := e.signIn("c.zhou", lab.RoleCounselor, e.stationA)
		expectStatus(t, e.do("GET", "/api/v1/me", token, nil), http.StatusOK)
		res := e.do("POST", "/api/v1/auth/logout", token, nil)
		expectStatus(t, res, http.StatusNoContent)
		expectProblem(t, e.do("GET", "/api/v1/me", token, nil), http.StatusUnauthorized, "unauthenticated")
		if e.auditCount("auth.logout") != 1 {
			t.Fatal("no audit row for the sign-out")
		}
	})
}

func TestSessionExpiry(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		t.Run("idle", func(t *testing.T) {
			token := e.signIn("idle.user", lab.RoleNurse, e.stationA)
			e.clock.Advance(119 * time.Minute)
			expectStatus(t, e.do("GET", "/api/v1/me", token, nil), http.StatusOK)
			// Use keeps it alive past the first two hours...
			e.clock.Advance(119 * time.Minute)
			expectStatus(t, e.do("GET", "/api/v1/me", token, nil), http.StatusOK)
			// ...two idle hours end it, with the minute the last-seen time
			// may lag its use.
			e.clock.Advance(2*time.Hour + time.Minute)
			expectProblem(t, e.do("GET", "/api/v1/me", token, nil), http.StatusUnauthorized, "unauthenticated")
		})
		t.Run("absolute", func(t *testing.T) {
			token := e.signIn("busy.user", lab.RoleNurse, e.stationA)
			for i := 0; i < 11; i++ {
				e.clock.Advance(time.Hour)
				expectStatus(t, e.do("GET", "/api/v1/me", token, nil), http.StatusOK)
			}
			e.clock.Advance(time.Hour)
			expectProblem(t, e.do("GET", "/api/v1/me", token, nil), http.StatusUnauthorized, "unauthenticated")
		})
	})
}

func TestUnauthenticated(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		for _, token := range []string{"", "not-a-token"} {
			expectProblem(t, e.do("GET", "/api/v1/me", token, nil), http.StatusUnauthorized, "unauthenticated")
		}
		res := e.send(request{method: "GET", path: "/api/v1/me", header: map[string]string{"Authorization": "Basic YWRtaW46eA=="}})
		expectProblem(t, res, http.StatusUnauthorized, "unauthenticated")
	})
}

func TestCookieSessionNeedsCSRFTokenForWrites(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		e.addUser("boss", lab.RoleAdmin, 0)
		res := e.do("POST", "/api/v1/auth/login", "", map[string]string{"username": "boss", "password": testPassword})
		expectStatus(t, res, http.StatusOK)
		var out struct {
			CSRFToken string `json:"csrf_token"`
		}
		decode(t, res, &out)
		cookies := res.Result().Cookies()

		// Reading with the cookie alone works.
		expectStatus(t, e.send(request{method: "GET", path: "/api/v1/me", cookies: cookies}), http.StatusOK)
		body := map[string]string{"code": "NEW1", "name": "New station"}
		// A forged cross-site write carries the cookie but not the token.
		res = e.send(request{method: "POST", path: "/api/v1/stations", cookies: cookies, body: body})
		expectProblem(t, res, http.StatusForbidden, "csrf_failed")
		res = e.send(request{method: "POST", path: "/api/v1/stations", cookies: cookies, body: body,
			header: map[string]string{api.CSRFHeader: "wrong"}})
		expectProblem(t, res, http.StatusForbidden, "csrf_failed")
		if e.auditCount("station.create") != 2 { // the two made by newEnv
			t.Fatal("a refused write left an audit row")
		}
		res = e.send(request{method: "POST", path: "/api/v1/stations", cookies: cookies, body: body,
			header: map[string]string{api.CSRFHeader: out.CSRFToken}})
		expectStatus(t, res, http.StatusCreated)
	})
}

func TestPasswordChangeRequired(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		admin := e.signIn("boss", lab.RoleAdmin, 0)
		res := e.do("POST", "/api/v1/users", admin, map[string]any{
			"username": "nurse.new", "password": "given by admin", "role": "nurse", "station_id": e.stationA})
		expectStatus(t, res, http.StatusCreated)

		token := e.login("nurse.new", "given by admin")
		var me struct {
			MustChangePassword bool `json:"must_change_password"`
		}
		r := e.do("GET", "/api/v1/me", token, nil)
		expectStatus(t, r, http.StatusOK)
		decode(t, r, &me)
		if !me.MustChangePassword {
			t.Fatal("a user made through the API must change her password")
		}
		expectProblem(t, e.do("GET", "/api/v1/stations/"+strconv.FormatInt(e.stationA, 10), token, nil),
			http.StatusForbidden, "password_change_required")

		t.Run("wrong current password", func(t *testing.T) {
			res := e.do("POST", "/api/v1/me/password", token, map[string]string{"current_password": "nope", "new_password": "my own secret"})
			p := expectProblem(t, res, http.StatusUnprocessableEntity, "validation")
			if !p.hasField("current_password", "wrong") {
				t.Fatalf("errors = %+v", p.Errors)
			}
		})
		t.Run("too short", func(t *testing.T) {
			res := e.do("POST", "/api/v1/me/password", token, map[string]string{"current_password": "given by admin", "new_password": "short"})
			p := expectProblem(t, res, http.StatusUnprocessableEntity, "validation")
			if !p.hasField("new_password", "too_short") {
				t.Fatalf("errors = %+v", p.Errors)
			}
		})
		t.Run("unchanged", func(t *testing.T) {
			res := e.do("POST", "/api/v1/me/password", token, map[string]string{"current_password": "given by admin", "new_password": "given by admin"})
			p := expectProblem(t, res, http.StatusUnprocessableEntity, "validation")
			if !p.hasField("new_password", "unchanged") {
				t.Fatalf("errors = %+v", p.Errors)
			}
		})
		if e.auditCount("user.password_change") != 0 {
			t.Fatal("a refused password change left an audit row")
		}

		other := e.login("nurse.new", "given by admin") // a second session
		res = e.do("POST", "/api/v1/me/password", token, map[string]string{"current_password": "given by admin", "new_password": "my own secret"})
		expectStatus(t, res, http.StatusNoContent)
		expectStatus(t, e.do("GET", "/api/v1/stations/"+strconv.FormatInt(e.stationA, 10), token, nil), http.StatusOK)
		expectProblem(t, e.do("GET", "/api/v1/me", other, nil), http.StatusUnauthorized, "unauthenticated")
		if e.auditCount("user.password_change") != 1 {
			t.Fatal("no audit row for the password change")
		}
		e.login("nurse.new", "my own secret")
	})
}

func TestInitialAdmin(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		// newEnv made stations but no users.
		password, err := e.svc.EnsureInitialAdmin(t.Context())
		if err != nil || len(password) < 12 {
			t.Fatalf("password %q, %v", password, err)
		}
		again, err := e.svc.EnsureInitialAdmin(t.Context())
		if err != nil || again != "" {
			t.Fatalf("second start made another admin: %q, %v", again, err)
		}
		token := e.login("admin", password)
		expectProblem(t, e.do("GET", "/api/v1/users", token, nil), http.StatusForbidden, "password_change_required")
		expectStatus(t, e.do("POST", "/api/v1/me/password", token,
			map[string]string{"current_password": password, "new_password": "a new admin secret"}), http.StatusNoContent)
		expectStatus(t, e.do("GET", "/api/v1/users", token, nil), http.StatusOK)
	})
}

// Many guesses at once get no more tries than guesses one by one: the
// attempt is counted under a row lock before the password is checked.
func TestLoginThrottleHoldsUnderConcurrentGuesses(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		e.addUser("target", lab.RoleAdmin, 0)
		const guesses = 30
		codes := make([]int, guesses)
		var wg sync.WaitGroup
		for i := 0; i < guesses; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res := e.do("POST", "/api/v1/auth/login", "", map[string]string{"username": "target", "password": "guess-" + strconv.Itoa(i)})
				codes[i] = res.Code
			}()
		}
		wg.Wait()
		count := map[int]int{}
		for _, c := range codes {
			count[c]++
		}
		if count[http.StatusUnauthorized] != 5 || count[http.StatusTooManyRequests] != guesses-5 {
			t.Fatalf("answers %v; want 5 × 401 and %d × 429", count, guesses-5)
		}
	})
}

func TestWrongCurrentPasswordCountsAgainstTheLimit(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		token := e.signIn("stolen", lab.RoleNurse, e.stationA)
		for i := 0; i < 5; i++ {
			res := e.do("POST", "/api/v1/me/password", token, map[string]string{"current_password": "guess" + strconv.Itoa(i), "new_password": "new secret 1"})
			expectProblem(t, res, http.StatusUnprocessableEntity, "validation")
		}
		res := e.do("POST", "/api/v1/me/password", token, map[string]string{"current_password": testPassword, "new_password": "new secret 1"})
		expectProblem(t, res, http.StatusTooManyRequests, "too_many_attempts")
	})
}
