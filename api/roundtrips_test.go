package api_test

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	mysqldriver "github.com/go-sql-driver/mysql"

	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// Round trips to MySQL are what an operation costs that the machine's noise
// does not move (docs/performance.md): each command the driver sends is
// answered before the next, so the commands sent are the round trips.

// commandsSent counts the commands sent on every connection dialled
// through the "counted" network.
var commandsSent atomic.Int64

func init() {
	mysqldriver.RegisterDialContext("counted", func(ctx context.Context, addr string) (net.Conn, error) {
		var d net.Dialer
		c, err := d.DialContext(ctx, "tcp", addr)
		if err != nil {
			return nil, err
		}
		return &countingConn{Conn: c}, nil
	})
}

// countingConn counts the client's commands: a packet whose sequence
// number is 0 starts a command (MySQL client/server protocol); the
// handshake's packets and a long command's later packets do not. The
// driver writes each packet with one Write.
//
// The sign-in check is not the operation's: it is answered from a cache
// that holds for 2 s of wall time (lab/session_cache.go), so whether a
// request reads the sessions table depends on how fast the machine is.
// Commands on that table are left out of the count.
type countingConn struct{ net.Conn }

func (c *countingConn) Write(b []byte) (int, error) {
	if len(b) >= 5 && b[3] == 0 && !bytes.Contains(b[5:], []byte("`sessions`")) {
		commandsSent.Add(1)
	}
	return c.Conn.Write(b)
}

// roundTrips runs fn and returns the commands sent meanwhile.
func roundTrips(fn func()) int64 {
	before := commandsSent.Load()
	fn()
	return commandsSent.Load() - before
}

// roundTripBudget is the most commands an operation may send to MySQL,
// its transaction's BEGIN and COMMIT included.
var roundTripBudget = map[string]int64{
	"booking":      3,
	"check-in":     4,
	"collection":   4,
	"receive":      4,
	"result entry": 4,
	"verify":       4,
}

// The operations of one woman's screening, each counted on its own through
// the real router on MySQL, after the same operation ran once (so the pool
// holds its connection and the process's caches are warm).
func TestRoundTripsPerOperation(t *testing.T) {
	t.Parallel()
	dsn := os.Getenv(labtest.MySQLEnv)
	if dsn == "" {
		t.Skip("round trips are counted on MySQL: set " + labtest.MySQLEnv)
	}
	url := labtest.URL(t, migrations.MySQL)
	if !strings.Contains(url, "@tcp(") {
		t.Fatalf("the MySQL test URL %q has no tcp address to count on", url)
	}
	e := newEnvAt(t, strings.Replace(url, "@tcp(", "@counted(", 1))
	nurse := e.signIn("nurse.a", lab.RoleNurse, e.stationA)
	tech := e.signIn("tech", lab.RoleLabTech, 0)
	tech2 := e.signIn("tech2", lab.RoleLabTech, 0)
	sl := e.slot(nurse, e.stationA, "2026-03-02", "23:00", 100)

	counted := map[string]int64{}
	for woman := 1; woman <= 2; woman++ {
		client := e.register(nurse, clientBody(woman))
		measure := func(op string, fn func()) {
			n := roundTrips(fn)
			if woman == 2 {
				counted[op] = n
			}
		}
		var ap *lab.Appointment
		measure("booking", func() {
			var p *problemResult
			if ap, p = e.book(nurse, client, sl.ID); p != nil {
				t.Fatalf("book: %+v", p)
			}
		})
		measure("check-in", func() {
			expectStatus(t, e.do("POST", path("/api/v1/appointments/%d/check-in", ap.ID), nurse, nil), http.StatusOK)
		})
		var sm lab.Sample
		measure("collection", func() {
			res := e.do("POST", path("/api/v1/appointments/%d/samples", ap.ID), nurse, map[string]any{})
			expectStatus(t, res, http.StatusCreated)
			decode(t, res, &sm)
		})
		measure("receive", func() {
			expectStatus(t, e.do("POST", "/api/v1/samples/"+sm.Accession+"/receive", tech, nil), http.StatusOK)
		})
		// An IgM-positive result, so that verify opens her case and its
		// notification too.
		measure("result entry", func() {
			expectStatus(t, e.do("PUT", "/api/v1/samples/"+sm.Accession+"/results", tech,
				map[string]any{"results": allResults(map[string]string{"TOXO_IGM": "15"})}), http.StatusOK)
		})
		measure("verify", func() {
			expectStatus(t, e.do("POST", "/api/v1/samples/"+sm.Accession+"/verify", tech2,
				map[string]any{"acknowledge_abnormal": true}), http.StatusOK)
		})
	}
	for op, n := range counted {
		t.Logf("%-13s %2d round trips", op, n)
		if budget, ok := roundTripBudget[op]; ok && n > budget {
			t.Errorf("%s sent %d commands to MySQL; its budget is %d", op, n, budget)
		}
	}
	if len(counted) != len(roundTripBudget) {
		t.Errorf("counted %v; every operation has a budget", counted)
	}
}
