package main

import (
	"bytes"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestGaleraCluster runs torchlab on a three-node MariaDB Galera cluster
// started here from Debian's packages (galera-4, mariadb-server), with two
// torchlab processes writing through different nodes. Under load (women
// booked into the same slots from both processes at once, then checked
// in, collected, received, resulted and verified from both at once) it
// kills one node with SIGKILL and brings it back (it rejoins by IST), and
// kills one torchlab process and starts it again. Then, on every node:
// no slot overbooked, every acknowledged booking present, slot counts equal
// to the appointments holding a place, every case opened exactly once,
// every box whose last two tubes were taken in at once through the two
// processes arrived (galera_box_test.go), and no answer was a 500. It prints its figures (go test -v).
//
// It runs when TORCHLAB_TEST_GALERA=1 (.ci/run sets it), and then fails,
// rather than skips, when the packages are missing.
func TestGaleraCluster(t *testing.T) {
	if os.Getenv("TORCHLAB_TEST_GALERA") != "1" {
		t.Skip("TORCHLAB_TEST_GALERA=1 runs the Galera cluster test")
	}
	for _, f := range []string{mariadbd, galeraProvider} {
		if _, err := os.Stat(f); err != nil {
			t.Fatalf("%s is missing (apt-get install mariadb-server galera-4): %v", f, err)
		}
	}
	for _, p := range []string{"mariadb-install-db", "rsync"} {
		if _, err := exec.LookPath(p); err != nil {
			t.Fatalf("%s is missing (apt-get install mariadb-server rsync): %v", p, err)
		}
	}

	bin := filepath.Join(t.TempDir(), "torchlab")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = withoutTorchlab(os.Environ())
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	cl := startCluster(t)
	key := make([]byte, 32)
	rand.Read(key)
	w := seedGalera(t, cl, key)

	// Process A prefers node 1, process B node 2: they write through
	// different nodes, and each fails over to the next.
	nodesFrom := func(first int) string {
		var hosts []string
		for k := 0; k < 3; k++ {
			hosts = append(hosts, fmt.Sprintf("127.0.0.1:%d", cl[(first+k)%3].port))
		}
		return "mysql://root@tcp(" + strings.Join(hosts, ",") + ")/torchlab"
	}
	env := []string{"TORCHLAB_KEY=" + base64.StdEncoding.EncodeToString(key), "TORCHLAB_LOG_LEVEL=warn", "TORCHLAB_JOB_INTERVAL=1h"}
	procs := []*torchlabProc{
		startTorchlab(t, bin, "A", nodesFrom(0), env),
		startTorchlab(t, bin, "B", nodesFrom(1), env),
	}
	w.signIn(t, procs[0])
	w.prepare(t, procs[0])

	// The load, with the failures injected as it goes.
	var started atomic.Int32
	logBeforeRejoin := 0 // node 2's log up to its kill
	failures := make(chan struct{})
	go func() {
		defer close(failures)
		waitFor := func(n int32) {
			for started.Load() < n {
				time.Sleep(20 * time.Millisecond)
			}
		}
		waitFor(int32(galeraWomen / 4))
		t.Logf("killing node 2 (process B's node) with SIGKILL, mid-load")
		cl[1].kill()
		if log, err := os.ReadFile(filepath.Join(cl[1].dir, "error.log")); err == nil {
			logBeforeRejoin = len(log)
		}
		time.Sleep(3 * time.Second)
		cl[1].restartAfterCrash(t)
		t.Logf("node 2 restarted; it rejoins while the load goes on")
		waitFor(int32(galeraWomen * 3 / 5))
		retried := procs[0].retries(t)
		t.Logf("killing torchlab process A with SIGKILL, mid-load")
		procs[0].kill()
		procs[0].retriedBeforeKill = retried
		time.Sleep(time.Second)
		procs[0].start(t)
		t.Logf("torchlab process A restarted")
	}()
	w.load(t, procs, &started)
	<-failures
	boxes := w.boxesAcrossNodes(t, procs)

	for _, n := range cl {
		n.waitSynced(t, 3*time.Minute)
	}
	if size := cl[0].status(t, "wsrep_cluster_size"); size != "3" {
		t.Fatalf("cluster size %s after recovery", size)
	}
	// The joiner's SST script runs either way (MariaDB even logs "SST
	// succeeded"); what it transferred is in its own lines.
	rejoin := "an unknown way"
	if log, err := os.ReadFile(filepath.Join(cl[1].dir, "error.log")); err == nil && len(log) >= logBeforeRejoin {
		log = log[logBeforeRejoin:]
		for _, line := range strings.Split(string(log), "\n") {
			if strings.Contains(line, "completed on joiner") || strings.Contains(line, "Receiving IST:") || strings.Contains(line, "IST received") {
				t.Logf("node 2: %.160s", line)
			}
		}
		switch {
		case bytes.Contains(log, []byte("SST completed on joiner")):
			rejoin = "a full state transfer (SST)"
		case bytes.Contains(log, []byte("IST completed on joiner")):
			rejoin = "an incremental state transfer (IST)"
		}
	}
	t.Logf("node 2 rejoined by %s", rejoin)
	retriedConflicts, retriedLost := 0.0, 0.0
	for _, p := range procs {
		c := p.retries(t)
		retriedConflicts += c.conflict + p.retriedBeforeKill.conflict
		retriedLost += c.lost + p.retriedBeforeKill.lost
	}

	present := -1
	var counts []string
	for _, n := range cl {
		db := n.open(t, "torchlab")
		got := w.check(t, n.name, db)
		checkBoxes(t, n.name, db, boxes)
		if present >= 0 && got.present != present {
			t.Errorf("%s: %d acknowledged bookings present; another node has %d", n.name, got.present, present)
		}
		present = got.present
		counts = append(counts, got.tables)
		db.Close()
	}
	for i := range counts {
		if counts[i] != counts[0] {
			t.Errorf("the nodes differ: %s has %s, node1 %s", cl[i].name, counts[i], counts[0])
		}
	}
	t.Logf("bookings attempted %d, acknowledged %d, present after recovery %d (on each of 3 nodes); "+
		"refused %d (slot full or already booked), answered 503 unavailable %d, re-sent for want of an answer (process killed) %d; "+
		"samples verified %d, cases opened %d; transactions retried after a conflict %.0f, after a lost connection %.0f; answers 500: %d",
		w.attempted.Load(), len(w.acked()), present, w.refused.Load(), w.unavailable.Load(), w.lost.Load(),
		w.verified.Load(), w.cases, retriedConflicts, retriedLost, w.internal.Load())
	if w.internal.Load() != 0 {
		w.errorsSeen.Range(func(k, v any) bool { t.Logf("500: %s: %.300s", k, v); return true })
		t.Fatalf("%d answers were 500", w.internal.Load())
	}
	if len(w.acked()) < galeraWomen/2 {
		t.Fatalf("only %d bookings acknowledged of %d women", len(w.acked()), galeraWomen)
	}
}

const (
	mariadbd       = "/usr/sbin/mariadbd"
	galeraProvider = "/usr/lib/galera/libgalera_smm.so"
	galeraWomen    = 48
)

type nodeFigures struct {
	present int
	tables  string
}

// check reads one node and checks what must hold there.
func (w *galeraWorld) check(t *testing.T, node string, db *sql.DB) nodeFigures {
	var f nodeFigures
	one := func(q string, args ...any) int {
		var n int
		if err := db.QueryRow(q, args...).Scan(&n); err != nil {
			t.Fatalf("%s: %s: %v", node, q, err)
		}
		return n
	}
	if n := one("SELECT COUNT(*) FROM slots WHERE booked > capacity"); n != 0 {
		t.Errorf("%s: %d slots overbooked", node, n)
	}
	if n := one(`SELECT COUNT(*) FROM slots s WHERE s.booked <> (SELECT COUNT(*) FROM appointments a WHERE a.slot_id = s.id
		AND a.status IN ('booked', 'checked_in', 'collected', 'no_show'))`); n != 0 {
		t.Errorf("%s: %d slots whose count differs from their appointments", node, n)
	}
	if n := one("SELECT COUNT(*) FROM (SELECT client_id FROM appointments GROUP BY client_id HAVING COUNT(*) > 1) x"); n != 0 {
		t.Errorf("%s: %d women booked twice", node, n)
	}
	for id, woman := range w.acked() {
		if one("SELECT COUNT(*) FROM appointments WHERE id = ? AND client_id = ?", id, woman) == 1 {
			f.present++
		} else {
			t.Errorf("%s: acknowledged booking %d of woman %d is missing", node, id, woman)
		}
	}
	if n := one("SELECT COUNT(*) FROM (SELECT sample_id FROM followups GROUP BY sample_id HAVING COUNT(*) > 1) x"); n != 0 {
		t.Errorf("%s: %d samples with more than one case", node, n)
	}
	if n := one("SELECT COUNT(*) FROM (SELECT client_id FROM followups GROUP BY client_id HAVING COUNT(*) > 1) x"); n != 0 {
		t.Errorf("%s: %d women with more than one case", node, n)
	}
	w.mu.Lock()
	for woman := range w.verifiedAbnormal {
		if n := one("SELECT COUNT(*) FROM followups WHERE client_id = ?", woman); n != 1 {
			t.Errorf("%s: woman %d's abnormal sample was released; she has %d cases", node, woman, n)
		}
	}
	w.mu.Unlock()
	// Released abnormal samples have their case, whether or not the
	// test saw the release acknowledged.
	released := one("SELECT COUNT(*) FROM samples s JOIN results r ON r.sample_id = s.id WHERE s.status = 'released' AND r.analyte_code = 'TOXO_IGM' AND r.value >= 10")
	w.cases = one("SELECT COUNT(*) FROM followups")
	if released != w.cases {
		t.Errorf("%s: %d released abnormal samples, %d cases", node, released, w.cases)
	}
	f.tables = fmt.Sprintf("appointments %d, samples %d, results %d, followups %d, audit %d",
		one("SELECT COUNT(*) FROM appointments"), one("SELECT COUNT(*) FROM samples"), one("SELECT COUNT(*) FROM results"),
		one("SELECT COUNT(*) FROM followups"), one("SELECT COUNT(*) FROM audit_log"))
	t.Logf("%s: %s", node, f.tables)
	return f
}
