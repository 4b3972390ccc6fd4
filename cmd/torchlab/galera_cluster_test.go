package main

import (
	"bytes"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "github.com/go-sql-driver/mysql"
)

// The Galera test's cluster: three mariadbd nodes and the torchlab
// processes that write through them, started and killed by the test.

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
