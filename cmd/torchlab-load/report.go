package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Recording latencies and printing the per-operation figures.

type opStats struct {
	lats     []time.Duration
	errors   map[string]int
	firstErr string
}

type recorder struct {
	measure bool
	// phase ends the phase; an operation cut off by its end is not counted.
	phase context.Context
	ops   map[string]*opStats
}

func newRecorder(measure bool, phase context.Context) *recorder {
	return &recorder{measure: measure, phase: phase, ops: map[string]*opStats{}}
}

func (r *recorder) add(name string, lat time.Duration, status int, code string, err error) {
	if !r.measure {
		return
	}
	if err != nil && (r.phase.Err() != nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
		return // cut off by the end of the phase
	}
	s := r.ops[name]
	if s == nil {
		s = &opStats{errors: map[string]int{}}
		r.ops[name] = s
	}
	s.lats = append(s.lats, lat)
	switch {
	case err != nil:
		s.errors["transport"]++
		if s.firstErr == "" {
			s.firstErr = err.Error()
		}
	case status >= 400:
		k := strconv.Itoa(status)
		if code != "" {
			k += " " + code
		}
		s.errors[k]++
	}
}

type report struct {
	name        string
	elapsed     time.Duration
	concurrency int
	rate        float64 // offered operations a second; 0 for a closed loop
	ops         map[string]*opStats
	cpu         cpuUse
	mem         memReport
}

func (rep *report) merge(r *recorder) {
	if rep.ops == nil {
		rep.ops = map[string]*opStats{}
	}
	for name, s := range r.ops {
		t := rep.ops[name]
		if t == nil {
			t = &opStats{errors: map[string]int{}}
			rep.ops[name] = t
		}
		t.lats = append(t.lats, s.lats...)
		for k, n := range s.errors {
			t.errors[k] += n
		}
		if t.firstErr == "" {
			t.firstErr = s.firstErr
		}
	}
}

// line is one operation's figures.
type line struct {
	count         int
	rate          float64
	p50, p95, p99 time.Duration
	errs          int
	errText       string
}

func (rep *report) line(s *opStats) line {
	l := line{count: len(s.lats), rate: float64(len(s.lats)) / rep.elapsed.Seconds()}
	if len(s.lats) > 0 {
		sort.Slice(s.lats, func(i, j int) bool { return s.lats[i] < s.lats[j] })
		l.p50, l.p95, l.p99 = pct(s.lats, 0.50), pct(s.lats, 0.95), pct(s.lats, 0.99)
	}
	var keys []string
	for k, n := range s.errors {
		l.errs += n
		keys = append(keys, fmt.Sprintf("%s×%d", k, n))
	}
	sort.Strings(keys)
	l.errText = strings.Join(keys, ", ")
	if s.firstErr != "" {
		l.errText += " (first: " + s.firstErr + ")"
	}
	return l
}

// pct is the nearest-rank percentile of sorted latencies.
func pct(sorted []time.Duration, p float64) time.Duration {
	i := int(float64(len(sorted))*p+0.999999) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d.Microseconds())/1000) }

func (rep *report) all() *opStats {
	all := &opStats{errors: map[string]int{}}
	for _, s := range rep.ops {
		all.lats = append(all.lats, s.lats...)
		for k, n := range s.errors {
			all.errors[k] += n
		}
	}
	return all
}

// print gives what is counted first (operations, errors, CPU per
// operation, memory), then throughput and latency, which the machine's
// other work moves.
func (rep *report) print(w io.Writer) {
	offered := ""
	if rep.rate > 0 {
		offered = fmt.Sprintf(", %.0f operations a second offered", rep.rate)
	}
	all := rep.line(rep.all())
	fmt.Fprintf(w, "\nphase %s: %s at concurrency %d%s\n", rep.name, rep.elapsed.Round(time.Millisecond), rep.concurrency, offered)
	fmt.Fprintf(w, "operations: %d, errors: %d\n", all.count, all.errs)
	fmt.Fprintf(w, "CPU per operation: %s\n", rep.cpu.perOp(all.count))
	fmt.Fprintf(w, "server resident memory: %s\n", rep.mem)
	fmt.Fprintf(w, "throughput and latency (noisy: other work on the machine moves them):\n")
	fmt.Fprintf(w, "%-16s %8s %9s %8s %8s %8s  %s\n", "operation", "count", "ops/s", "p50 ms", "p95 ms", "p99 ms", "errors")
	var names []string
	for n := range rep.ops {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		l := rep.line(rep.ops[n])
		fmt.Fprintf(w, "%-16s %8d %9.1f %8s %8s %8s  %d %s\n", n, l.count, l.rate, ms(l.p50), ms(l.p95), ms(l.p99), l.errs, l.errText)
	}
	fmt.Fprintf(w, "%-16s %8d %9.1f %8s %8s %8s  %d\n", "ALL", all.count, all.rate, ms(all.p50), ms(all.p95), ms(all.p99), all.errs)
}
