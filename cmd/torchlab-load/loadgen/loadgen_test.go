package loadgen_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"torchlab/api"
	"torchlab/cmd/torchlab-load/loadgen"
	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// client speaks to the real router as one signed-in user.
type client struct {
	t     *testing.T
	h     http.Handler
	token string
}

func (c *client) do(method, path string, body any, want int) map[string]any {
	c.t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req := httptest.NewRequest(method, path, r)
	req.Header.Set("Content-Type", "application/json")
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	w := httptest.NewRecorder()
	c.h.ServeHTTP(w, req)
	if w.Code != want {
		c.t.Fatalf("%s %s: status %d, want %d: %s", method, path, w.Code, want, w.Body.String())
	}
	out := map[string]any{}
	if strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
			c.t.Fatalf("%s %s: %v", method, path, err)
		}
	}
	return out
}

func signIn(t *testing.T, h http.Handler, username string) *client {
	t.Helper()
	c := &client{t: t, h: h}
	out := c.do("POST", "/api/v1/auth/login", map[string]string{"username": username, "password": loadgen.DefaultPassword}, 200)
	c.token = out["token"].(string)
	return c
}

func items(m map[string]any) []map[string]any {
	var out []map[string]any
	for _, it := range m["items"].([]any) {
		out = append(out, it.(map[string]any))
	}
	return out
}

