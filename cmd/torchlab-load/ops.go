package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"sort"
	"time"

	"torchlab/lab"
)

// The operations of the mix: what one virtual user does at the desk, the
// bench and the counselor's phone, each one request.

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
	// due is when the step now starting was offered (with --rate), the
	// time its latency counts from.
	due time.Time
	// share and sharers split the station's cases between the workers of
	// one station (case id modulo sharers), so that no two close or
	// contact the same case.
	share, sharers int64
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
	"close":          (*worker).closeCase,
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
	n, s := len(r.stations), i%len(r.stations)
	w.share, w.sharers = int64(i/n), int64((r.o.concurrency-s+n-1)/n)
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
	if !w.due.IsZero() {
		start, w.due = w.due, time.Time{}
	}
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
		case (name == "followup_get" || name == "contact" || name == "close") && len(w.cases) == 0:
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
			ID int64 `json:"id"`
		} `json:"items"`
	}
	// A visit of the counselor's queue screen (counsel/Queue.vue): her
	// active cases, open and in progress, in one request of 200 at most;
	// one visit in ten she also asks for her closed cases.
	// The answer is decoded only when the worker needs cases to open: a
	// browser decodes on another machine, and this tool shares the
	// server's (1.1 ms of CPU for a page of 200, measured).
	var into any
	if len(w.cases) < 50 {
		into = &out
	}
	const queue = "/api/v1/followups?limit=200&assignee=me&status="
	st, code, err := w.r.call(ctx, w.st.counselor, "GET", queue+"open,in_progress", nil, into)
	if st == 200 && into != nil {
		// The fresh page replaces what she had: a case she still held
		// is on it again if it is still active, and one closed since is not.
		w.cases = w.cases[:0]
		for _, it := range out.Items {
			if it.ID%w.sharers == w.share {
				w.cases = append(w.cases, it.ID)
			}
		}
	}
	if err == nil && st == 200 && w.rng.IntN(10) == 0 {
		st, code, err = w.r.call(ctx, w.st.counselor, "GET", queue+"closed", nil, nil)
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

// closeCase reaches the woman of the case at the head of her queue and
// closes it as counselled, as she does once she has given the advice (a
// case closes only after a contact that reached her), so that cases close
// about as fast as the mix's releases open them and each run starts from
// the same queue lengths. The operation is the two requests.
func (w *worker) closeCase(ctx context.Context) (int, string, error) {
	id := pop(&w.cases)
	status, code, err := w.r.call(ctx, w.st.counselor, "POST", fmt.Sprintf("/api/v1/followups/%d/contacts", id),
		map[string]any{"channel": "phone", "result": "reached", "note": "load test"}, nil)
	if err != nil || status != 201 {
		return status, code, err
	}
	return w.r.call(ctx, w.st.counselor, "POST", fmt.Sprintf("/api/v1/followups/%d/close", id),
		map[string]any{"outcome": "counseled", "note": "load test"}, nil)
}

func (w *worker) notifications(ctx context.Context) (int, string, error) {
	return w.r.call(ctx, w.st.counselor, "GET", "/api/v1/notifications?limit=20", nil, nil)
}

// stats asks for the station's last 30 days, as a station's dashboard does.
func (w *worker) stats(ctx context.Context) (int, string, error) {
	return w.r.call(ctx, w.nurse, "GET", fmt.Sprintf("/api/v1/reports/summary?from=%s&to=%s", w.r.today.AddDays(-30), w.r.today), nil, nil)
}

// ---- phases and reports --------------------------------------------------
