package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"torchlab/lab"
	"torchlab/lab/loadgen"
)

// runOptions are the flags of torchlab-load run.
type runOptions struct {
	url         string
	concurrency int
	duration    time.Duration
	sideDur     time.Duration
	warmup      time.Duration
	mix         map[string]int
	bareDSN     string
	pid         int
	stations    int
	password    string
	only        string
}

// defaultMix is a day's work across roles, by weight: the desk and the
// bench flow (register → book → check in → collect → receive → results →
// verify), the searches and lists each of them reads, the counselors'
// queue, and the statistics now and then.
var defaultMix = "search=14,day_list=8,register=6,book=6,check_in=6,collect=6,receive=6,results=6,verify=6,samples_list=8,followup_queue=12,followup_get=6,contact=3,notifications=4,stats=1"

func runCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("run", stderr)
	var o runOptions
	fs.StringVar(&o.url, "url", "http://127.0.0.1:8080", "the torchlab to drive")
	fs.IntVar(&o.concurrency, "concurrency", 32, "simultaneous virtual users")
	fs.DurationVar(&o.duration, "duration", 60*time.Second, "how long the mixed phase runs")
	fs.DurationVar(&o.sideDur, "side-duration", 20*time.Second, "how long each side-by-side phase runs (with --bare-dsn)")
	fs.DurationVar(&o.warmup, "warmup", 3*time.Second, "unmeasured warm-up before each phase")
	mix := fs.String("mix", defaultMix, "operations and their weights")
	fs.StringVar(&o.bareDSN, "bare-dsn", "", "the server's database (TORCHLAB_DB form): adds the side-by-side phases, booking and result entry through the API and as bare SQL")
	fs.IntVar(&o.pid, "pid", 0, "the server's process id, to read its resident memory from /proc (default: its /metrics)")
	fs.IntVar(&o.stations, "stations", 0, "use at most this many seeded stations (default all, up to the concurrency)")
	fs.StringVar(&o.password, "password", loadgen.DefaultPassword, "the seeded users' password")
	fs.StringVar(&o.only, "phases", "mixed,side", "which phases: mixed, side, or both")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var err error
	if o.mix, err = parseMix(*mix); err != nil {
		return err
	}
	r, err := newRunner(ctx, o, stderr)
	if err != nil {
		return err
	}
	defer r.close()
	fmt.Fprintf(stdout, "torchlab-load run: %s, concurrency %d, %d stations, %s\n", o.url, o.concurrency, len(r.stations), machine())
	if strings.Contains(o.only, "mixed") {
		rep := r.phase(ctx, "mixed", o.duration, func(w *worker) func(context.Context) { return w.mixed })
		rep.print(stdout)
	}
	if strings.Contains(o.only, "side") {
		if r.bare == nil {
			fmt.Fprintln(stdout, "side by side: skipped (give --bare-dsn)")
			return nil
		}
		return r.sideBySide(ctx, stdout)
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

// ---- HTTP ----------------------------------------------------------------

type session struct {
	token string
}

type runner struct {
	o        runOptions
	http     *http.Client
	base     string
	stations []station
	techs    []*session
	admin    *session
	bare     *bareDB
	today    lab.Date
	stderr   io.Writer
	regSeq   atomic.Int64
	runTag   int64
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

// call makes one request and returns its status, its problem code (for
// errors) and the decoded body.
func (r *runner) call(ctx context.Context, s *session, method, path string, body any, out any) (int, string, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, "", err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, r.base+path, rd)
	if err != nil {
		return 0, "", err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if s != nil {
		req.Header.Set("Authorization", "Bearer "+s.token)
	}
	resp, err := r.http.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return resp.StatusCode, "", err
	}
	if resp.StatusCode >= 400 {
		var p struct {
			Code string `json:"code"`
		}
		json.Unmarshal(b, &p)
		return resp.StatusCode, p.Code, nil
	}
	if out != nil && len(b) > 0 {
		if err := json.Unmarshal(b, out); err != nil {
			return resp.StatusCode, "", fmt.Errorf("%s %s: %v", method, path, err)
		}
	}
	return resp.StatusCode, "", nil
}

func (r *runner) login(ctx context.Context, username string) (*session, error) {
	var out struct {
		Token string `json:"token"`
	}
	st, code, err := r.call(ctx, nil, "POST", "/api/v1/auth/login", map[string]string{"username": username, "password": r.o.password}, &out)
	if err != nil {
		return nil, err
	}
	if st != 200 {
		return nil, fmt.Errorf("sign-in as %s: %d %s (was the database seeded with torchlab-load seed?)", username, st, code)
	}
	return &session{token: out.Token}, nil
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
	if o.bareDSN != "" {
		if r.bare, err = openBare(o.bareDSN, o.concurrency); err != nil {
			return nil, err
		}
		if err := r.bare.pools(ctx, r); err != nil {
			return nil, err
		}
	}
	return r, nil
}

func (r *runner) close() {
	if r.bare != nil {
		r.bare.db.Close()
	}
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

// worker is one virtual user: a nurse at her station's desk who also
// stands in for the lab and the counselor of that station, with her own
// women and tubes moving through the flow.
type worker struct {
	r       *runner
	st      *station
	nurse   *session
	tech    *session
	tech2   *session
	rng     *rand.Rand
	rec     *recorder
	deck    []string
	regd    []int64
	booked  []int64
	checked []int64
	drawn   []string
	recvd   []string
	resd    []string
	cases   []int64
	// stop ends the phase early for every worker (a pool ran out).
	stop context.CancelFunc
}

type opFunc func(w *worker, ctx context.Context) (status int, code string, err error)

// ops are the operations a mix can name. An operation whose input is not
// there yet (nothing booked to check in) does the step before instead.
var ops = map[string]opFunc{
	"search":         (*worker).search,
	"day_list":       (*worker).dayList,
	"register":       (*worker).register,
	"book":           (*worker).book,
	"check_in":       (*worker).checkIn,
	"collect":        (*worker).collect,
	"receive":        (*worker).receive,
	"results":        (*worker).results,
	"verify":         (*worker).verify,
	"samples_list":   (*worker).samplesList,
	"followup_queue": (*worker).followupQueue,
	"followup_get":   (*worker).followupGet,
	"contact":        (*worker).contact,
	"notifications":  (*worker).notifications,
	"stats":          (*worker).stats,
}

func opNames() []string {
	var out []string
	for k := range ops {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (r *runner) newWorker(i int) *worker {
	st := &r.stations[i%len(r.stations)]
	w := &worker{r: r, st: st, nurse: st.nurses[(i/len(r.stations))%2], tech: r.techs[i%len(r.techs)],
		tech2: r.techs[(i+1)%len(r.techs)], rng: rand.New(rand.NewPCG(uint64(r.runTag), uint64(i)))}
	for name, n := range r.o.mix {
		for k := 0; k < n; k++ {
			w.deck = append(w.deck, name)
		}
	}
	sort.Strings(w.deck)
	return w
}

// mixed runs one operation drawn from the mix.
func (w *worker) mixed(ctx context.Context) {
	if len(w.deck) == 0 {
		return
	}
	w.do(ctx, w.deck[w.rng.IntN(len(w.deck))])
}

// do runs one named operation and records it under that name (or under
// the step it fell back to).
func (w *worker) do(ctx context.Context, name string) {
	name = w.fallback(name)
	start := time.Now()
	st, code, err := ops[name](w, ctx)
	w.rec.add(name, time.Since(start), st, code, err)
}

// fallback walks the flow back to a step whose input is there.
func (w *worker) fallback(name string) string {
	for {
		prev := ""
		switch {
		case name == "book" && len(w.regd) == 0:
			prev = "register"
		case name == "check_in" && len(w.booked) == 0:
			prev = "book"
		case name == "collect" && len(w.checked) == 0:
			prev = "check_in"
		case name == "receive" && len(w.drawn) == 0:
			prev = "collect"
		case name == "results" && len(w.recvd) == 0:
			prev = "receive"
		case name == "verify" && len(w.resd) == 0:
			prev = "results"
		case (name == "followup_get" || name == "contact") && len(w.cases) == 0:
			prev = "followup_queue"
		}
		if prev == "" {
			return name
		}
		name = prev
	}
}

func pop[T any](s *[]T) T {
	x := (*s)[0]
	*s = (*s)[1:]
	return x
}

var searchTerms = []string{"王", "李", "张", "刘", "陈", "秀英", "丽", "1390", "1356", "芳"}

func (w *worker) search(ctx context.Context) (int, string, error) {
	q := searchTerms[w.rng.IntN(len(searchTerms))]
	return w.r.call(ctx, w.nurse, "GET", "/api/v1/clients?limit=20&q="+url.QueryEscape(q), nil, nil)
}

func (w *worker) dayList(ctx context.Context) (int, string, error) {
	return w.r.call(ctx, w.nurse, "GET", "/api/v1/appointments?date="+string(w.r.today), nil, nil)
}

// Regions no seeded woman comes from, so that registrations never collide
// with the seed.
var runRegions = []string{"330102", "330103", "330104", "320102", "320104", "420102", "420103", "510104"}

func (w *worker) newNationalID() string {
	n := w.r.regSeq.Add(1) + w.r.runTag/1000%4_000_000
	birth := lab.Date("1985-01-01").AddDays(int(n % 7000))
	seq := 2 * int((n/7000)%500)
	return lab.MakeNationalID(runRegions[(n/3_500_000)%int64(len(runRegions))], birth, seq)
}

func (w *worker) register(ctx context.Context) (int, string, error) {
	for attempt := 0; ; attempt++ {
		var out struct {
			ID int64 `json:"id"`
		}
		st, code, err := w.r.call(ctx, w.nurse, "POST", "/api/v1/clients", map[string]any{
			"name": "负载" + searchTerms[w.rng.IntN(5)] + "测试", "national_id": w.newNationalID(),
			"phone": fmt.Sprintf("139%08d", w.rng.IntN(100_000_000)), "address": "示范市负载路1号",
			"category": []string{"newlywed", "planning"}[w.rng.IntN(2)], "consent": map[string]any{"given": true, "text_version": "v1"},
		}, &out)
		// A number an earlier run registered: take another (the tool's
		// input, not the server, was at fault).
		if code == string(lab.CodeDuplicateNationID) && attempt < 3 {
			continue
		}
		if st == 201 {
			w.regd = append(w.regd, out.ID)
		}
		return st, code, err
	}
}

func (w *worker) book(ctx context.Context) (int, string, error) {
	client := pop(&w.regd)
	slots := w.st.todaySlots
	today := true
	if len(slots) == 0 {
		slots, today = w.st.ahead, false
	}
	var out struct {
		ID int64 `json:"id"`
	}
	st, code, err := w.r.call(ctx, w.nurse, "POST", "/api/v1/appointments",
		map[string]any{"client_id": client, "slot_id": slots[w.rng.IntN(len(slots))]}, &out)
	if st == 201 && today {
		w.booked = append(w.booked, out.ID)
	}
	return st, code, err
}

func (w *worker) checkIn(ctx context.Context) (int, string, error) {
	id := pop(&w.booked)
	st, code, err := w.r.call(ctx, w.nurse, "POST", fmt.Sprintf("/api/v1/appointments/%d/check-in", id), nil, nil)
	if st == 200 {
		w.checked = append(w.checked, id)
	}
	return st, code, err
}

func (w *worker) collect(ctx context.Context) (int, string, error) {
	id := pop(&w.checked)
	var out struct {
		Accession string `json:"accession"`
	}
	st, code, err := w.r.call(ctx, w.nurse, "POST", fmt.Sprintf("/api/v1/appointments/%d/samples", id), map[string]any{"panel": "TORCH8"}, &out)
	if st == 201 {
		w.drawn = append(w.drawn, out.Accession)
	}
	return st, code, err
}

func (w *worker) receive(ctx context.Context) (int, string, error) {
	acc := pop(&w.drawn)
	st, code, err := w.r.call(ctx, w.tech, "POST", "/api/v1/samples/"+acc+"/receive", nil, nil)
	if st == 200 {
		w.recvd = append(w.recvd, acc)
	}
	return st, code, err
}

var torch8 = []string{"TOXO_IGG", "TOXO_IGM", "RUBV_IGG", "RUBV_IGM", "CMV_IGG", "CMV_IGM", "HSV_IGG", "HSV_IGM"}
var nfpcp = []string{"TOXO_IGG", "TOXO_IGM", "RUBV_IGG", "CMV_IGG", "CMV_IGM"}

// resultValues are typical readings: immune to rubella and CMV, and now
// and then susceptible to rubella (an abnormal release opens a case).
func (w *worker) resultValues(panel []string) []map[string]string {
	var rs []map[string]string
	for _, a := range panel {
		v := "0.3"
		switch a {
		case "RUBV_IGG":
			v = "45"
			if w.rng.IntN(4) == 0 {
				v = "3.2"
			}
		case "CMV_IGG":
			v = "80"
		}
		rs = append(rs, map[string]string{"analyte": a, "value": v})
	}
	return rs
}

func (w *worker) results(ctx context.Context) (int, string, error) {
	acc := pop(&w.recvd)
	st, code, err := w.r.call(ctx, w.tech, "PUT", "/api/v1/samples/"+acc+"/results", map[string]any{"results": w.resultValues(torch8)}, nil)
	if st == 200 {
		w.resd = append(w.resd, acc)
	}
	return st, code, err
}

func (w *worker) verify(ctx context.Context) (int, string, error) {
	acc := pop(&w.resd)
	return w.r.call(ctx, w.tech2, "POST", "/api/v1/samples/"+acc+"/verify", map[string]any{"acknowledge_abnormal": true}, nil)
}

func (w *worker) samplesList(ctx context.Context) (int, string, error) {
	status := []string{"received", "resulted", "collected"}[w.rng.IntN(3)]
	return w.r.call(ctx, w.tech, "GET", "/api/v1/samples?limit=50&status="+status, nil, nil)
}

func (w *worker) followupQueue(ctx context.Context) (int, string, error) {
	var out struct {
		Items []struct {
			ID     int64  `json:"id"`
			Status string `json:"status"`
		} `json:"items"`
	}
	q := []string{"", "&status=open", "&overdue=true", "&assignee=me"}[w.rng.IntN(4)]
	st, code, err := w.r.call(ctx, w.st.counselor, "GET", "/api/v1/followups?limit=20"+q, nil, &out)
	if st == 200 && len(w.cases) < 50 {
		for _, it := range out.Items {
			if it.Status != "closed" {
				w.cases = append(w.cases, it.ID)
			}
		}
	}
	return st, code, err
}

func (w *worker) followupGet(ctx context.Context) (int, string, error) {
	id := w.cases[w.rng.IntN(len(w.cases))]
	return w.r.call(ctx, w.st.counselor, "GET", fmt.Sprintf("/api/v1/followups/%d", id), nil, nil)
}

func (w *worker) contact(ctx context.Context) (int, string, error) {
	id := pop(&w.cases)
	return w.r.call(ctx, w.st.counselor, "POST", fmt.Sprintf("/api/v1/followups/%d/contacts", id),
		map[string]any{"channel": "phone", "result": "no_answer", "note": "load test"}, nil)
}

func (w *worker) notifications(ctx context.Context) (int, string, error) {
	return w.r.call(ctx, w.st.counselor, "GET", "/api/v1/notifications?limit=20", nil, nil)
}

// stats asks for the station's last 30 days, as a station's dashboard does.
func (w *worker) stats(ctx context.Context) (int, string, error) {
	return w.r.call(ctx, w.nurse, "GET", fmt.Sprintf("/api/v1/reports/summary?from=%s&to=%s", w.r.today.AddDays(-30), w.r.today), nil, nil)
}

// ---- phases and reports --------------------------------------------------

// phase runs every worker's step function for d after a warm-up, and
// returns what was recorded.
func (r *runner) phase(ctx context.Context, name string, d time.Duration, step func(w *worker) func(context.Context)) *report {
	workers := make([]*worker, r.o.concurrency)
	for i := range workers {
		workers[i] = r.newWorker(i)
	}
	mem := newMemWatch(r)
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
				for pctx.Err() == nil {
					f(pctx)
				}
			}()
		}
		wg.Wait()
		return time.Since(start)
	}
	if r.o.warmup > 0 {
		run(r.o.warmup, false)
	}
	mem.start(ctx)
	elapsed := run(d, true)
	rep := &report{name: name, elapsed: elapsed, concurrency: r.o.concurrency, mem: mem.stop()}
	for _, w := range workers {
		rep.merge(w.rec)
	}
	return rep
}

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
	ops         map[string]*opStats
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

func (rep *report) print(w io.Writer) {
	fmt.Fprintf(w, "\nphase %s: %s at concurrency %d\n", rep.name, rep.elapsed.Round(time.Millisecond), rep.concurrency)
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
	l := rep.line(rep.all())
	fmt.Fprintf(w, "%-16s %8d %9.1f %8s %8s %8s  %d\n", "ALL", l.count, l.rate, ms(l.p50), ms(l.p95), ms(l.p99), l.errs)
	fmt.Fprintf(w, "server resident memory: %s\n", rep.mem)
}
