package api_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"torchlab/api"
	"torchlab/lab"
)

// scrape reads the metrics as Prometheus would, from their own handler.
func (e *env) scrape() string {
	e.t.Helper()
	w := httptest.NewRecorder()
	e.srv.Metrics().ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	if w.Code != http.StatusOK {
		e.t.Fatalf("metrics: %d", w.Code)
	}
	return w.Body.String()
}

// There were no CSP, frame or nosniff headers, the FHIR and report JSON
// could be cached, and /metrics was open to anyone: every answer carries
// the headers, every API answer no-store, and the metrics are not on the
// service's listener.
func TestSecurityHeaders(t *testing.T) {
	e := newEnv(t, "sqlite")
	nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
	tech := e.signIn("tech", lab.RoleLabTech, 0)
	tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
	acc := e.released(nurse, tech, tech2, 1, clientBody(1), nil)
	check := func(t *testing.T, res *httptest.ResponseRecorder, cache string) {
		t.Helper()
		h := res.Header()
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "script-src 'self';") ||
			!strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("Content-Security-Policy %q", csp)
		}
		if h.Get("X-Frame-Options") != "DENY" || h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("headers %v", h)
		}
		if got := h.Get("Cache-Control"); got != cache {
			t.Errorf("Cache-Control %q; want %q", got, cache)
		}
	}
	for _, p := range []string{
		"/api/v1/fhir/DiagnosticReport/" + acc,
		"/api/v1/fhir/DiagnosticReport/" + acc + "/$everything",
		"/api/v1/samples/" + acc + "/report",
		"/api/v1/samples/" + acc,
		"/api/v1/me",
		"/api/v1/clients",
		"/api/v1/samples/00000000X",
		"/api/v1/no/such/route",
	} {
		t.Run(p, func(t *testing.T) { check(t, e.do("GET", p, nurse, nil), "no-store") })
	}
	t.Run("sign-in", func(t *testing.T) {
		check(t, e.do("POST", "/api/v1/auth/login", "", map[string]string{"username": "nurse.a", "password": testPassword}), "no-store")
	})

	ui := fstest.MapFS{"index.html": {Data: []byte("<!doctype html>")}, "assets/app-1.js": {Data: []byte("1")}}
	srv, err := api.New(e.svc, api.Config{Logger: quiet, Frontend: ui})
	if err != nil {
		t.Fatal(err)
	}
	get := func(p string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, httptest.NewRequest("GET", p, nil))
		return w
	}
	t.Run("a built asset keeps its caching", func(t *testing.T) {
		check(t, get("/assets/app-1.js"), "public, max-age=31536000, immutable")
	})
	t.Run("the page", func(t *testing.T) { check(t, get("/samples"), "no-cache") })
	t.Run("no metrics on the service's listener", func(t *testing.T) {
		if res := get("/metrics"); res.Code != http.StatusNotFound || strings.Contains(res.Body.String(), "torchlab_http_requests_total") {
			t.Fatalf("/metrics answered %d %.80s", res.Code, res.Body)
		}
		if !strings.Contains(e.scrape(), "torchlab_http_requests_total") {
			t.Fatal("the metrics handler serves no metrics")
		}
	})
}
