package api_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"

	"torchlab/api"
	"torchlab/lab"
)

func TestHealthAndReadiness(t *testing.T) {
	e := newEnv(t, "sqlite")
	expectStatus(t, e.do("GET", "/healthz", "", nil), http.StatusOK)
	expectStatus(t, e.do("GET", "/readyz", "", nil), http.StatusOK)
	e.ready = errors.New("database migrations pending")
	res := e.do("GET", "/readyz", "", nil)
	expectStatus(t, res, http.StatusServiceUnavailable)
	if !strings.Contains(res.Body.String(), "migrations pending") {
		t.Fatalf("body = %s", res.Body)
	}
	expectStatus(t, e.do("GET", "/healthz", "", nil), http.StatusOK)
}

func TestRequestID(t *testing.T) {
	e := newEnv(t, "sqlite")
	res := e.do("GET", "/healthz", "", nil)
	if id := res.Header().Get("X-Request-ID"); len(id) < 16 {
		t.Fatalf("generated request ID = %q", id)
	}
	res = e.send(request{method: "GET", path: "/healthz", header: map[string]string{"X-Request-ID": "lb-1234.abc"}})
	if id := res.Header().Get("X-Request-ID"); id != "lb-1234.abc" {
		t.Fatalf("a proxy's request ID was not kept: %q", id)
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
	res := e.do("GET", "/metrics", "", nil)
	expectStatus(t, res, http.StatusOK)
	body := res.Body.String()
	for _, want := range []string{
		`torchlab_http_requests_total{method="GET",route="/api/v1/me",status="200"} 1`,
		`torchlab_http_requests_total{method="GET",route="/api/v1/stations/:id",status="404"} 1`,
		`torchlab_http_request_duration_seconds_bucket{method="POST",route="/api/v1/auth/login",le="+Inf"} 1`,
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
