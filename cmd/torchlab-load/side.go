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
// bare SQL, at the same concurrency, and booking through the yardstick
// (yardstick.go): each round runs the five phases in turn (sideOrder), and
// with several rounds the median ratios, since one round's ratio moves by
// a tenth or more from run to run. It prints what is counted first, the
// CPU per operation of each process and the ratio API ÷ yardstick in CPU
// per booking (with the mix's CPU per operation, when mixed ran), and
// throughput second: on a machine shared with other work throughput moves
// with that work, CPU per operation much less.
func (r *runner) sideBySide(ctx context.Context, stdout io.Writer, mixed *report) error {
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
	printSideCPU(stdout, r.o, rounds, mixed)
	printSideThroughput(stdout, r.o, rounds)
	return nil
}

// Goals the report holds the figures against (docs/performance.md): the
// API's booking at most this many times the yardstick's CPU per booking,
// and the mix at most this share of the CPU per operation of the code it
// is compared with (--base-mix-cpu). The mix's goal is relative: its CPU
// per operation moves with the machine, its load and the database, and
// only two codes measured in the same conditions compare.
const (
	goalBookingRatio = 1.2
	goalMixShare     = 0.5
)

// mixVerdict is the report's line on the mix's CPU per operation: against
// its goal when the compared code's figure is given, else the figure alone.
func mixVerdict(total, base float64) string {
	if base == 0 {
		return fmt.Sprintf("mix CPU per operation: %.2f ms (no --base-mix-cpu to hold it to its goal, ≤ %.1f × the compared code's)", total, goalMixShare)
	}
	share := total / base
	verdict := "met"
	if share > goalMixShare || total == 0 {
		verdict = "not met"
	}
	return fmt.Sprintf("mix CPU per operation: %.2f ms, %.2f × the compared code's %.2f ms (goal ≤ %.1f: %s)", total, share, base, goalMixShare, verdict)
}

// printSideCPU prints each side phase's count and CPU per operation by
// process, then the median ratios of CPU per operation.
func printSideCPU(w io.Writer, o runOptions, rounds []map[string]*report, mixed *report) {
	fmt.Fprintf(w, "\nCPU per operation, ms, at concurrency %d (%s a phase):\n", o.concurrency, o.sideDur)
	fmt.Fprintf(w, "%-20s %5s %8s %7s %9s %6s %8s\n", "phase", "round", "count", "server", "database", "tool", "total")
	cpuLine := func(name, round string, rep *report) float64 {
		n := len(rep.all().lats)
		u := rep.cpu
		part := func(watched bool, d time.Duration) string {
			if !watched || u.err != nil || n == 0 {
				return "-"
			}
			return fmt.Sprintf("%.2f", float64(d.Microseconds())/1000/float64(n))
		}
		total := u.total(n)
		fmt.Fprintf(w, "%-20s %5s %8d %7s %9s %6s %8.2f\n", name, round, n, part(u.watchServer, u.server), part(u.watchDB, u.db), part(true, u.self), total)
		return total
	}
	ratios := map[string][]float64{}
	for i, reports := range rounds {
		for _, sp := range sideOrder(0) {
			cpuLine(sp.name, fmt.Sprint(i+1), reports[sp.name])
		}
		ratio := func(key, num, den string) {
			a, z := reports[num], reports[den]
			if ta, tz := a.cpu.total(len(a.all().lats)), z.cpu.total(len(z.all().lats)); ta > 0 && tz > 0 {
				ratios[key] = append(ratios[key], ta/tz)
			}
		}
		// Both servers' CPU, or neither's: without --pid torchlab's is
		// not known, and the yardstick's alone would weigh its side.
		if reports["book via API"].cpu.watchServer {
			ratio("yardstick", "book via API", "book via yardstick")
		}
		ratio("bare book", "book via API", "book as bare SQL")
		ratio("bare results", "results via API", "results as bare SQL")
	}
	if mixed != nil {
		total := cpuLine("mix (every operation)", "-", mixed)
		fmt.Fprintln(w, mixVerdict(total, o.baseMixCPU))
	}
	for _, m := range []struct{ key, label string }{
		{"yardstick", "API ÷ yardstick, CPU per booking"},
		{"bare book", "API ÷ bare SQL, CPU per booking"},
		{"bare results", "API ÷ bare SQL, CPU per result entry"},
	} {
		rs := slices.Clone(ratios[m.key])
		if len(rs) == 0 {
			fmt.Fprintf(w, "%s: unknown (give --pid and --db-pid)\n", m.label)
			continue
		}
		slices.Sort(rs)
		goal := ""
		if m.key == "yardstick" {
			verdict := "met"
			if median(rs) > goalBookingRatio {
				verdict = "not met"
			}
			goal = fmt.Sprintf("; goal ≤ %.1f: %s", goalBookingRatio, verdict)
		}
		fmt.Fprintf(w, "%s, median of %d rounds: %.2f (%.2f–%.2f)%s\n", m.label, len(rs), median(rs), rs[0], rs[len(rs)-1], goal)
	}
}

