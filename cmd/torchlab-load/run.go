package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"torchlab/cmd/torchlab-load/loadgen"
	"torchlab/lab"
)

// runOptions are the flags of torchlab-load run.
type runOptions struct {
	url         string
	concurrency int
	duration    time.Duration
	sideDur     time.Duration
	sideRounds  int
	rate        float64
	warmup      time.Duration
	mix         map[string]int
	bareDSN     string
	pid         int
	metricsURL  string
	dbPid       int
	stations    int
	password    string
	only        string
	// baseMixCPU is the mix's CPU per operation of the code compared
	// against, measured the same way (docs/performance.md §3.2).
	baseMixCPU float64
}

// defaultMix is a day's work across roles, by weight: the desk and the
// bench flow (register → book → check in → collect → receive → results →
// verify), the searches and lists each of them reads, the counselors'
// queue, and the statistics now and then. A followup_queue is one visit of
// the queue screen (one request, and a second one visit in ten): weight 6
// since the screen asks for her active cases in one request, where it
// asked in two, each then an operation of weight 12 in all. A close at
// weight 1 closes about as many cases as the mix's releases open (about a
// fifth of verifications open one at the seed's positivity), so that the
// queues, and the figures, stay the same from run to run.
var defaultMix = "search=14,day_list=8,register=6,book=6,check_in=6,collect=6,receive=6,results=6,verify=6,samples_list=8,followup_queue=6,followup_get=6,contact=3,close=1,notifications=4,stats=1"

func runCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("run", stderr)
	var o runOptions
	fs.StringVar(&o.url, "url", "http://127.0.0.1:8080", "the torchlab to drive")
	fs.IntVar(&o.concurrency, "concurrency", 32, "simultaneous virtual users")
	fs.DurationVar(&o.duration, "duration", 60*time.Second, "how long the mixed phase runs")
	fs.DurationVar(&o.sideDur, "side-duration", 20*time.Second, "how long each side-by-side phase runs (with --bare-dsn)")
	fs.Float64Var(&o.rate, "rate", 0, "operations a second offered in the mixed phase, whatever the answers' pace (0: each user starts her next as soon as one is answered)")
	fs.IntVar(&o.sideRounds, "side-rounds", 1, "how many times the side-by-side phases run, for the median ratios")
	fs.DurationVar(&o.warmup, "warmup", 3*time.Second, "unmeasured warm-up before each phase")
	mix := fs.String("mix", defaultMix, "operations and their weights")
	fs.StringVar(&o.bareDSN, "bare-dsn", "", "the server's database (TORCHLAB_DB form): adds the side-by-side phases, booking and result entry through the API and as bare SQL, and booking through the yardstick (net/http, sessions in memory, one round trip)")
	fs.IntVar(&o.pid, "pid", 0, "the server's process id, to read its resident memory and CPU time from /proc (default: memory from --metrics, CPU not shown)")
	fs.StringVar(&o.metricsURL, "metrics", "", "the server's metrics, such as http://127.0.0.1:9464/metrics (its TORCHLAB_METRICS_ADDR), to read its resident memory when --pid is not given")
	fs.IntVar(&o.dbPid, "db-pid", 0, "the database server's process id on this machine (such as $(pidof mariadbd)), to show its CPU time per operation")
	fs.IntVar(&o.stations, "stations", 0, "use at most this many seeded stations (default all, up to the concurrency)")
	fs.StringVar(&o.password, "password", loadgen.DefaultPassword, "the seeded users' password")
	fs.StringVar(&o.only, "phases", "mixed,side", "which phases: mixed, side, or both")
	fs.Float64Var(&o.baseMixCPU, "base-mix-cpu", 0, "the mix's CPU ms per operation of the code to compare against, measured on this machine and database the same way: the mix is held to half of it")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var err error
	if o.mix, err = parseMix(*mix); err != nil {
		return err
	}
	if o.baseMixCPU < 0 {
		return fmt.Errorf("--base-mix-cpu: %v is not a CPU time", o.baseMixCPU)
	}
	if o.rate < 0 {
		return fmt.Errorf("--rate: not negative")
	}
	if o.sideRounds < 1 {
		return fmt.Errorf("--side-rounds: at least 1")
	}
	r, err := newRunner(ctx, o, stderr)
	if err != nil {
		return err
	}
	defer r.close()
	fmt.Fprintf(stdout, "torchlab-load run: %s, concurrency %d, %d stations, %s\n", o.url, o.concurrency, len(r.stations), machine())
	var mixed *report
	if strings.Contains(o.only, "mixed") {
		if mixed, err = r.phase(ctx, "mixed", o.duration, o.rate, func(w *worker) func(context.Context) { return w.mixed }, nil); err != nil {
			return err
		}
		mixed.print(stdout)
		// With side-by-side phases the verdict comes with their CPU table.
		if o.baseMixCPU > 0 && (r.bare == nil || !strings.Contains(o.only, "side")) {
			fmt.Fprintln(stdout, mixVerdict(mixed.cpu.total(len(mixed.all().lats)), o.baseMixCPU))
		}
	}
	if strings.Contains(o.only, "side") {
		if r.bare == nil {
			fmt.Fprintln(stdout, "side by side: skipped (give --bare-dsn)")
			return nil
		}
		return r.sideBySide(ctx, stdout, mixed)
	}
	return nil
}

