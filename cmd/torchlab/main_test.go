package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// isolate points the configuration at a fresh SQLite file and clears every
// TORCHLAB_ variable the machine may have set.
func isolate(t *testing.T) string {
	t.Helper()
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, "TORCHLAB_") {
			t.Setenv(name, "")
		}
	}
	path := filepath.Join(t.TempDir(), "station.db")
	t.Setenv("TORCHLAB_DB", "sqlite:"+path)
	t.Setenv("TORCHLAB_LOG_LEVEL", "error")
	return path
}

func TestConfigRefusesBadValuesByName(t *testing.T) {
	tests := []struct{ name, value, want string }{
		{"TORCHLAB_ADDR", "8080", "TORCHLAB_ADDR"},
		{"TORCHLAB_METRICS_ADDR", "9464", "TORCHLAB_METRICS_ADDR"},
		{"TORCHLAB_HL7_ADDR", "2575", "TORCHLAB_HL7_ADDR"},
		{"TORCHLAB_ASTM_ADDR", "4001", "TORCHLAB_ASTM_ADDR"},
		{"TORCHLAB_DB", "postgres://x", "TORCHLAB_DB: must start with sqlite: or mysql://"},
		{"TORCHLAB_DB", "mysql://root@tcp(127.0.0.1:3306)/", "TORCHLAB_DB: mysql: names no database"},
		{"TORCHLAB_LOG_LEVEL", "loud", "TORCHLAB_LOG_LEVEL"},
		{"TORCHLAB_LOG_FORMAT", "xml", "TORCHLAB_LOG_FORMAT"},
		{"TORCHLAB_SESSION_IDLE", "forever", "TORCHLAB_SESSION_IDLE"},
		{"TORCHLAB_SESSION_IDLE", "24h", "TORCHLAB_SESSION_IDLE: longer than TORCHLAB_SESSION_MAX"},
		{"TORCHLAB_SESSION_IDLE", "30s", "TORCHLAB_SESSION_IDLE: 30s is under the minimum of 5m"},
		{"TORCHLAB_SESSION_IDLE", "4m59s", "TORCHLAB_SESSION_IDLE: 4m59s is under the minimum"},
		{"TORCHLAB_COOKIE_SECURE", "maybe", "TORCHLAB_COOKIE_SECURE"},
		{"TORCHLAB_DB_MAX_OPEN", "0", "TORCHLAB_DB_MAX_OPEN"},
		{"TORCHLAB_TRUSTED_PROXIES", "10.0.0.0/8,lb.local", `TORCHLAB_TRUSTED_PROXIES: "lb.local"`},
		{"TORCHLAB_TIMEZONE", "Beijing", "TORCHLAB_TIMEZONE"},
		{"TORCHLAB_KEY", "c2hvcnQ=", "TORCHLAB_KEY: decodes to 5 bytes"},
		{"TORCHLAB_SHUTDOWN_TIMEOUT", "-1s", "TORCHLAB_SHUTDOWN_TIMEOUT"},
		{"TORCHLAB_WEBHOOK_URLS", "ftp://files.example", `TORCHLAB_WEBHOOK_URLS: "ftp://files.example"`},
		{"TORCHLAB_WEBHOOK_URLS", "https://hooks.example/torchlab", "TORCHLAB_WEBHOOK_SECRET: required"},
		{"TORCHLAB_ORG_URI", "fybj.example.gov.cn", `TORCHLAB_ORG_URI: "fybj.example.gov.cn"`},
		{"TORCHLAB_ORG_URI", "urn:oid:1.2.156.1", "TORCHLAB_ORG_URI: \"urn:oid:1.2.156.1\" is a urn:oid"},
	}
	for _, tc := range tests {
		t.Run(tc.name+"="+tc.value, func(t *testing.T) {
			isolate(t)
			t.Setenv(tc.name, tc.value)
			_, err := loadConfig()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to say %q", err, tc.want)
			}
		})
	}
}

