package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

// memWatch samples the server's resident memory once a second: from
// /proc/PID/status (VmRSS) when the pid is given, else from the server's
// metrics (process_resident_memory_bytes), served on their own address.
type memWatch struct {
	r      *runner
	cancel context.CancelFunc
	done   chan struct{}
	rep    memReport
}

type memReport struct {
	start, peak, end int64
	source           string
	err              error
}

func (m memReport) String() string {
	if m.err != nil {
		return "unknown (" + m.err.Error() + ")"
	}
	mib := func(b int64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }
	return fmt.Sprintf("%s at start, %s peak, %s at end (%s)", mib(m.start), mib(m.peak), mib(m.end), m.source)
}

func newMemWatch(r *runner) *memWatch { return &memWatch{r: r} }

func (m *memWatch) read(ctx context.Context) (int64, error) {
	if m.r.o.pid > 0 {
		m.rep.source = fmt.Sprintf("/proc/%d/status VmRSS", m.r.o.pid)
		return vmRSS(m.r.o.pid)
	}
	if m.r.o.metricsURL == "" {
		return 0, fmt.Errorf("give --pid, or --metrics with the server's TORCHLAB_METRICS_ADDR")
	}
	m.rep.source = "metrics process_resident_memory_bytes"
	req, err := http.NewRequestWithContext(ctx, "GET", m.r.o.metricsURL, nil)
	if err != nil {
		return 0, err
	}
	resp, err := m.r.http.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return residentFromMetrics(resp.Body)
}

func vmRSS(pid int) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb * 1024, err
		}
	}
	return 0, fmt.Errorf("no VmRSS in /proc/%d/status", pid)
}

func residentFromMetrics(r io.Reader) (int64, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "process_resident_memory_bytes "); ok {
			v, err := strconv.ParseFloat(strings.TrimSpace(rest), 64)
			return int64(v), err
		}
	}
	return 0, fmt.Errorf("no process_resident_memory_bytes in /metrics")
}

func (m *memWatch) start(ctx context.Context) {
	ctx, m.cancel = context.WithCancel(ctx)
	m.done = make(chan struct{})
	v, err := m.read(ctx)
	m.rep.start, m.rep.peak, m.rep.err = v, v, err
	go func() {
		defer close(m.done)
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if v, err := m.read(ctx); err == nil && v > m.rep.peak {
					m.rep.peak = v
				}
			}
		}
	}()
}

func (m *memWatch) stop() memReport {
	m.cancel()
	<-m.done
	v, err := m.read(context.Background())
	if err == nil {
		m.rep.end = v
		m.rep.peak = max(m.rep.peak, v)
	} else if m.rep.err == nil {
		m.rep.err = err
	}
	return m.rep
}