// TestSeededProgrammeServes seeds a small programme, then drives the real
// service and router over it: every list, a client's sealed ID number, a
// sample and its report, a follow-up case, the statistics (whose
// positivity must follow the seeded rates), the safety net (which must be
// empty), and the bench and desk work on seeded rows.
func TestSeededProgrammeServes(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		db := labtest.Open(t, d)
		ctx := context.Background()
		sum, err := loadgen.Seed(ctx, db, loadgen.Config{Clients: 2000, Stations: 3, Key: labtest.Key, HistoryDays: 120})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: seeded %+v", d, *sum)
		if sum.Clients != 2000 || sum.Samples < 1500 || sum.Followups < 200 || sum.Results < int64(sum.Samples)*5 {
			t.Fatalf("seeded too little: %+v", *sum)
		}
		if _, err := loadgen.Seed(ctx, db, loadgen.Config{Clients: 10, Key: labtest.Key}); err == nil {
			t.Fatal("a second seed into the same database must be refused")
		}
		checkSlotCounts(t, db)

		svc := lab.NewService(db, lab.Options{Key: labtest.Key})
		srv, err := api.New(svc, api.Config{Logger: slog.New(slog.DiscardHandler)})
		if err != nil {
			t.Fatal(err)
		}
		nurse := signIn(t, srv, loadgen.NurseName(1, 1))
		tech := signIn(t, srv, loadgen.LabTechName(1))
		tech2 := signIn(t, srv, loadgen.LabTechName(2))
		couns := signIn(t, srv, loadgen.CounselorName(1, 1))
		admin := signIn(t, srv, loadgen.AdminName(1))

		// Clients: the list, look-up by the full ID number (the keyed
		// hash), and the reveal (the sealed number opens with the key).
		list := nurse.do("GET", "/api/v1/clients?limit=50", nil, 200)
		if len(items(list)) != 50 || list["next_cursor"] == nil {
			t.Fatalf("clients of station 1: %d items, next page %v", len(items(list)), list["next_cursor"])
		}
		for _, c := range items(list) {
			if c["station_id"].(float64) != 1 {
				t.Fatalf("a nurse of station 1 sees %v", c)
			}
		}
		found := items(nurse.do("GET", "/api/v1/clients?q="+loadgen.NationalID(0), nil, 200))
		if len(found) != 1 || found[0]["id"].(float64) != 1 {
			t.Fatalf("look-up by ID number: %v", found)
		}
		if !strings.Contains(found[0]["national_id"].(string), "*") {
			t.Fatalf("the list shows the ID number unmasked: %v", found[0]["national_id"])
		}
		// Fragments of names and phones, through the seeded search terms:
		// every woman found is station 1's, her name holds a name fragment,
		// and the newest woman is among those a fragment of hers finds.
		var newest float64
		var name, phone string
		if err := db.SQL.QueryRow("SELECT id, name, phone FROM clients WHERE station_id = 1 ORDER BY id DESC LIMIT 1").Scan(&newest, &name, &phone); err != nil {
			t.Fatal(err)
		}
		for i, q := range []string{string([]rune(name)[:1]), name, phone[3:9]} {
			found := items(nurse.do("GET", "/api/v1/clients?limit=20&q="+url.QueryEscape(q), nil, 200))
			if len(found) == 0 || found[0]["id"].(float64) != newest {
				t.Fatalf("search %q found %v first, want client %v", q, found, newest)
			}
			for _, c := range found {
				if c["station_id"].(float64) != 1 || (i < 2 && !strings.Contains(c["name"].(string), q)) {
					t.Fatalf("search %q found %v", q, c)
				}
			}
		}
		rev := nurse.do("GET", "/api/v1/clients/1/national_id", nil, 200)
		if rev["national_id"] != loadgen.NationalID(0) {
			t.Fatalf("revealed %v, want %s", rev["national_id"], loadgen.NationalID(0))
		}
		nurse.do("GET", "/api/v1/appointments?date="+string(lab.Today(time.Now(), time.UTC).AddDays(1)), nil, 200)

		// A released sample, its results and its report.
		released := items(tech.do("GET", "/api/v1/samples?status=released&limit=5", nil, 200))
		if len(released) != 5 {
			t.Fatalf("released samples: %d", len(released))
		}
		acc := released[0]["accession"].(string)
		sm := tech.do("GET", "/api/v1/samples/"+acc, nil, 200)
		if n, want := len(sm["results"].([]any)), len(sm["analytes"].([]any)); n != want || n < 5 {
			t.Fatalf("sample %s has %d results for %d analytes", acc, n, want)
		}
		tech.do("GET", "/api/v1/samples/"+acc+"/report", nil, 200)

		// The counselor's queue and a case.
		queue := couns.do("GET", "/api/v1/followups?limit=20", nil, 200)
		if queue["total"].(float64) < 50 {
			t.Fatalf("follow-up queue of station 1: %v", queue["total"])
		}
		first := items(queue)[0]
		couns.do("GET", fmt.Sprintf("/api/v1/followups/%d", int64(first["id"].(float64))), nil, 200)
		overdue := couns.do("GET", "/api/v1/followups?overdue=true", nil, 200)
		closed := couns.do("GET", "/api/v1/followups?status=closed", nil, 200)
		if overdue["total"].(float64) == 0 || closed["total"].(float64) == 0 {
			t.Fatalf("cases: %v overdue, %v closed", overdue["total"], closed["total"])
		}

		// Nothing may be lost: every abnormal release has a case with a
		// counselor who can work it.
		if net := admin.do("GET", "/api/v1/followups/safety-net", nil, 200); len(items(net)) != 0 {
			t.Fatalf("safety net: %v", net)
		}

		// The statistics, over the whole history.
		today := lab.Today(time.Now(), time.UTC)
		st := admin.do("GET", "/api/v1/reports/summary?from="+string(today.AddDays(-200))+"&to="+string(today), nil, 200)
		if int(st["collected"].(float64)) != sum.Samples {
			t.Fatalf("statistics: %v collected, seeded %d", st["collected"], sum.Samples)
		}
		if int64(st["followup"].(map[string]any)["opened"].(float64)) != sum.Followups {
			t.Fatalf("statistics: %v cases, seeded %d", st["followup"], sum.Followups)
		}
		for _, a := range st["analytes"].([]any) {
			a := a.(map[string]any)
			want := map[string]float64{"RUBV_IGG": 0.7603, "CMV_IGG": 0.7767, "TOXO_IGG": 0.032}[a["analyte"].(string)]
			if want != 0 && math.Abs(a["positive_rate"].(float64)-want) > 0.05 {
				t.Errorf("%s positive rate %v, seeded at %v", a["analyte"], a["positive_rate"], want)
			}
		}

		// Desk and bench work on seeded rows: book a registered woman into
		// a slot ahead, enter a waiting tube's results and verify them.
		var clientID, slotID int64
		if err := db.SQL.QueryRow(`SELECT c.id FROM clients c WHERE c.station_id = 1 AND c.consent_given = ? AND c.category <> 'pregnant'
			AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.client_id = c.id) ORDER BY c.id LIMIT 1`, true).Scan(&clientID); err != nil {
			t.Fatal(err)
		}
		if err := db.SQL.QueryRow(`SELECT id FROM slots WHERE station_id = 1 AND booked < capacity AND day > ? ORDER BY id LIMIT 1`,
			string(today.AddDays(1))).Scan(&slotID); err != nil {
			t.Fatal(err)
		}
		nurse.do("POST", "/api/v1/appointments", map[string]any{"client_id": clientID, "slot_id": slotID}, 201)

		var waiting, panel string
		if err := db.SQL.QueryRow(`SELECT accession, panel_code FROM samples WHERE status = 'received' ORDER BY id LIMIT 1`).Scan(&waiting, &panel); err != nil {
			t.Fatal(err)
		}
		var rs []map[string]string
		for _, a := range map[string][]string{"TORCH8": {"TOXO_IGG", "TOXO_IGM", "RUBV_IGG", "RUBV_IGM", "CMV_IGG", "CMV_IGM", "HSV_IGG", "HSV_IGM"},
			"NFPCP": {"TOXO_IGG", "TOXO_IGM", "RUBV_IGG", "CMV_IGG", "CMV_IGM"}}[panel] {
			v := "0.1"
			if a == "RUBV_IGG" || a == "CMV_IGG" {
				v = "50"
			}
			rs = append(rs, map[string]string{"analyte": a, "value": v})
		}
		tech.do("PUT", "/api/v1/samples/"+waiting+"/results", map[string]any{"results": rs}, 200)
		tech2.do("POST", "/api/v1/samples/"+waiting+"/verify", map[string]any{"acknowledge_abnormal": true}, 200)
	})
}

// checkSlotCounts: every slot's booked count is its open and attended
// bookings, and never above its capacity.
func checkSlotCounts(t *testing.T, db *lab.DB) {
	t.Helper()
	var bad int
	err := db.SQL.QueryRow(`SELECT COUNT(*) FROM slots s WHERE s.booked > s.capacity OR s.booked <>
		(SELECT COUNT(*) FROM appointments a WHERE a.slot_id = s.id AND a.status IN ('booked', 'checked_in', 'collected'))`).Scan(&bad)
	if err != nil {
		t.Fatal(err)
	}
	if bad != 0 {
		t.Fatalf("%d slots count their bookings wrong", bad)
	}
}
