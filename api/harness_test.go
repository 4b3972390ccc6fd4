package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"torchlab/api"
	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// env is one torchlab behind its real router, on a fresh database.
type env struct {
	t     *testing.T
	url   string
	db    *lab.DB
	svc   *lab.Service
	srv   *api.Server
	clock *labtest.Clock
	ready error
	// stations made by newEnv: A and B.
	stationA, stationB int64
}

const testPassword = "correct horse 1"

// quiet drops the access log of tests; TORCHLAB_TEST_LOG=1 shows it.
var quiet = func() *slog.Logger {
	if os.Getenv("TORCHLAB_TEST_LOG") != "" {
		return slog.Default()
	}
	return slog.New(slog.DiscardHandler)
}()

func newEnv(t *testing.T, dialect migrations.Dialect) *env {
	t.Helper()
	return newEnvAt(t, labtest.URL(t, dialect))
}

// newEnvAt is newEnv on the database at url.
func newEnvAt(t *testing.T, url string) *env {
	t.Helper()
	e := &env{t: t, url: url, db: labtest.OpenURL(t, url), clock: labtest.NewClock(time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC))}
	e.svc = lab.NewService(e.db, lab.Options{Clock: e.clock.Now, BcryptCost: bcrypt.MinCost,
		SessionIdle: 2 * time.Hour, SessionMax: 12 * time.Hour, Key: labtest.Key})
	srv, err := api.New(e.svc, api.Config{Logger: quiet, Ready: func(context.Context) error { return e.ready }})
	if err != nil {
		t.Fatal(err)
	}
	e.srv = srv
	sys := lab.SystemContext(context.Background(), "(test)")
	a, err := e.svc.CreateStation(sys, lab.NewStation{Code: "STA", Name: "Station A"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := e.svc.CreateStation(sys, lab.NewStation{Code: "STB", Name: "Station B"})
	if err != nil {
		t.Fatal(err)
	}
	e.stationA, e.stationB = a.ID, b.ID
	return e
}

// eachDB runs fn on SQLite, and on MySQL when TORCHLAB_TEST_MYSQL_DSN is set.
// Each test has its own databases and clock, so tests run in parallel
// (go test's -parallel): most of their time is spent waiting for MySQL.
func eachDB(t *testing.T, fn func(t *testing.T, e *env)) {
	t.Parallel()
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) { fn(t, newEnv(t, d)) })
}

// secondProcess is another torchlab on the test's database and clock: its
// own pool and service, as a second process of the deployment has.
func (e *env) secondProcess() *lab.Service {
	e.t.Helper()
	return lab.NewService(labtest.OpenURL(e.t, e.url), lab.Options{Clock: e.clock.Now, BcryptCost: bcrypt.MinCost, Key: labtest.Key})
}

// atOnce runs a background job on each of the services at the same time
// (a service may be listed more than once) and returns what each run did.
func atOnce(t *testing.T, svcs []*lab.Service, job func(*lab.Service) (int, error)) []int {
	t.Helper()
	done := make([]int, len(svcs))
	var wg sync.WaitGroup
	for i, svc := range svcs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, err := job(svc)
			if err != nil {
				t.Error(err)
			}
			done[i] = n
		}()
	}
	wg.Wait()
	return done
}

// total adds up what atOnce's runs did.
func total(done []int) int {
	n := 0
	for _, d := range done {
		n += d
	}
	return n
}

// addUser makes a user directly (as the command line would: no forced
// password change) and returns her id.
func (e *env) addUser(username string, role lab.Role, station int64) int64 {
	e.t.Helper()
	in := lab.NewUser{Username: username, Password: testPassword, Role: role}
	if station != 0 {
		in.StationID = &station
	}
	u, err := e.svc.CreateUser(lab.SystemContext(context.Background(), "(test)"), in)
	if err != nil {
		e.t.Fatalf("add user %s: %v", username, err)
	}
	return u.ID
}

