package astm

import (
	"context"
	"errors"
	"net"
	"sync"
)

// Server accepts analysers' TCP connections and serves each with the ASTM
// protocol, at most MaxConns at once.
type Server struct {
	host  Host
	cfg   Config
	slots chan struct{}
	wg    sync.WaitGroup
}

// NewServer serves host with cfg (zero fields take their defaults).
func NewServer(host Host, cfg Config) *Server {
	cfg = cfg.withDefaults()
	return &Server{host: host, cfg: cfg, slots: make(chan struct{}, cfg.MaxConns)}
}

// Serve accepts connections on ln until ctx ends (then it closes ln and
// waits for the connections to finish) or ln fails.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	stop := context.AfterFunc(ctx, func() { ln.Close() })
	defer stop()
	defer s.wg.Wait()
	for {
		conn, err := ln.Accept()
		if err != nil {
			if ctx.Err() != nil || errors.Is(err, net.ErrClosed) {
				return nil
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				continue
			}
			return err
		}
		select {
		case s.slots <- struct{}{}:
		default:
			// Over the cap: closing at once costs nothing and keeps the
			// analysers already connected served.
			s.cfg.Metrics.Connection(ConnRefused)
			s.cfg.Logger.Warn("astm: connection refused, too many open", "remote", conn.RemoteAddr().String(), "max", s.cfg.MaxConns)
			conn.Close()
			continue
		}
		s.cfg.Metrics.Connection(ConnOpened)
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			defer func() { <-s.slots }()
			defer s.cfg.Metrics.Connection(ConnClosed)
			defer conn.Close()
			defer func() {
				// One analyser's bad message must not stop the others.
				if v := recover(); v != nil {
					s.cfg.Logger.Error("astm: connection failed", "remote", conn.RemoteAddr().String(), "panic", v)
				}
			}()
			serveConn(ctx, conn, s.host, s.cfg)
		}()
	}
}
