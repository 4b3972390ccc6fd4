package astm

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"testing"
	"time"
)

func startServer(t *testing.T, host Host, cfg Config) net.Addr {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- NewServer(host, cfg).Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return ln.Addr()
}

func dial(t *testing.T, addr net.Addr) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func TestServerOverTCPAppliesAPublishedTranscript(t *testing.T) {
	host := &fakeHost{}
	m := newCountingMetrics()
	addr := startServer(t, host, testConfig(m))
	c := dial(t, addr)
	a := &analyser{t: t, conn: c, done: make(chan struct{})}
	close(a.done)
	a.replay(loadTranscript(t, "aqualink_results.txt"))
	m.waitFor(t, Accepted)
	assertAqualinkResults(t, host.got())
	if m.count(Received) != 1 || m.count(Refused) != 0 {
		t.Fatalf("metrics %+v", m.outcomes)
	}
}

func TestServerClosesConnectionsOverTheCap(t *testing.T) {
	host := &fakeHost{}
	m := newCountingMetrics()
	cfg := testConfig(m)
	cfg.MaxConns = 2
	addr := startServer(t, host, cfg)
	first, second := dial(t, addr), dial(t, addr)
	for _, c := range []net.Conn{first, second} {
		c.Write([]byte{enq})
		reply := make([]byte, 1)
		if _, err := io.ReadFull(c, reply); err != nil || reply[0] != ack {
			t.Fatalf("a connection under the cap is served: %q %v", reply, err)
		}
	}
	third := dial(t, addr)
	third.SetReadDeadline(time.Now().Add(5 * time.Second))
	if n, err := third.Read(make([]byte, 1)); err != io.EOF {
		t.Fatalf("the third connection should be closed, read %d, %v", n, err)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.conns[ConnRefused] != 1 || m.conns[ConnOpened] != 2 {
		t.Fatalf("connections %+v", m.conns)
	}
}

func TestShutdownEndsAStalledTransmission(t *testing.T) {
	host := &fakeHost{}
	cfg := testConfig(nil)
	cfg.FrameTimeout = time.Hour
	cfg.MessageTimeout = time.Hour
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- NewServer(host, cfg).Serve(ctx, ln) }()
	c := dial(t, ln.Addr())
	c.Write([]byte{enq})
	if _, err := io.ReadFull(c, make([]byte, 1)); err != nil {
		t.Fatal(err)
	}
	c.Write([]byte("\x021H|\\^&")) // and then nothing, for an hour
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if n, err := c.Read(make([]byte, 1)); err == nil || errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("the connection should be closed: read %d, %v", n, err)
	}
}