// signIn makes a user of the role and returns her bearer token.
func (e *env) signIn(username string, role lab.Role, station int64) string {
	e.t.Helper()
	e.addUser(username, role, station)
	return e.login(username, testPassword)
}

func (e *env) login(username, password string) string {
	e.t.Helper()
	res := e.do("POST", "/api/v1/auth/login", "", map[string]string{"username": username, "password": password})
	if res.Code != http.StatusOK {
		e.t.Fatalf("login %s: %d %s", username, res.Code, res.Body)
	}
	var out struct{ Token string }
	decode(e.t, res, &out)
	return out.Token
}

// request is an HTTP request for do; body is JSON-encoded unless it is a
// string (sent as is).
type request struct {
	method, path, token string
	body                any
	header              map[string]string
	cookies             []*http.Cookie
}

func (e *env) send(r request) *httptest.ResponseRecorder {
	e.t.Helper()
	var body io.Reader
	switch b := r.body.(type) {
	case nil:
	case string:
		body = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		body = bytes.NewReader(raw)
	}
	req := httptest.NewRequest(r.method, r.path, body)
	req.RemoteAddr = "192.0.2.10:40000"
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if r.token != "" {
		req.Header.Set("Authorization", "Bearer "+r.token)
	}
	for k, v := range r.header {
		req.Header.Set(k, v)
	}
	for _, c := range r.cookies {
		req.AddCookie(c)
	}
	res := httptest.NewRecorder()
	e.srv.ServeHTTP(res, req)
	return res
}

func (e *env) do(method, path, token string, body any) *httptest.ResponseRecorder {
	e.t.Helper()
	return e.send(request{method: method, path: path, token: token, body: body})
}

func decode(t *testing.T, res *httptest.ResponseRecorder, dst any) {
	t.Helper()
	if err := json.Unmarshal(res.Body.Bytes(), dst); err != nil {
		t.Fatalf("decode %q: %v", res.Body.String(), err)
	}
}

// problem is the problem+json body as a client reads it.
type problem struct {
	Type   string           `json:"type"`
	Title  string           `json:"title"`
	Status int              `json:"status"`
	Code   string           `json:"code"`
	Detail string           `json:"detail"`
	Errors []lab.FieldError `json:"errors"`
}

// expectProblem asserts the status, the problem+json shape and the code,
// and returns the problem.
func expectProblem(t *testing.T, res *httptest.ResponseRecorder, status int, code string) problem {
	t.Helper()
	if res.Code != status {
		t.Fatalf("status = %d, want %d; body %s", res.Code, status, res.Body)
	}
	if ct := res.Header().Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type = %q, want application/problem+json", ct)
	}
	var p problem
	decode(t, res, &p)
	if p.Code != code || p.Status != status || p.Type != "urn:torchlab:problem:"+code || p.Title == "" {
		t.Fatalf("problem = %+v, want code %s status %d", p, code, status)
	}
	return p
}

func expectStatus(t *testing.T, res *httptest.ResponseRecorder, status int) {
	t.Helper()
	if res.Code != status {
		t.Fatalf("status = %d, want %d; body %s", res.Code, status, res.Body)
	}
}

// hasField reports whether a validation problem names field with code.
func (p problem) hasField(field, code string) bool {
	for _, f := range p.Errors {
		if f.Field == field && f.Code == code {
			return true
		}
	}
	return false
}

// auditCount counts audit rows of an action.
func (e *env) auditCount(action string) int64 {
	e.t.Helper()
	var n int64
	if err := e.db.Gorm.Model(&lab.AuditEntry{}).Where("action = ?", action).Count(&n).Error; err != nil {
		e.t.Fatal(err)
	}
	return n
}

func (e *env) totalAudit() int64 {
	e.t.Helper()
	var n int64
	if err := e.db.Gorm.Model(&lab.AuditEntry{}).Count(&n).Error; err != nil {
		e.t.Fatal(err)
	}
	return n
}