func parseMix(s string) (map[string]int, error) {
	m := map[string]int{}
	for _, part := range strings.Split(s, ",") {
		name, w, ok := strings.Cut(strings.TrimSpace(part), "=")
		n, err := strconv.Atoi(w)
		if !ok || err != nil || n < 0 {
			return nil, fmt.Errorf("--mix: %q is not NAME=WEIGHT", part)
		}
		if _, known := ops[name]; !known {
			return nil, fmt.Errorf("--mix: unknown operation %q (known: %s)", name, strings.Join(opNames(), ", "))
		}
		m[name] = n
	}
	return m, nil
}

// machine says what the figures were taken on.
func machine() string {
	load, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(load))
	if len(f) >= 3 {
		return fmt.Sprintf("load average %s %s %s at start", f[0], f[1], f[2])
	}
	return "load average unknown"
}

type runner struct {
	o         runOptions
	http      *http.Client
	base      string
	stations  []station
	techs     []*session
	admin     *session
	bare      *bareDB
	yardstick *yardstickProcess // with bare
	servedBy  int               // the yardstick's pid during its phase (serverPid)
	today     lab.Date
	stderr    io.Writer
	regSeq    atomic.Int64
	runTag    int64
}

type station struct {
	id         int64
	n          int
	nurses     []*session
	counselor  *session
	todaySlots []int64
	ahead      []int64
}

type sampleRef struct {
	acc, panel string
	id         int64
}

