package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os/signal"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"torchlab/api"
	"torchlab/api/hl7"
	"torchlab/api/interfaces"
	"torchlab/frontend"
	"torchlab/lab"
)

// serve runs the service until SIGINT or SIGTERM, then stops taking new
// connections and lets requests in flight finish (up to
// TORCHLAB_SHUTDOWN_TIMEOUT).
func serve(ctx context.Context, stderr io.Writer) error {
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	cfg, db, err := open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	log := cfg.logger()
	if cfg.KeyFileCreated != "" {
		log.Warn("made a new key for personal data; back it up with the database", "key_file", cfg.KeyFileCreated)
	}
	svc := lab.NewService(db, cfg.serviceOptions())
	password, err := svc.EnsureInitialAdmin(ctx)
	if err != nil {
		return err
	}
	if password != "" {
		// Printed once, never logged: the admin must change it at first sign-in.
		fmt.Fprintf(stderr, "initial admin password: %s\n", password)
	}

	reg := prometheus.NewRegistry()
	reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		collectors.NewDBStatsCollector(db.SQL, string(db.Dialect)),
	)
	handler, err := api.New(svc, api.Config{
		Logger:         log,
		Ready:          db.Ready,
		Frontend:       frontend.Dist(),
		SecureCookies:  cfg.SecureCookies,
		TrustedProxies: cfg.TrustedProxies,
		Registry:       reg,
		// A scrape every 15 s would otherwise read every open case and
		// released abnormal sample each time (0.65 s at a million women).
		SafetyNetMaxAge:     time.Minute,
		MessageReceiptToken: cfg.SMSReceiptToken,
		// Programme statistics at most a minute behind the records: one
		// summary a minute brings the kept days up to date, not every one
		// (docs/decisions.md, "Statistics at a million samples").
		StatsFreshness: time.Minute,
	})
	if err != nil {
		return err
	}
	srv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // an analyser CSV upload can be large
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	if cfg.MetricsAddr != "" {
		mln, err := net.Listen("tcp", cfg.MetricsAddr)
		if err != nil {
			ln.Close()
			return fmt.Errorf("TORCHLAB_METRICS_ADDR: %w", err)
		}
		metrics := &http.Server{Handler: handler.Metrics(), ReadHeaderTimeout: 10 * time.Second}
		go metrics.Serve(mln)
		defer metrics.Close()
		log.Info("metrics listening", "addr", mln.Addr().String())
	}
	// One set of interface metrics for the process: both listeners count
	// on it, told apart by the protocol label (registering twice would panic).
	interfaceMetrics := interfaces.NewMetrics(reg)
	if cfg.HL7Addr != "" {
		hln, err := net.Listen("tcp", cfg.HL7Addr)
		if err != nil {
			ln.Close()
			return fmt.Errorf("TORCHLAB_HL7_ADDR: %w", err)
		}
		listener := hl7.New(svc, hl7.Config{Logger: log, Metrics: interfaceMetrics})
		go func() {
			if err := listener.Serve(ctx, hln); err != nil {
				log.Error("hl7 listener stopped", "err", err)
			}
		}()
		log.Info("hl7 listening (MLLP)", "addr", hln.Addr().String())
	}
	if cfg.ASTMAddr != "" {
		runASTM, err := serveASTM(ctx, cfg.ASTMAddr, svc, interfaceMetrics, log)
		if err != nil {
			ln.Close()
			return err
		}
		go func() {
			if err := runASTM(); err != nil {
				log.Error("ASTM listener stopped", "err", err)
			}
		}()
	}
	log.Info("torchlab listening", "addr", ln.Addr().String(), "database", string(db.Dialect))
	go svc.RunJobs(ctx, cfg.JobInterval, log)
	if len(cfg.WebhookURLs) > 0 {
		go runWebhooks(ctx, svc, cfg.WebhookSecret, log)
	}
	if sender := cfg.messageSender(); sender != nil {
		go runMessages(ctx, svc, sender, log)
	} else {
		log.Info("no SMS gateway configured (TORCHLAB_SMS_PROVIDER): messages to women are kept queued, not sent")
	}
	if err := serveUntilDone(ctx, srv, ln, cfg.ShutdownTimeout, log); err != nil {
		return err
	}
	log.Info("stopped")
	return nil
}

// serveUntilDone serves on ln until ctx ends, then stops accepting
// connections and waits up to timeout for requests in flight to finish.
func serveUntilDone(ctx context.Context, srv *http.Server, ln net.Listener, timeout time.Duration, log *slog.Logger) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down; finishing requests in flight", "timeout", timeout.String())
	shutdownCtx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
