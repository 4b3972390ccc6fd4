package hl7_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"torchlab/api"
	"torchlab/api/hl7"
	"torchlab/lab"
	"torchlab/migrations"
)

// 100 slow connections (50 dripping a message a byte at a time, 50
// sending nothing) neither stop the HTTP API from answering nor stay open:
// the listener turns away those past its limit and cuts the others at its
// deadlines. Asserted on counts, not timings.
func TestSlowConnectionsAreCutAndTheAPIAnswers(t *testing.T) {
	w := newWorld(t, migrations.SQLite, 1, hl7.Config{MaxConnections: 60, IdleTimeout: time.Second, MessageTimeout: 2 * time.Second})
	handler, err := api.New(w.svc, api.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	web := httptest.NewServer(handler)
	defer web.Close()
	if _, err := w.svc.CreateUser(lab.SystemContext(context.Background(), "(test)"),
		lab.NewUser{Username: "tech", Password: "correct horse 1", Role: lab.RoleLabTech}); err != nil {
		t.Fatal(err)
	}

	var wg sync.WaitGroup
	closedByServer := make(chan bool, 100)
	hold := func(drip bool) {
		defer wg.Done()
		conn, err := net.Dial("tcp", w.addr)
		if err != nil {
			closedByServer <- false
			return
		}
		defer conn.Close()
		// A bound of our own far past the server's, so that a listener
		// that never cuts fails the test instead of hanging it.
		conn.SetDeadline(time.Now().Add(30 * time.Second))
		if drip {
			conn.Write([]byte{0x0b})
			go func() {
				for i := 0; i < 60; i++ {
					if _, err := conn.Write([]byte("M")); err != nil {
						return
					}
					time.Sleep(100 * time.Millisecond)
				}
			}()
		}
		_, err = io.Copy(io.Discard, conn)
		var ne net.Error
		closedByServer <- !(errors.As(err, &ne) && ne.Timeout())
	}
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go hold(true)
	}
	// The dripping ones hold their slots before the silent ones come.
	waitFor(t, func() bool { return value(t, w.metrics.Open) == 50 })
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go hold(false)
	}

	// Meanwhile the HTTP API answers: sign in, and read.
	for i := 0; i < 10; i++ {
		res, err := http.Post(web.URL+"/api/v1/auth/login", "application/json", strings.NewReader(`{"username":"tech","password":"correct horse 1"}`))
		if err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("sign-in while connections are held: %v %v", res, err)
		}
		res.Body.Close()
		if res, err = http.Get(web.URL + "/healthz"); err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("healthz while connections are held: %v %v", res, err)
		}
		res.Body.Close()
	}

	wg.Wait()
	close(closedByServer)
	cut := 0
	for byServer := range closedByServer {
		if byServer {
			cut++
		}
	}
	if cut != 100 {
		t.Fatalf("%d of 100 slow connections were ended by the listener", cut)
	}
	w.stop()
	closed := func(reason string) float64 {
		return value(t, w.metrics.Closed.WithLabelValues(lab.ProtocolHL7, reason))
	}
	if slow, idle, limit := closed("slow"), closed("idle"), closed("limit"); slow != 50 || idle+limit != 50 || limit < 1 {
		t.Fatalf("cut: %v mid-message, %v idle, %v at the limit; want 50, and 50 between idle and limit", slow, idle, limit)
	}
	if open := value(t, w.metrics.Open); open != 0 {
		t.Fatalf("%v connections still open", open)
	}
}

// waitFor polls cond (a count, not a timing) for up to 30 seconds.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for i := 0; i < 3000; i++ {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the condition was not met in 30 seconds")
}
