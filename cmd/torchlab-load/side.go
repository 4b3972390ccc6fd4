package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"

	"torchlab/lab"
)

// The side-by-side phases: booking and result entry through the API and
// as the same bare SQL, at the same concurrency, in the same run.

// sideBySide runs booking and result entry through the API and then as
// bare SQL, at the same concurrency, and prints the ratio of throughputs:
// each round runs the five phases in turn (sideOrder: booking also behind
// the bare Gin handler), and with several rounds the median ratios, since
// one round's ratio moves by a tenth or more from run to run.
func (r *runner) sideBySide(ctx context.Context, stdout io.Writer) error {
	b := r.bare
	if len(b.clients) == 0 || len(b.samples) == 0 {
		return fmt.Errorf("side by side: the pools are empty (seed a programme first)")
	}
	rounds := make([]map[string]*report, r.o.sideRounds)
	for i := range rounds {
		rounds[i] = map[string]*report{}
		for _, sp := range sideOrder(i) {
			if r.o.sideRounds > 1 {
				fmt.Fprintf(stdout, "\nround %d of %d, ", i+1, r.o.sideRounds)
			}
			rep, err := r.sidePhase(ctx, sp, stdout)
			if err != nil {
				return err
			}
			rounds[i][sp.name] = rep
		}
	}
	fmt.Fprintf(stdout, "\nside by side at concurrency %d (%s each):\n", r.o.concurrency, r.o.sideDur)
	fmt.Fprintf(stdout, "%-10s %5s %10s %8s %8s %10s %8s %8s %10s %12s\n", "operation", "round", "API ops/s", "p50 ms", "p99 ms", "bare ops/s", "p50 ms", "p99 ms", "bare÷API", "CPU ms/op")
	ratios := map[string][]float64{}
	for _, op := range []string{"book", "results"} {
		for i, reports := range rounds {
			a := reports[op+" via API"]
			z := reports[op+" as bare SQL"]
			la, lz := a.line(a.all()), z.line(z.all())
			ratio := 0.0
			if la.rate > 0 {
				ratio = lz.rate / la.rate
			}
			ratios[op] = append(ratios[op], ratio)
			// The CPU of every watched process per operation, API and bare:
			// on a machine the three share, their ratio is the throughputs'.
			cpu := "-"
			if ta, tz := a.cpu.total(la.count), z.cpu.total(lz.count); ta > 0 && tz > 0 {
				cpu = fmt.Sprintf("%.2f / %.2f", ta, tz)
			}
			fmt.Fprintf(stdout, "%-10s %5d %10.1f %8s %8s %10.1f %8s %8s %10.2f %12s\n", op, i+1, la.rate, ms(la.p50), ms(la.p99), lz.rate, ms(lz.p50), ms(lz.p99), ratio, cpu)
		}
	}
	fmt.Fprintf(stdout, "\nbooking behind a Gin handler doing nothing but the bare transaction (a process of its own):\n")
	fmt.Fprintf(stdout, "%-10s %5s %14s %8s %8s %14s %12s %12s\n", "operation", "round", "handler ops/s", "p50 ms", "p99 ms", "bare÷handler", "handler÷API", "CPU ms/op")
	for i, reports := range rounds {
		a, h, z := reports["book via API"], reports["book via bare handler"], reports["book as bare SQL"]
		la, lh, lz := a.line(a.all()), h.line(h.all()), z.line(z.all())
		var bareRatio, apiRatio float64
		if lh.rate > 0 {
			bareRatio = lz.rate / lh.rate
		}
		if la.rate > 0 {
			apiRatio = lh.rate / la.rate
		}
		ratios["book bare÷handler"] = append(ratios["book bare÷handler"], bareRatio)
		ratios["book handler÷API"] = append(ratios["book handler÷API"], apiRatio)
		cpu := "-"
		if th := h.cpu.total(lh.count); th > 0 {
			cpu = fmt.Sprintf("%.2f", th)
		}
		fmt.Fprintf(stdout, "%-10s %5d %14.1f %8s %8s %14.2f %12.2f %12s\n", "book", i+1, lh.rate, ms(lh.p50), ms(lh.p99), bareRatio, apiRatio, cpu)
	}
	if len(rounds) > 1 {
		fmt.Fprint(stdout, oddRoundsNote(len(rounds)))
		for _, m := range []struct{ key, label string }{
			{"book", "bare÷API of book"}, {"results", "bare÷API of results"},
			{"book bare÷handler", "bare÷handler of book"}, {"book handler÷API", "handler÷API of book"},
		} {
			rs := slices.Clone(ratios[m.key])
			slices.Sort(rs)
			fmt.Fprintf(stdout, "median %s over %d rounds: %.2f (%.2f–%.2f)\n", m.label, len(rs), median(rs), rs[0], rs[len(rs)-1])
		}
	}
	return nil
}

// sideOrder is the order of round i's phases (from 0): booking, then
// result entry, each through the API and as bare SQL, the bare phase
// first in every second round. A phase runs on what the one before left
// (rows deleted and not yet purged, pages flushing), so one side always
// second would carry a bias the median cannot take out. Booking also runs
// behind the bare Gin handler, always between its two other sides.
func sideOrder(i int) []sideSpec {
	var specs []sideSpec
	for _, op := range []string{"book", "results"} {
		first, last := sideSpec{op + " via API", op, viaAPI}, sideSpec{op + " as bare SQL", op, viaBareSQL}
		if i%2 == 1 {
			first, last = last, first
		}
		specs = append(specs, first)
		if op == "book" {
			specs = append(specs, sideSpec{op + " via bare handler", op, viaBareHandler})
		}
		specs = append(specs, last)
	}
	return specs
}

