package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "github.com/go-sql-driver/mysql"
	"golang.org/x/crypto/bcrypt"

	"torchlab/lab"
	"torchlab/migrations"
)

// TestGaleraCluster runs torchlab on a three-node MariaDB Galera cluster
// started here from Debian's packages (galera-4, mariadb-server), with two
// torchlab processes writing through different nodes. Under load (women
// booked into the same slots from both processes at once, then checked
// in, collected, received, resulted and verified from both at once) it
// kills one node with SIGKILL and brings it back (it rejoins by IST), and
// kills one torchlab process and starts it again. Then, on every node:
// no slot overbooked, every acknowledged booking present, slot counts equal
// to the appointments holding a place, every case opened exactly once, and
// no answer was a 500. It prints its figures (go test -v).
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

// galeraNode is one mariadbd of the test cluster.
type galeraNode struct {
	name, dir string
	n, port   int
	cmd       *exec.Cmd
	exited    chan struct{}
	runAs     string
}

// startCluster makes three data directories and starts the cluster: the
// first node bootstraps it, the others join by state transfer (rsync).
// As root, mariadbd runs as the mysql user: rsync's daemon, which receives
// a joiner's state, drops root for "nobody" and could not write root's
// directories otherwise.
func startCluster(t *testing.T) []*galeraNode {
	base, err := os.MkdirTemp("", "torchlab-galera-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(base) })
	runAs := ""
	if os.Geteuid() == 0 {
		if _, err := user.Lookup("mysql"); err != nil {
			t.Fatalf("running as root needs the mysql user (from mariadb-server): %v", err)
		}
		runAs = "mysql"
		os.Chmod(base, 0o755)
	}
	var nodes []*galeraNode
	for i := 0; i < 3; i++ {
		n := &galeraNode{name: fmt.Sprintf("node%d", i+1), n: i, port: 13306 + i, dir: filepath.Join(base, fmt.Sprintf("node%d", i+1)), runAs: runAs}
		if err := os.MkdirAll(n.dir, 0o755); err != nil {
			t.Fatal(err)
		}
		args := []string{"--no-defaults", "--datadir=" + filepath.Join(n.dir, "data"), "--auth-root-authentication-method=normal", "--skip-test-db"}
		if runAs != "" {
			exec.Command("chown", "-R", runAs, n.dir).Run()
			args = append(args, "--user="+runAs)
		}
		if out, err := exec.Command("mariadb-install-db", args...).CombinedOutput(); err != nil {
			t.Fatalf("mariadb-install-db: %v\n%s", err, out)
		}
		n.writeConfig(t)
		nodes = append(nodes, n)
		t.Cleanup(n.kill)
	}
	nodes[0].start(t, true)
	nodes[0].waitSynced(t, time.Minute)
	db := nodes[0].open(t, "")
	if _, err := db.Exec("CREATE DATABASE torchlab CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, n := range nodes[1:] {
		n.start(t, false)
		n.waitSynced(t, 2*time.Minute)
	}
	return nodes
}

func (n *galeraNode) writeConfig(t *testing.T) {
	gport := func(i int) int { return 14567 + 10*i }
	cfg := fmt.Sprintf(`[mysqld]
datadir=%[1]s/data
socket=%[1]s/mysqld.sock
pid-file=%[1]s/mysqld.pid
log-error=%[1]s/error.log
port=%[2]d
bind-address=127.0.0.1
skip-name-resolve
innodb_buffer_pool_size=32M
innodb_log_file_size=16M
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
wsrep_on=ON
wsrep_provider=%[3]s
wsrep_cluster_name=torchlab_test
wsrep_cluster_address=gcomm://127.0.0.1:%[4]d,127.0.0.1:%[5]d,127.0.0.1:%[6]d
wsrep_node_name=%[7]s
wsrep_node_address=127.0.0.1:%[8]d
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:%[9]d
wsrep_provider_options="gcache.size=32M;ist.recv_addr=127.0.0.1:%[10]d"
`, n.dir, n.port, galeraProvider, gport(0), gport(1), gport(2), n.name, gport(n.n), gport(n.n)+2, gport(n.n)+1)
	if n.runAs != "" {
		cfg += "user=" + n.runAs + "\n"
	}
	if err := os.WriteFile(filepath.Join(n.dir, "my.cnf"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
}

func (n *galeraNode) start(t *testing.T, bootstrap bool) {
	args := []string{"--defaults-file=" + filepath.Join(n.dir, "my.cnf")}
	if bootstrap {
		args = append(args, "--wsrep-new-cluster")
	}
	n.cmd = exec.Command(mariadbd, args...)
	if err := n.cmd.Start(); err != nil {
		t.Fatalf("%s: %v", n.name, err)
	}
	n.exited = make(chan struct{})
	go func(cmd *exec.Cmd, done chan struct{}) { cmd.Wait(); close(done) }(n.cmd, n.exited)
}

// restartAfterCrash starts a node that was killed. Its saved state says
// nothing of its position (seqno -1, as after any crash), and with nothing
// known it would be sent a full copy (SST). As the Debian service does
// (galera_recovery), it first recovers the position from InnoDB with
// --wsrep-recover and starts from it, so that it receives only the writes
// it missed (IST) from a donor's gcache.
func (n *galeraNode) restartAfterCrash(t *testing.T) {
	cfg := "--defaults-file=" + filepath.Join(n.dir, "my.cnf")
	logFile := filepath.Join(n.dir, "error.log")
	before, _ := os.ReadFile(logFile)
	if out, err := exec.Command(mariadbd, cfg, "--wsrep-recover").CombinedOutput(); err != nil {
		t.Fatalf("%s --wsrep-recover: %v\n%s", n.name, err, out)
	}
	after, _ := os.ReadFile(logFile)
	const marker = "WSREP: Recovered position: "
	position := ""
	if i := bytes.LastIndex(after[len(before):], []byte(marker)); i >= 0 {
		rest := after[len(before)+i+len(marker):]
		position = strings.TrimSpace(string(rest[:max(0, bytes.IndexByte(rest, '\n'))]))
	}
	if position == "" {
		t.Fatalf("%s: no recovered position:\n%s", n.name, tail(after[len(before):], 2000))
	}
	n.cmd = exec.Command(mariadbd, cfg, "--wsrep-start-position="+position)
	if err := n.cmd.Start(); err != nil {
		t.Fatalf("%s: %v", n.name, err)
	}
	n.exited = make(chan struct{})
	go func(cmd *exec.Cmd, done chan struct{}) { cmd.Wait(); close(done) }(n.cmd, n.exited)
	t.Logf("%s restarts from its recovered position %s", n.name, position)
}

// kill ends the node at once, as a power cut would (SIGKILL).
func (n *galeraNode) kill() {
	if n.cmd != nil && n.cmd.Process != nil {
		n.cmd.Process.Signal(syscall.SIGKILL)
		<-n.exited
		n.cmd = nil
	}
}

func (n *galeraNode) open(t *testing.T, database string) *sql.DB {
	// wsrep_sync_wait=1: a read waits until the node has applied every
	// write the cluster committed before it (read-your-writes).
	db, err := sql.Open("mysql", fmt.Sprintf("root@tcp(127.0.0.1:%d)/%s?wsrep_sync_wait=1&timeout=5s", n.port, database))
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func (n *galeraNode) status(t *testing.T, name string) string {
	db := n.open(t, "")
	defer db.Close()
	var k, v string
	if err := db.QueryRow("SHOW STATUS LIKE '"+name+"'").Scan(&k, &v); err != nil {
		return ""
	}
	return v
}

// waitSynced waits until the node is a synced member of the primary
// component.
func (n *galeraNode) waitSynced(t *testing.T, limit time.Duration) {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		select {
		case <-n.exited:
			log, _ := os.ReadFile(filepath.Join(n.dir, "error.log"))
			t.Fatalf("%s exited:\n%s", n.name, tail(log, 3000))
		default:
		}
		if n.status(t, "wsrep_local_state_comment") == "Synced" && n.status(t, "wsrep_ready") == "ON" {
			return
		}
		time.Sleep(250 * time.Millisecond)
	}
	log, _ := os.ReadFile(filepath.Join(n.dir, "error.log"))
	t.Fatalf("%s not synced within %s:\n%s", n.name, limit, tail(log, 3000))
}

func tail(b []byte, n int) []byte { return b[max(0, len(b)-n):] }

// torchlabProc is one `torchlab serve` of the test.
type torchlabProc struct {
	name, bin, db, base, metrics string
	env                          []string
	cmd                          *exec.Cmd
	log                          *os.File
	retriedBeforeKill            retryFigures
}

type retryFigures struct{ conflict, lost float64 }

func startTorchlab(t *testing.T, bin, name, db string, env []string) *torchlabProc {
	p := &torchlabProc{name: name, bin: bin, db: db, env: env}
	addr, metrics := freeAddr(t), freeAddr(t)
	p.base, p.metrics = "http://"+addr, "http://"+metrics
	p.env = append(p.env, "TORCHLAB_ADDR="+addr, "TORCHLAB_METRICS_ADDR="+metrics, "TORCHLAB_DB="+db)
	var err error
	if p.log, err = os.Create(filepath.Join(t.TempDir(), name+".log")); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if p.cmd != nil {
			p.cmd.Process.Signal(syscall.SIGTERM)
			p.cmd.Wait()
		}
		if t.Failed() {
			b, _ := os.ReadFile(p.log.Name())
			t.Logf("torchlab %s's log:\n%s", p.name, tail(b, 4000))
		}
	})
	p.start(t)
	return p
}

func (p *torchlabProc) start(t *testing.T) {
	p.cmd = exec.Command(p.bin, "serve")
	p.cmd.Env = append(withoutTorchlab(os.Environ()), p.env...)
	p.cmd.Stdout, p.cmd.Stderr = p.log, p.log
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		if res, err := http.Get(p.base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	b, _ := os.ReadFile(p.log.Name())
	t.Fatalf("torchlab %s never became ready:\n%s", p.name, tail(b, 3000))
}

func (p *torchlabProc) kill() {
	p.cmd.Process.Signal(syscall.SIGKILL)
	p.cmd.Wait()
	p.cmd = nil
}

// retries reads torchlab_db_retries_total from the process's metrics.
func (p *torchlabProc) retries(t *testing.T) retryFigures {
	res, err := http.Get(p.metrics + "/metrics")
	if err != nil {
		t.Fatalf("metrics of %s: %v", p.name, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	var f retryFigures
	for _, line := range strings.Split(string(b), "\n") {
		v := func() float64 { x, _ := strconv.ParseFloat(line[strings.LastIndexByte(line, ' ')+1:], 64); return x }
		switch {
		case strings.HasPrefix(line, `torchlab_db_retries_total{reason="conflict"}`):
			f.conflict = v()
		case strings.HasPrefix(line, `torchlab_db_retries_total{reason="lost_connection"}`):
			f.lost = v()
		}
	}
	return f
}

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
	if _, err := migrations.Up(context.Background(), db.SQL, db.Dialect, nil); err != nil {
		t.Fatal(err)
	}
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
