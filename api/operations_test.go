package api_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"torchlab/api"
	"torchlab/lab"
)

func TestHealthAndReadiness(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		// The real readiness check: database reachable, migrations current.
		srv, err := api.New(e.svc, api.Config{Logger: quiet, Ready: e.db.Ready})
		if err != nil {
			t.Fatal(err)
		}
		e.srv = srv
		expectStatus(t, e.do("GET", "/healthz", "", nil), http.StatusOK)
		expectStatus(t, e.do("GET", "/readyz", "", nil), http.StatusOK)
		e.db.SQL.Close()
		res := e.do("GET", "/readyz", "", nil)
		expectStatus(t, res, http.StatusServiceUnavailable)
		if strings.Contains(res.Body.String(), "sql") {
			t.Fatalf("readyz tells the public its cause: %s", res.Body)
		}
		expectStatus(t, e.do("GET", "/healthz", "", nil), http.StatusOK)
	})
}

func TestRequestID(t *testing.T) {
	e := newEnv(t, "sqlite")
	res := e.do("GET", "/healthz", "", nil)
	if id := res.Header().Get("X-Request-ID"); len(id) < 16 {
		t.Fatalf("generated request ID = %q", id)
	}
	// From an untrusted address a request ID is replaced: it goes into
	// audit rows, where a client must not choose it.
	res = e.send(request{method: "GET", path: "/healthz", header: map[string]string{"X-Request-ID": "lb-1234.abc"}})
	if id := res.Header().Get("X-Request-ID"); id == "lb-1234.abc" || id == "" {
		t.Fatalf("a client's request ID was kept: %q", id)
	}
	srv, err := api.New(e.svc, api.Config{Logger: quiet, TrustedProxies: []string{"192.0.2.0/24"}})
	if err != nil {
		t.Fatal(err)
	}
	e.srv = srv
	res = e.send(request{method: "GET", path: "/healthz", header: map[string]string{"X-Request-ID": "lb-1234.abc"}})
	if id := res.Header().Get("X-Request-ID"); id != "lb-1234.abc" {
		t.Fatalf("a trusted proxy's request ID was not kept: %q", id)
	}
	res = e.send(request{method: "GET", path: "/healthz", header: map[string]string{"X-Request-ID": "evil\nline"}})
	if id := res.Header().Get("X-Request-ID"); id == "evil\nline" || strings.ContainsAny(id, "\n ") {
		t.Fatalf("a forged request ID was echoed: %q", id)
	}
}

func TestMetrics(t *testing.T) {
	e := newEnv(t, "sqlite")
	token := e.signIn("tech", lab.RoleLabTech, 0)
	e.do("GET", "/api/v1/me", token, nil)
	e.do("GET", "/api/v1/stations/12345", token, nil)
	body := e.scrape()
	for _, want := range []string{
		`torchlab_http_requests_total{method="GET",route="/api/v1/me",status="200"} 1`,
		`torchlab_http_requests_total{method="GET",route="/api/v1/stations/:id",status="404"} 1`,
		`torchlab_http_request_duration_seconds_bucket{method="POST",route="/api/v1/auth/login",status="200",le="+Inf"} 1`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestUnknownAPIRouteIsAProblem(t *testing.T) {
	e := newEnv(t, "sqlite")
	expectProblem(t, e.do("GET", "/api/v1/no-such-thing", "", nil), http.StatusNotFound, "not_found")
}

func TestFrontendIsServedWithFallback(t *testing.T) {
	e := newEnv(t, "sqlite")
	dist := fstest.MapFS{
		"index.html":         {Data: []byte("<!doctype html><title>torchlab</title>")},
		"assets/app-1a2b.js": {Data: []byte("console.log(1)")},
	}
	srv, err := api.New(e.svc, api.Config{Logger: quiet, Frontend: dist})
	if err != nil {
		t.Fatal(err)
	}
	e.srv = srv
	for _, path := range []string{"/", "/nurse/appointments", "/index.html"} {
		res := e.do("GET", path, "", nil)
		expectStatus(t, res, http.StatusOK)
		if !strings.Contains(res.Body.String(), "<title>torchlab</title>") || res.Header().Get("Cache-Control") != "no-cache" {
			t.Fatalf("%s: %s %q", path, res.Body, res.Header().Get("Cache-Control"))
		}
	}
	res := e.do("GET", "/assets/app-1a2b.js", "", nil)
	expectStatus(t, res, http.StatusOK)
	if !strings.Contains(res.Header().Get("Cache-Control"), "immutable") {
		t.Fatalf("asset Cache-Control = %q", res.Header().Get("Cache-Control"))
	}
	expectProblem(t, e.do("GET", "/api/v1/nothing", "", nil), http.StatusNotFound, "not_found")
	expectProblem(t, e.do("POST", "/somewhere", "", nil), http.StatusNotFound, "not_found")
}

func TestRequestBodies(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		e.addUser("boss", lab.RoleAdmin, 0)
		body := `{"username":"boss","password":"` + testPassword + `"}`
		t.Run("not JSON's media type", func(t *testing.T) {
			res := e.send(request{method: "POST", path: "/api/v1/auth/login", body: body,
				header: map[string]string{"Content-Type": "text/plain"}})
			expectProblem(t, res, http.StatusUnsupportedMediaType, "unsupported_media_type")
		})
		t.Run("over 1 MiB", func(t *testing.T) {
			big := `{"username":"boss","password":"` + strings.Repeat("x", 1<<20) + `"}`
			expectProblem(t, e.do("POST", "/api/v1/auth/login", "", big), http.StatusRequestEntityTooLarge, "too_large")
		})
		t.Run("bearer in lower case", func(t *testing.T) {
			token := e.login("boss", testPassword)
			res := e.send(request{method: "GET", path: "/api/v1/me", header: map[string]string{"Authorization": "bearer " + token}})
			expectStatus(t, res, http.StatusOK)
		})
	})
}

// A page left before its answer came cancels the request: that is counted
// as the client's doing (499), never as a server error (500).
func TestClientGoneIsNotAServerError(t *testing.T) {
	e := newEnv(t, "sqlite")
	token := e.signIn("tech", lab.RoleLabTech, 0)
	e.do("GET", "/api/v1/me", token, nil) // the session is known; the next query is the list's
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequest("GET", "/api/v1/samples", nil).WithContext(ctx)
	req.Header.Set("Authorization", "Bearer "+token)
	res := httptest.NewRecorder()
	e.srv.ServeHTTP(res, req)
	if res.Code != 499 || res.Body.Len() != 0 {
		t.Fatalf("a cancelled request answered %d %q", res.Code, res.Body)
	}
	metrics := e.scrape()
	if !strings.Contains(metrics, `route="/api/v1/samples",status="499"`) || strings.Contains(metrics, `status="500"`) {
		t.Fatalf("metrics should count the cancelled request as 499:\n%s", metrics)
	}
}