func newRunner(ctx context.Context, o runOptions, stderr io.Writer) (*runner, error) {
	tr := &http.Transport{MaxIdleConns: o.concurrency * 2, MaxIdleConnsPerHost: o.concurrency * 2, IdleConnTimeout: time.Minute}
	r := &runner{o: o, http: &http.Client{Transport: tr, Timeout: 30 * time.Second}, base: strings.TrimRight(o.url, "/"),
		stderr: stderr, runTag: time.Now().UnixNano()}
	var err error
	if r.admin, err = r.login(ctx, loadgen.AdminName(1)); err != nil {
		return nil, err
	}
	// The seeded stations, by code.
	var list struct {
		Items []struct {
			ID   int64  `json:"id"`
			Code string `json:"code"`
		} `json:"items"`
	}
	if st, code, err := r.call(ctx, r.admin, "GET", "/api/v1/stations?limit=200", nil, &list); err != nil || st != 200 {
		return nil, fmt.Errorf("list stations: %d %s %v", st, code, err)
	}
	byCode := map[string]int64{}
	for _, it := range list.Items {
		byCode[it.Code] = it.ID
	}
	want := o.concurrency
	if o.stations > 0 {
		want = o.stations
	}
	for n := 1; n <= want; n++ {
		id, ok := byCode[loadgen.StationCode(n)]
		if !ok {
			break
		}
		r.stations = append(r.stations, station{id: id, n: n})
	}
	if len(r.stations) == 0 {
		return nil, fmt.Errorf("no seeded stations (%s…) on %s: seed first", loadgen.StationCode(1), o.url)
	}
	// Sign in everyone the workers act as, a few at a time (each sign-in
	// is a bcrypt comparison on the server).
	type job struct {
		name string
		dst  **session
	}
	var jobs []job
	for i := range r.stations {
		st := &r.stations[i]
		st.nurses = make([]*session, 2)
		jobs = append(jobs, job{loadgen.NurseName(st.n, 1), &st.nurses[0]}, job{loadgen.NurseName(st.n, 2), &st.nurses[1]},
			job{loadgen.CounselorName(st.n, 1), &st.counselor})
	}
	r.techs = make([]*session, 4)
	for i := range r.techs {
		jobs = append(jobs, job{loadgen.LabTechName(i + 1), &r.techs[i]})
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(jobs))
	sem := make(chan struct{}, 4)
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			s, err := r.login(ctx, j.name)
			if err != nil {
				errs <- err
				return
			}
			*j.dst = s
		}()
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return nil, err
	}
	loc, _ := time.LoadLocation(loadgen.Timezone)
	r.today = lab.Today(time.Now(), loc)
	if err := r.prepareSlots(ctx, loc); err != nil {
		return nil, err
	}
	// The bare side (its pools, the yardstick's process) only for the
	// side-by-side phases: a mixed run does not read the pools (a scan of
	// every woman, seconds at a million).
	if o.bareDSN != "" && strings.Contains(o.only, "side") {
		if r.bare, err = openBare(o.bareDSN, o.concurrency); err != nil {
			return nil, err
		}
		if err := r.bare.pools(ctx, r); err != nil {
			return nil, err
		}
		if r.yardstick, err = startYardstick(o.bareDSN, o.concurrency, stderr); err != nil {
			return nil, err
		}
		if err := r.handSessions(ctx); err != nil {
			return nil, err
		}
	}
	return r, nil
}

func (r *runner) close() {
	if r.yardstick != nil {
		r.yardstick.close()
	}
	if r.bare != nil {
		r.bare.db.Close()
	}
}

// handSessions gives the yardstick the sessions of the nurses who book
// through it, as a sign-in would have made them in its memory.
func (r *runner) handSessions(ctx context.Context) error {
	var list []yardstickSession
	for _, st := range r.stations {
		for _, n := range st.nurses {
			list = append(list, yardstickSession{Token: n.token,
				yardstickActor: yardstickActor{UserID: n.userID, Username: n.username, StationID: n.station}})
		}
	}
	if st, code, err := r.callURL(ctx, nil, "POST", r.yardstick.url+"/sessions", list, nil); err != nil || st != 204 {
		return fmt.Errorf("the yardstick's sessions: %d %s %v", st, code, err)
	}
	return nil
}

// prepareSlots makes today's slots that have not started yet (for the
// mixed flow, where a woman booked today is checked in and drawn at once)
// and reads the seeded slots ahead.
func (r *runner) prepareSlots(ctx context.Context, loc *time.Location) error {
	now := time.Now().In(loc)
	var times []string
	for _, t := range []string{"20:00", "21:00", "22:00", "23:00", "23:30", "23:59"} {
		hh, _ := strconv.Atoi(t[:2])
		mm, _ := strconv.Atoi(t[3:])
		if hh*60+mm > now.Hour()*60+now.Minute()+2 {
			times = append(times, t)
		}
	}
	for i := range r.stations {
		st := &r.stations[i]
		if len(times) > 0 {
			// Made by an earlier run already is fine (conflict, skipped).
			r.call(ctx, st.nurses[0], "POST", fmt.Sprintf("/api/v1/stations/%d/slots", st.id), map[string]any{
				"from": string(r.today), "to": string(r.today), "weekdays": []int{1, 2, 3, 4, 5, 6, 7}, "times": times, "capacity": lab.MaxSlotCapacity}, nil)
		}
		var slots struct {
			Items []struct {
				ID       int64     `json:"id"`
				Date     string    `json:"date"`
				StartsAt time.Time `json:"starts_at"`
				Capacity int       `json:"capacity"`
				Booked   int       `json:"booked"`
			} `json:"items"`
		}
		path := fmt.Sprintf("/api/v1/stations/%d/slots?from=%s&to=%s", st.id, r.today, r.today.AddDays(30))
		if s, code, err := r.call(ctx, st.nurses[0], "GET", path, nil, &slots); err != nil || s != 200 {
			return fmt.Errorf("list slots: %d %s %v", s, code, err)
		}
		for _, sl := range slots.Items {
			switch {
			case sl.Booked >= sl.Capacity || !sl.StartsAt.After(time.Now().Add(time.Minute)):
			case sl.Date == string(r.today):
				st.todaySlots = append(st.todaySlots, sl.ID)
			default:
				st.ahead = append(st.ahead, sl.ID)
			}
		}
		if len(st.ahead) == 0 {
			return fmt.Errorf("station %d has no slots ahead: seed with --future-days", st.n)
		}
	}
	return nil
}

