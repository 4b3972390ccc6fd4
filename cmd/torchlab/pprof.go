package main

import (
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
)

// TORCHLAB_PPROF=127.0.0.1:6060 serves Go's profiler (net/http/pprof) on
// its own address while `torchlab serve` runs, for measuring under load
// (docs/performance.md). Off unless set; never expose it beyond the machine:
// profiles show code paths and the heap, and the handlers cost CPU.
func init() {
	addr := os.Getenv("TORCHLAB_PPROF")
	if addr == "" || (len(os.Args) > 1 && os.Args[1] != "serve") {
		return
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		slog.Error("TORCHLAB_PPROF: cannot listen", "addr", addr, "err", err)
		os.Exit(1)
	}
	slog.Warn("profiler on (TORCHLAB_PPROF); do not expose it", "addr", ln.Addr().String())
	go http.Serve(ln, mux)
}
