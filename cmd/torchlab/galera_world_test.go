package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// The Galera test's programme: its station, staff and women, and the load
// that takes each woman from booking to a verified result.

// galeraWorld is the test's station, staff, women and what was answered.
type galeraWorld struct {
	station            int64
	today              string
	nurse, tech, tech2 string
	women, slots       []int64
	abnormal           map[int64]bool // woman → her results are abnormal
	attempted, refused atomic.Int64
	unavailable, lost  atomic.Int64
	internal, verified atomic.Int64
	mu                 sync.Mutex
	booked             map[int64]int64 // appointment → woman, acknowledged
	verifiedAbnormal   map[int64]bool  // woman → her abnormal sample was released
	cases              int
	users              map[string]string
	errorsSeen         sync.Map // request → body, of the 500s
}

// seedGalera migrates the cluster through node 1 and makes a station whose
// day is young enough for evening slots today, a nurse and two lab
// technicians.
func seedGalera(t *testing.T, cl []*galeraNode, key []byte) *galeraWorld {
	db, err := lab.OpenDatabase(fmt.Sprintf("mysql://root@tcp(127.0.0.1:%d)/torchlab", cl[0].port), lab.DefaultPool)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if !db.OnGalera() {
		// It would send a transaction's writes as one query, which a
		// Galera node may half-apply (galera_multistatement_test.go).
		t.Fatal("torchlab did not see that its database is a Galera node")
	}
	if _, err := migrations.Up(context.Background(), db.SQL, db.Dialect, nil); err != nil {
		t.Fatal(err)
	}
	labtest.SeedLots(t, db) // the results entered name its lot
	svc := lab.NewService(db, lab.Options{BcryptCost: bcrypt.MinCost, Key: key})
	sys := lab.SystemContext(context.Background(), "(galera test)")
	// A zone where it is between 02:00 and 16:59, so that slots from 20:00
	// are later today and check-in (on the day) is allowed.
	now := time.Now()
	zones := []string{"Asia/Shanghai"}
	for off := -12; off <= 14; off++ {
		zones = append(zones, fmt.Sprintf("Etc/GMT%+d", -off)) // Etc/GMT-8 is UTC+8
	}
	zone := ""
	for _, name := range zones {
		if loc, err := time.LoadLocation(name); err == nil {
			if h := now.In(loc).Hour(); h >= 2 && h <= 16 {
				zone = name
				break
			}
		}
	}
	if zone == "" {
		t.Fatal("no time zone where it is between 02:00 and 16:59")
	}
	loc, _ := time.LoadLocation(zone)
	st, err := svc.CreateStation(sys, lab.NewStation{Code: "GAL", Name: "Galera", Timezone: zone})
	if err != nil {
		t.Fatal(err)
	}
	w := &galeraWorld{station: st.ID, today: now.In(loc).Format("2006-01-02"), abnormal: map[int64]bool{},
		booked: map[int64]int64{}, verifiedAbnormal: map[int64]bool{}, users: map[string]string{}}
	for _, u := range []lab.NewUser{
		{Username: "nurse", Role: lab.RoleNurse, StationID: &st.ID},
		{Username: "tech", Role: lab.RoleLabTech},
		{Username: "tech2", Role: lab.RoleLabTech},
	} {
		u.Password = "correct horse 1"
		if _, err := svc.CreateUser(sys, u); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

func (w *galeraWorld) signIn(t *testing.T, p *torchlabProc) {
	for _, u := range []string{"nurse", "tech", "tech2"} {
		status, body := w.send(p, "POST", "/api/v1/auth/login", "", map[string]any{"username": u, "password": "correct horse 1"})
		var in struct{ Token string }
		json.Unmarshal(body, &in)
		if status != http.StatusOK || in.Token == "" {
			t.Fatalf("sign-in %s: %d %s", u, status, body)
		}
		w.users[u] = in.Token
	}
	w.nurse, w.tech, w.tech2 = w.users["nurse"], w.users["tech"], w.users["tech2"]
}

// prepare registers the women and opens four evening slots of 10 places:
// fewer places than women, so that some bookings find the slot full.
func (w *galeraWorld) prepare(t *testing.T, p *torchlabProc) {
	for i, start := range []string{"20:00", "21:00", "22:00", "23:00"} {
		status, body := w.send(p, "POST", fmt.Sprintf("/api/v1/stations/%d/slots", w.station), w.nurse,
			map[string]any{"date": w.today, "start": start, "capacity": 10})
		var sl lab.Slot
		json.Unmarshal(body, &sl)
		if status != http.StatusCreated {
			t.Fatalf("slot %d: %d %s", i, status, body)
		}
		w.slots = append(w.slots, sl.ID)
	}
	for i := 0; i < galeraWomen; i++ {
		status, body := w.send(p, "POST", "/api/v1/clients", w.nurse, map[string]any{
			"name": "李娜" + strconv.Itoa(i), "national_id": lab.MakeNationalID("110105", lab.Date(fmt.Sprintf("199%d-0%d-1%d", i%10, 1+i/10%9, i%10)), 2*i),
			"phone": fmt.Sprintf("139%08d", i), "address": "北京市海淀区" + strconv.Itoa(i) + "号", "category": "planning",
			"consent": map[string]any{"given": true, "text_version": "v1"},
		})
		var c lab.ClientView
		json.Unmarshal(body, &c)
		if status != http.StatusCreated {
			t.Fatalf("register %d: %d %s", i, status, body)
		}
		w.women = append(w.women, c.ID)
		w.abnormal[c.ID] = i%3 == 0
	}
}

// send makes one request and returns the answer; a transport error (the
// process is down) is status 0.
func (w *galeraWorld) send(p *torchlabProc, method, path, token string, body any) (int, []byte) {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, p.base+path, rd)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	client := http.Client{Timeout: time.Minute}
	res, err := client.Do(req)
	if err != nil {
		return 0, []byte(err.Error())
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode >= 500 && res.StatusCode != http.StatusServiceUnavailable {
		w.internal.Add(1)
		w.errorsSeen.Store(method+" "+path, string(b))
	}
	return res.StatusCode, b
}

// step sends a request until it is answered: a process that is down, or a
// 503, is waited for and the request sent again. It reports the final
// status, the body, and whether an earlier try may have taken effect
// unseen (a 503 or a process lost mid-request).
func (w *galeraWorld) step(p *torchlabProc, method, path, token string, body any) (int, []byte, bool) {
	ambiguous := false
	for try := 0; ; try++ {
		status, b := w.send(p, method, path, token, body)
		switch {
		case status == 0:
			w.lost.Add(1)
		case status == http.StatusServiceUnavailable:
			w.unavailable.Add(1)
		default:
			return status, b, ambiguous
		}
		ambiguous = true
		if try == 240 {
			return status, b, ambiguous
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// load takes every woman through booking (from both processes at once,
// into the same slots) and, when one was acknowledged, check-in,
// collection, receipt, results and verification (from both at once), six
// women at a time.
func (w *galeraWorld) load(t *testing.T, procs []*torchlabProc, started *atomic.Int32) {
	sem := make(chan struct{}, 6)
	var wg sync.WaitGroup
	for i, woman := range w.women {
		sem <- struct{}{}
		started.Add(1)
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			w.journey(procs, i, woman)
		}()
	}
	wg.Wait()
}

func (w *galeraWorld) journey(procs []*torchlabProc, i int, woman int64) {
	slot := w.slots[i%len(w.slots)]
	type answer struct {
		status    int
		ap        lab.Appointment
		ambiguous bool
	}
	answers := make([]answer, len(procs))
	var wg sync.WaitGroup
	for k, p := range procs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.attempted.Add(1)
			status, body, ambiguous := w.step(p, "POST", "/api/v1/appointments", w.nurse, map[string]any{"client_id": woman, "slot_id": slot})
			answers[k] = answer{status: status, ambiguous: ambiguous}
			if status == http.StatusCreated {
				json.Unmarshal(body, &answers[k].ap)
			} else if status == http.StatusConflict {
				w.refused.Add(1)
			}
		}()
	}
	wg.Wait()
	via := -1
	for k, a := range answers {
		if a.status == http.StatusCreated {
			w.mu.Lock()
			w.booked[a.ap.ID] = woman
			w.mu.Unlock()
			via = k
		}
	}
	if via < 0 {
		return
	}
	p, ap := procs[via], answers[via].ap
	// A step retried after an unseen outcome may find its own work done
	// (409): that is success for check-in, receipt and verification.
	ok := func(status int, ambiguous bool) bool {
		return status/100 == 2 || (ambiguous && status == http.StatusConflict)
	}
	if s, _, amb := w.step(p, "POST", fmt.Sprintf("/api/v1/appointments/%d/check-in", ap.ID), w.nurse, nil); !ok(s, amb) {
		return
	}
	s, body, _ := w.step(p, "POST", fmt.Sprintf("/api/v1/appointments/%d/samples", ap.ID), w.nurse, map[string]any{})
	var sm lab.Sample
	if json.Unmarshal(body, &sm); s != http.StatusCreated {
		return
	}
	if s, _, amb := w.step(p, "POST", "/api/v1/samples/"+sm.Accession+"/receive", w.tech, nil); !ok(s, amb) {
		return
	}
	values := map[string]string{"TOXO_IGG": "0.2", "TOXO_IGM": "1.5", "RUBV_IGG": "85", "RUBV_IGM": "0.1",
		"CMV_IGG": "40", "CMV_IGM": "0.2", "HSV_IGG": "0.3", "HSV_IGM": "0.2"}
	if w.abnormal[woman] {
		values["TOXO_IGM"] = "15"
	}
	var results []map[string]any
	for a, v := range values {
		results = append(results, map[string]any{"analyte": a, "value": v, "lot": "L2026"})
	}
	if s, _, _ := w.step(p, "PUT", "/api/v1/samples/"+sm.Accession+"/results", w.tech, map[string]any{"results": results}); s != http.StatusOK {
		return
	}
	// Both processes verify at once: one releases, the other is refused,
	// and her case (if abnormal) is opened once.
	codes := make([]int, len(procs))
	ambs := make([]bool, len(procs))
	for k, q := range procs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[k], _, ambs[k] = w.step(q, "POST", "/api/v1/samples/"+sm.Accession+"/verify", w.tech2, map[string]any{"acknowledge_abnormal": true})
		}()
	}
	wg.Wait()
	for k := range codes {
		if codes[k] == http.StatusOK || (ambs[k] && codes[k] == http.StatusConflict) {
			w.verified.Add(1)
			if w.abnormal[woman] {
				w.mu.Lock()
				w.verifiedAbnormal[woman] = true
				w.mu.Unlock()
			}
			break
		}
	}
}

func (w *galeraWorld) acked() map[int64]int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.booked
}
