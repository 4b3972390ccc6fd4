package hl7_test

import (
	"context"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"golang.org/x/crypto/bcrypt"

	"torchlab/api/hl7"
	"torchlab/api/interfaces"
	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// world is a running torchlab HL7 listener on a fresh database with
// received samples and one configured analyser.
type world struct {
	svc      *lab.Service
	db       *lab.DB
	addr     string
	metrics  *interfaces.Metrics
	analyser *lab.Analyser
	samples  []string
	stop     func()
}

func newWorld(t *testing.T, d migrations.Dialect, samples int, cfg hl7.Config) *world {
	t.Helper()
	db := labtest.Open(t, d)
	w := &world{db: db, svc: lab.NewService(db, lab.Options{Key: labtest.Key, BcryptCost: bcrypt.MinCost}),
		metrics: interfaces.NewMetrics(nil)}
	w.samples = labtest.ReceivedSamples(t, db, "STA", samples)
	admin := lab.WithActor(context.Background(), lab.Actor{UserID: 1, Username: "admin", Role: lab.RoleAdmin})
	var err error
	w.analyser, err = w.svc.CreateAnalyser(admin, lab.NewAnalyser{Name: "Maglumi 800", Protocol: lab.ProtocolHL7, SenderID: "MAGLUMI",
		CodeMap: map[string]string{"8039-0": "TOXO_IGG", "TOXO-G": "TOXO_IGG", "TOXO-M": "TOXO_IGM", "CMV-M": "CMV_IGM"}})
	if err != nil {
		t.Fatal(err)
	}
	// The NIST example's sender, mapped to the same analyser's codes.
	if _, err := w.svc.CreateAnalyser(admin, lab.NewAnalyser{Name: "NIST example", Protocol: lab.ProtocolHL7, SenderID: "EHR Application^EHR Facility",
		CodeMap: map[string]string{"8039-0": "TOXO_IGG"}}); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	w.addr = ln.Addr().String()
	cfg.Metrics = w.metrics
	srv := hl7.New(w.svc, cfg)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	var once sync.Once
	w.stop = func() { once.Do(func() { stopListener(t, cancel, done) }) }
	t.Cleanup(w.stop)
	return w
}

// stopListener ends the listener and waits for it and its connections.
func stopListener(t *testing.T, cancel func(), done chan error) {
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Errorf("the listener did not stop")
	}
}

// value reads a counter or gauge.
func value(t *testing.T, c prometheus.Collector) float64 {
	t.Helper()
	ch := make(chan prometheus.Metric, 1)
	go func() { c.Collect(ch); close(ch) }()
	total := 0.0
	for m := range ch {
		var d dto.Metric
		if err := m.Write(&d); err != nil {
			t.Fatal(err)
		}
		total += d.GetCounter().GetValue() + d.GetGauge().GetValue()
	}
	return total
}