// ---- workers -------------------------------------------------------------

// phase runs every worker's step function for d after a warm-up, and
// returns what was recorded. afterWarmup, if not nil, runs between the two
// (the side-by-side phases give back what the warm-up took from their
// pools, which a small programme's warm-up would otherwise use up).
//
// With rate 0 each worker starts her next step as soon as the last is
// answered (a closed loop: the load follows the server's pace). With a
// rate, steps are offered at that many a second, shared by the workers as
// they come free, and each one's latency counts from when it was due, so
// that a server falling behind shows the wait of the steps queued for it
// (an open loop; measuring from when a worker got to it would hide that).
func (r *runner) phase(ctx context.Context, name string, d time.Duration, rate float64, step func(w *worker) func(context.Context), afterWarmup func() error) (*report, error) {
	workers := make([]*worker, r.o.concurrency)
	for i := range workers {
		workers[i] = r.newWorker(i)
	}
	mem := newMemWatch(r)
	var ticks chan time.Time
	if rate > 0 {
		// Room for every step of the phase, so that the offer never waits
		// for the workers: a backlog is the server's to show.
		ticks = make(chan time.Time, min(int(rate*(d+r.o.warmup).Seconds())+1, 1<<20))
	}
	run := func(d time.Duration, measure bool) time.Duration {
		pctx, cancel := context.WithTimeout(ctx, d)
		defer cancel()
		start := time.Now()
		var wg sync.WaitGroup
		for _, w := range workers {
			w.rec = newRecorder(measure, pctx)
			w.stop = cancel
			wg.Add(1)
			go func() {
				defer wg.Done()
				f := step(w)
				if rate == 0 {
					for pctx.Err() == nil {
						f(pctx)
					}
					return
				}
				for {
					select {
					case due := <-ticks:
						w.due = due
						f(pctx)
					case <-pctx.Done():
						return
					}
				}
			}()
		}
		if rate > 0 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				offer(pctx, rate, ticks)
			}()
		}
		wg.Wait()
		return time.Since(start)
	}
	if r.o.warmup > 0 {
		run(r.o.warmup, false)
		if afterWarmup != nil {
			if err := afterWarmup(); err != nil {
				return nil, err
			}
		}
	}
	mem.start(ctx)
	cpu := r.cpuNow()
	elapsed := run(d, true)
	rep := &report{name: name, elapsed: elapsed, concurrency: r.o.concurrency, rate: rate, cpu: r.cpuSince(cpu), mem: mem.stop()}
	for _, w := range workers {
		rep.merge(w.rec)
	}
	return rep, nil
}

// offer puts the due time of a step on ticks rate times a second until ctx
// ends, leaving the steps not yet taken to the next run (the warm-up's to
// the measured phase, which then starts with the warm-up's backlog).
func offer(ctx context.Context, rate float64, ticks chan<- time.Time) {
	every := time.Duration(float64(time.Second) / rate)
	next := time.Now()
	t := time.NewTimer(0)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		// Every step due by now, even if the timer woke late.
		for now := time.Now(); !next.After(now); next = next.Add(every) {
			select {
			case ticks <- next:
			default:
				// Full: a backlog of a whole phase; the report's rate
				// shows what was served.
			}
		}
		t.Reset(time.Until(next))
	}
}
