package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

// TestSlowASTMConnectionsDoNotStopTheAPI: 100 analysers that open a
// transmission and then stall (ENQ, half a frame, silence) hold at most
// the connection cap; the rest are closed at once, and the HTTP API goes
// on answering.
func TestSlowASTMConnectionsDoNotStopTheAPI(t *testing.T) {
	isolate(t)
	addr, astmAddr, metricsAddr := freeAddr(t), freeAddr(t), freeAddr(t)
	t.Setenv("TORCHLAB_ADDR", addr)
	t.Setenv("TORCHLAB_ASTM_ADDR", astmAddr)
	t.Setenv("TORCHLAB_METRICS_ADDR", metricsAddr)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve"}, nil, os.Stdout, io.Discard) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	client := &http.Client{Timeout: time.Minute}
	ready := func() bool {
		res, err := client.Get("http://" + addr + "/readyz")
		if err != nil {
			return false
		}
		res.Body.Close()
		return res.StatusCode == http.StatusOK
	}
	for !ready() {
		select {
		case err := <-done:
			t.Fatalf("serve stopped: %v", err)
		case <-time.After(50 * time.Millisecond):
		}
	}

	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for range 100 {
		c, err := net.Dial("tcp", astmAddr)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		c.Write([]byte("\x05\x021H|\\^&|||SLOW"))
	}
	if !ready() {
		t.Fatal("the API stopped answering under 100 stalled ASTM connections")
	}
	// Every connection was accepted or refused: the listener kept up.
	for {
		res, err := client.Get("http://" + metricsAddr + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if strings.Contains(string(body), `torchlab_interface_connections_open{protocol="astm"} 32`) &&
			strings.Contains(string(body), `torchlab_interface_connections_cut_total{protocol="astm",reason="limit"} 68`) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
}