// printSideThroughput prints each side's throughput and latency, and the
// median ratios of throughput: figures the machine's other work moves.
func printSideThroughput(w io.Writer, o runOptions, rounds []map[string]*report) {
	fmt.Fprintf(w, "\nthroughput side by side (noisy: other work on the machine moves it; trust CPU per operation):\n")
	fmt.Fprintf(w, "%-10s %5s %10s %8s %8s %10s %8s %8s %10s\n", "operation", "round", "API ops/s", "p50 ms", "p99 ms", "bare ops/s", "p50 ms", "p99 ms", "bare÷API")
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
			fmt.Fprintf(w, "%-10s %5d %10.1f %8s %8s %10.1f %8s %8s %10.2f\n", op, i+1, la.rate, ms(la.p50), ms(la.p99), lz.rate, ms(lz.p50), ms(lz.p99), ratio)
		}
	}
	fmt.Fprintf(w, "%-10s %5s %16s %8s %8s %16s\n", "operation", "round", "yardstick ops/s", "p50 ms", "p99 ms", "yardstick÷API")
	for i, reports := range rounds {
		a, y := reports["book via API"], reports["book via yardstick"]
		la, ly := a.line(a.all()), y.line(y.all())
		ratio := 0.0
		if la.rate > 0 {
			ratio = ly.rate / la.rate
		}
		ratios["book yardstick÷API"] = append(ratios["book yardstick÷API"], ratio)
		fmt.Fprintf(w, "%-10s %5d %16.1f %8s %8s %16.2f\n", "book", i+1, ly.rate, ms(ly.p50), ms(ly.p99), ratio)
	}
	if len(rounds) > 1 {
		fmt.Fprint(w, oddRoundsNote(len(rounds)))
		for _, m := range []struct{ key, label string }{
			{"book", "bare÷API of book"}, {"results", "bare÷API of results"}, {"book yardstick÷API", "yardstick÷API of book"},
		} {
			rs := slices.Clone(ratios[m.key])
			slices.Sort(rs)
			fmt.Fprintf(w, "median %s over %d rounds (throughput): %.2f (%.2f–%.2f)\n", m.label, len(rs), median(rs), rs[0], rs[len(rs)-1])
		}
	}
}

// sideOrder is the order of round i's phases (from 0): booking, then
// result entry, each through the API and as bare SQL, the bare phase
// first in every second round. A phase runs on what the one before left
// (rows deleted and not yet purged, pages flushing), so one side always
// second would carry a bias the median cannot take out. Booking also runs
// through the yardstick, always between its two other sides.
func sideOrder(i int) []sideSpec {
	var specs []sideSpec
	for _, op := range []string{"book", "results"} {
		first, last := sideSpec{op + " via API", op, viaAPI}, sideSpec{op + " as bare SQL", op, viaBareSQL}
		if i%2 == 1 {
			first, last = last, first
		}
		specs = append(specs, first)
		if op == "book" {
			specs = append(specs, sideSpec{op + " via yardstick", op, viaYardstick})
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
// bare SQL, or (booking) through the yardstick.
type sideSpec struct {
	name string
	op   string
	via  sideVia
}

type sideVia int

const (
	viaAPI sideVia = iota
	viaBareSQL
	viaYardstick
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
	if sp.via == viaYardstick {
		// Its CPU is the yardstick process's, where torchlab's is the API's.
		r.servedBy = r.yardstick.pid
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
				case viaYardstick:
					st, code, err := r.callURL(ctx, nurseOf[c.station], "POST", r.yardstick.url+"/book",
						yardstickBooking{ClientID: c.id, SlotID: slot}, &out)
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