func TestConfigOrgURIReachesTheService(t *testing.T) {
	isolate(t)
	if c, err := loadConfig(); err != nil || c.serviceOptions().OrgURI != "" {
		t.Fatalf("unset: %v, %v (the service then names itself from its database)", c, err)
	}
	t.Setenv("TORCHLAB_ORG_URI", "https://fybj.example.gov.cn")
	c, err := loadConfig()
	if err != nil || c.serviceOptions().OrgURI != "https://fybj.example.gov.cn" {
		t.Fatalf("config = %+v, %v", c, err)
	}
}

func TestConfigNeedsAKeyWithMySQL(t *testing.T) {
	isolate(t)
	t.Setenv("TORCHLAB_DB", "mysql://root@tcp(127.0.0.1:3306)/torchlab?parseTime=true")
	if _, err := loadConfig(); err == nil || !strings.Contains(err.Error(), "TORCHLAB_KEY: required with MySQL") {
		t.Fatalf("err = %v", err)
	}
	t.Setenv("TORCHLAB_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")
	c, err := loadConfig()
	if err != nil || len(c.Key) != 32 {
		t.Fatalf("config = %+v, %v", c, err)
	}
}

func TestConfigDefaultsAndSQLiteKeyFile(t *testing.T) {
	path := isolate(t)
	c, err := loadConfig()
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":8080" || c.SessionIdle != 2*time.Hour || c.Timezone != "Asia/Shanghai" || len(c.Key) != 32 {
		t.Fatalf("defaults = %+v", c)
	}
	if c.KeyFileCreated != path+".key" {
		t.Fatalf("key file = %q", c.KeyFileCreated)
	}
	st, err := os.Stat(path + ".key")
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode = %v, %v", st.Mode(), err)
	}
	again, err := loadConfig()
	if err != nil || !bytes.Equal(again.Key, c.Key) || again.KeyFileCreated != "" {
		t.Fatal("the second start did not reuse the key file")
	}
}

// The pool keeps as many idle connections as it may open, whatever the
// size asked for: fewer idle than open made a busy server reconnect
// hundreds of times a minute (lab.DefaultPool).
func TestConfigPoolKeepsItsConnections(t *testing.T) {
	for _, size := range []string{"", "8", "64"} {
		isolate(t)
		t.Setenv("TORCHLAB_DB_MAX_OPEN", size)
		c, err := loadConfig()
		if err != nil {
			t.Fatal(err)
		}
		p := c.pool()
		if want := map[string]int{"": 32, "8": 8, "64": 64}[size]; p.MaxOpen != want || p.MaxIdle != want {
			t.Fatalf("TORCHLAB_DB_MAX_OPEN=%q: pool %+v, want %d open and idle", size, p, want)
		}
	}
}

func TestCommandLine(t *testing.T) {
	isolate(t)
	ctx := context.Background()
	var out, errOut bytes.Buffer
	if err := run(ctx, []string{"migrate"}, nil, &out, &errOut); err != nil || !strings.Contains(out.String(), "schema at version") {
		t.Fatalf("migrate: %v %q", err, out.String())
	}
	out.Reset()
	if err := run(ctx, []string{"station", "add", "--code", "hd01", "--name", "海淀站"}, nil, &out, &errOut); err != nil {
		t.Fatalf("station add: %v", err)
	}
	if !strings.Contains(out.String(), "station HD01") {
		t.Fatalf("station add said %q", out.String())
	}
	out.Reset()
	err := run(ctx, []string{"user", "add", "--username", "li.na", "--role", "nurse", "--station", "HD01", "--name", "李娜"},
		strings.NewReader("a good password\n"), &out, &errOut)
	if err != nil || !strings.Contains(out.String(), "user li.na (nurse)") {
		t.Fatalf("user add: %v %q", err, out.String())
	}
	err = run(ctx, []string{"user", "add", "--username", "x", "--role", "nurse"}, strings.NewReader("short\n"), &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "username: invalid") || !strings.Contains(err.Error(), "password: too_short") {
		t.Fatalf("bad user add: %v", err)
	}
	for pw, code := range map[string]string{"password": "too_short", "12345678": "too_short", "          ": "blank", "1234567890": "common"} {
		err = run(ctx, []string{"user", "add", "--username", "weak.pw", "--role", "lab_tech"}, strings.NewReader(pw+"\n"), &out, &errOut)
		if err == nil || !strings.Contains(err.Error(), "password: "+code) {
			t.Fatalf("user add with password %q: %v; want %s", pw, err, code)
		}
	}
	err = run(ctx, []string{"user", "add", "--username", "wang", "--role", "nurse", "--station", "NOPE"}, strings.NewReader("a good password\n"), &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "station NOPE") {
		t.Fatalf("unknown station: %v", err)
	}
	if err := run(ctx, []string{"frobnicate"}, nil, &out, &errOut); err == nil {
		t.Fatal("an unknown command succeeded")
	}
}