// oddRoundsNote warns that an odd number of rounds weighs one order of
// the sides more than the other (sideOrder): the side that runs second in
// a round is measured faster (on MariaDB, bare booking 1,810–1,822 a
// second after result entry, 2,204–2,498 right after the API's booking).
func oddRoundsNote(rounds int) string {
	if rounds < 2 || rounds%2 == 0 {
		return ""
	}
	return fmt.Sprintf("note: in %d rounds the API went first once more often than the bare side; an even number weighs both orders alike\n", rounds)
}

// median of sorted values.
func median(sorted []float64) float64 {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}

// sideSpec is one side-by-side phase: an operation through the API, as
// bare SQL, or (booking) as bare SQL behind a Gin handler.
type sideSpec struct {
	name string
	op   string
	via  sideVia
}

type sideVia int

const (
	viaAPI sideVia = iota
	viaBareSQL
	viaBareHandler
)

// sidePhase runs one side-by-side phase from the start of its pool, prints
// its report and gives back what it took.
func (r *runner) sidePhase(ctx context.Context, sp sideSpec, stdout io.Writer) (*report, error) {
	b := r.bare
	// A nurse of every station in the pool books her own women.
	nurseOf := map[int64]*session{}
	aheadOf := map[int64][]int64{}
	var allAhead []int64
	for _, st := range r.stations {
		nurseOf[st.id] = st.nurses[0]
		aheadOf[st.id] = st.ahead
		allAhead = append(allAhead, st.ahead...)
	}
	// giveBack returns what the phase (or its warm-up) took from its
	// pool, and starts the pool again from its first woman or tube.
	giveBack := func() error {
		used := int(b.next.Load())
		b.next.Store(0)
		if sp.op == "book" {
			return b.giveBack(ctx, used, 0, allAhead)
		}
		return b.giveBack(ctx, 0, used, nil)
	}
	b.next.Store(0)
	if sp.via == viaBareHandler {
		// Its CPU is the handler process's, where torchlab's is the API's.
		r.servedBy = r.handler.pid
		defer func() { r.servedBy = 0 }()
	}
	rep, err := r.phase(ctx, sp.name, r.o.sideDur, 0, func(w *worker) func(context.Context) {
		return func(ctx context.Context) {
			switch sp.op {
			case "book":
				i, ok := b.take(len(b.clients))
				if !ok {
					w.stop()
					return
				}
				c := b.clients[i]
				slots := aheadOf[c.station]
				slot := slots[w.rng.IntN(len(slots))]
				start := time.Now()
				var out struct {
					ID int64 `json:"id"`
				}
				switch sp.via {
				case viaAPI:
					st, code, err := r.call(ctx, nurseOf[c.station], "POST", "/api/v1/appointments", map[string]any{"client_id": c.id, "slot_id": slot}, &out)
					w.rec.add("book", time.Since(start), st, code, err)
					return
				case viaBareHandler:
					st, code, err := r.callURL(ctx, nil, "POST", r.handler.url+"/book",
						bareBooking{ClientID: c.id, StationID: c.station, Category: c.category, SlotID: slot}, &out)
					w.rec.add("book", time.Since(start), st, code, err)
					return
				}
				// Retried after a deadlock as the API's booking is: an
				// insert can meet a deleted, not yet purged row of the
				// API phase.
				var code string
				err := lab.RetryLockConflicts(func() (err error) {
					_, code, err = b.bookTx(ctx, c, slot, 1)
					return err
				})
				st := 201
				if code != "" {
					st = 422
				}
				w.rec.add("book", time.Since(start), st, code, err)
			case "results":
				i, ok := b.take(len(b.samples))
				if !ok {
					w.stop()
					return
				}
				s := b.samples[i]
				panel := torch8
				if s.panel == "NFPCP" {
					panel = nfpcp
				}
				values := w.resultValues(panel)
				start := time.Now()
				if sp.via == viaAPI {
					st, code, err := r.call(ctx, w.tech, "PUT", "/api/v1/samples/"+s.acc+"/results", map[string]any{"results": values}, nil)
					w.rec.add("results", time.Since(start), st, code, err)
					return
				}
				m := map[string]string{}
				for _, v := range values {
					m[v["analyte"]] = v["value"]
				}
				var code string
				err := lab.RetryLockConflicts(func() (err error) {
					code, err = b.resultsTx(ctx, s, m, 1)
					return err
				})
				st := 200
				if code != "" {
					st = 422
				}
				w.rec.add("results", time.Since(start), st, code, err)
			}
		}
	}, giveBack)
	if err != nil {
		return nil, err
	}
	pool := len(b.clients)
	if sp.op == "results" {
		pool = len(b.samples)
	}
	rep.print(stdout)
	if int(b.next.Load()) >= pool {
		fmt.Fprintf(stdout, "note: the pool (%d) ran out after %s, which ended the phase; seed more women for longer phases\n",
			pool, rep.elapsed.Round(time.Millisecond))
	}
	return rep, giveBack()
}