// syncBuffer is a bytes.Buffer safe for the server goroutine to write.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// The first start creates the admin and prints her password once; it signs
// in, must be changed, and the service stops cleanly when told to.
func TestServeFirstStart(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		url := labtest.URL(t, d)
		isolate(t)
		t.Setenv("TORCHLAB_DB", url)
		if d == migrations.MySQL {
			t.Setenv("TORCHLAB_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")
		}
		serveFirstStart(t)
	})
}

func serveFirstStart(t *testing.T) {
	addr, metricsAddr := freeAddr(t), freeAddr(t)
	t.Setenv("TORCHLAB_ADDR", addr)
	t.Setenv("TORCHLAB_METRICS_ADDR", metricsAddr)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve"}, nil, os.Stdout, &stderr) }()

	base := "http://" + addr
	// Migrating a fresh MySQL database under the race detector, with every
	// test package running at once, can take many seconds: wait for the
	// service to be ready or to fail, not for a fixed time.
	deadline := time.Now().Add(2 * time.Minute)
	ready := false
	for !ready && time.Now().Before(deadline) {
		select {
		case err := <-done:
			t.Fatalf("serve stopped before it was ready: %v; stderr: %s", err, stderr.String())
		default:
		}
		res, err := http.Get(base + "/readyz")
		if err == nil {
			ready = res.StatusCode == http.StatusOK
			res.Body.Close()
		}
		if !ready {
			time.Sleep(50 * time.Millisecond)
		}
	}
	if !ready {
		t.Fatalf("never ready; stderr: %s", stderr.String())
	}
	var password string
	for _, line := range strings.Split(stderr.String(), "\n") {
		if p, ok := strings.CutPrefix(line, "initial admin password: "); ok {
			password = p
		}
	}
	if password == "" {
		t.Fatalf("no initial admin password printed: %q", stderr.String())
	}
	body := fmt.Sprintf(`{"username":"admin","password":%q}`, password)
	res, err := http.Post(base+"/api/v1/auth/login", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var login struct {
		User struct {
			MustChangePassword bool `json:"must_change_password"`
		} `json:"user"`
	}
	json.NewDecoder(res.Body).Decode(&login)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !login.User.MustChangePassword {
		t.Fatalf("login: %d %+v", res.StatusCode, login)
	}
	if err := run(ctx, []string{"healthcheck"}, nil, io.Discard, io.Discard); err != nil {
		t.Fatalf("healthcheck of a ready service: %v", err)
	}
	res, err = http.Get(base + "/")
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("web UI: %v %v", res, err)
	}
	res.Body.Close()
	// The metrics are on their own address only.
	if res, err = http.Get(base + "/metrics"); err != nil || res.StatusCode != http.StatusNotFound {
		t.Fatalf("/metrics on the service's address: %v %v", res, err)
	}
	res.Body.Close()
	res, err = http.Get("http://" + metricsAddr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	scraped, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(scraped), "torchlab_http_requests_total") {
		t.Fatalf("metrics on TORCHLAB_METRICS_ADDR: %d %.200s", res.StatusCode, scraped)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
	if err := run(context.Background(), []string{"healthcheck"}, nil, io.Discard, io.Discard); err == nil {
		t.Fatal("healthcheck passed with the service stopped")
	}
}

// A request in flight when the signal comes is answered before the server
// stops; a new connection after it is refused.
func TestShutdownLetsRequestsInFlightFinish(t *testing.T) {
	started := make(chan struct{})
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		time.Sleep(300 * time.Millisecond)
		w.Write([]byte("finished"))
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	srv := &http.Server{Handler: handler}
	go func() { done <- serveUntilDone(ctx, srv, ln, 5*time.Second, slog.New(slog.DiscardHandler)) }()

	type answer struct {
		body string
		err  error
	}
	got := make(chan answer, 1)
	go func() {
		res, err := http.Get("http://" + ln.Addr().String() + "/slow")
		if err != nil {
			got <- answer{err: err}
			return
		}
		b, err := io.ReadAll(res.Body)
		res.Body.Close()
		got <- answer{string(b), err}
	}()
	<-started
	cancel() // SIGTERM, as far as serve is concerned
	a := <-got
	if a.err != nil || a.body != "finished" {
		t.Fatalf("the request in flight got %q, %v", a.body, a.err)
	}
	if err := <-done; err != nil {
		t.Fatalf("serveUntilDone = %v", err)
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/again"); err == nil {
		t.Fatal("the stopped server still accepts connections")
	}
}

func TestDemo(t *testing.T) {
	path := isolate(t)
	var out bytes.Buffer
	if err := run(context.Background(), []string{"demo"}, nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"36 women", "nurse.dc", "counselor.xc", "tech", demoPassword} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("demo output lacks %q:\n%s", want, out.String())
		}
	}
	db, err := lab.OpenDatabase("sqlite:"+path, lab.DefaultPool)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	count := func(model any, where ...any) int64 {
		var n int64
		q := db.Gorm.Model(model)
		if len(where) > 0 {
			q = q.Where(where[0], where[1:]...)
		}
		q.Count(&n)
		return n
	}
	if count(&lab.Station{}) != 2 || count(&lab.User{}) != 7 || count(&lab.Client{}) != 36 {
		t.Fatalf("stations %d, users %d, clients %d", count(&lab.Station{}), count(&lab.User{}), count(&lab.Client{}))
	}
	for _, cat := range []lab.Category{lab.Newlywed, lab.Planning, lab.Pregnant} {
		if n := count(&lab.Client{}, "category = ?", cat); n != 12 {
			t.Errorf("%d %s women, want 12", n, cat)
		}
	}
	if n := count(&lab.Appointment{}); n < 10 {
		t.Errorf("only %d appointments booked", n)
	}
	if err := run(context.Background(), []string{"demo"}, nil, io.Discard, io.Discard); err == nil {
		t.Fatal("the demo filled a database that was not empty")
	}
}

// A database that has been served once (it has its first admin, and no
// station yet) is not empty: the demo, with its published password, refuses.
func TestDemoRefusesAServedDatabase(t *testing.T) {
	path := isolate(t)
	if err := run(context.Background(), []string{"migrate"}, nil, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	db, err := lab.OpenDatabase("sqlite:"+path, lab.DefaultPool)
	if err != nil {
		t.Fatal(err)
	}
	svc := lab.NewService(db, lab.Options{})
	_, err = svc.CreateUser(lab.SystemContext(context.Background(), "test"), lab.NewUser{Username: "admin", Password: "a long secret 1", Role: lab.RoleAdmin})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	if err := run(context.Background(), []string{"demo"}, nil, io.Discard, io.Discard); err == nil {
		t.Fatal("the demo filled a database that already has its admin")
	}
}
