package astm

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// step is one line of a transcript: bytes from the analyser (to write) or
// from the host (to read back).
type step struct {
	fromAnalyser bool
	data         []byte
}

var controlNames = strings.NewReplacer(
	"<STX>", "\x02", "<ETX>", "\x03", "<EOT>", "\x04", "<ENQ>", "\x05",
	"<ACK>", "\x06", "<LF>", "\n", "<CR>", "\r", "<NAK>", "\x15", "<ETB>", "\x17",
)

func loadTranscript(t testing.TB, name string) []step {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var steps []step
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		dir, data, ok := strings.Cut(line, " ")
		if !ok || (dir != "A" && dir != "H") {
			t.Fatalf("%s: bad line %q", name, line)
		}
		steps = append(steps, step{fromAnalyser: dir == "A", data: []byte(controlNames.Replace(data))})
	}
	return steps
}

// fakeHost records what the protocol hands it.
type fakeHost struct {
	mu       sync.Mutex
	messages []Message
	senders  []string
	queried  []string
	orders   map[string][]Order
	err      error
}

func (h *fakeHost) Results(_ context.Context, sender string, msg Message) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.senders = append(h.senders, sender)
	h.messages = append(h.messages, msg)
	return h.err
}

func (h *fakeHost) Orders(_ context.Context, sender, accession string) ([]Order, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.queried = append(h.queried, sender+"/"+accession)
	return h.orders[accession], nil
}

func (h *fakeHost) got() []Message {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]Message(nil), h.messages...)
}

// countingMetrics counts events and signals each message outcome.
type countingMetrics struct {
	mu       sync.Mutex
	conns    map[ConnEvent]int
	outcomes map[Outcome]int
	signal   chan Outcome
}

func newCountingMetrics() *countingMetrics {
	return &countingMetrics{conns: map[ConnEvent]int{}, outcomes: map[Outcome]int{}, signal: make(chan Outcome, 100)}
}

func (m *countingMetrics) Connection(e ConnEvent) {
	m.mu.Lock()
	m.conns[e]++
	m.mu.Unlock()
}

func (m *countingMetrics) Message(_ string, o Outcome) {
	m.mu.Lock()
	m.outcomes[o]++
	m.mu.Unlock()
	m.signal <- o
}

func (m *countingMetrics) count(o Outcome) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.outcomes[o]
}

// waitFor blocks until the dialogue reports outcome o (the test's own
// deadline bounds it).
func (m *countingMetrics) waitFor(t *testing.T, o Outcome) {
	t.Helper()
	for got := range m.signal {
		if got == o {
			return
		}
	}
}

// testConfig has timers short enough for tests that wait on them; the
// tests assert the states the timers lead to, never how long they took.
func testConfig(m Metrics) Config {
	return Config{
		EstablishTimeout: 200 * time.Millisecond,
		FrameTimeout:     200 * time.Millisecond,
		BusyWait:         time.Millisecond,
		IdleTimeout:      time.Minute,
		Metrics:          m,
		Now:              func() time.Time { return time.Date(2020, 7, 15, 7, 1, 0, 0, time.UTC) },
	}
}

// analyser is the test's end of a connection to one dialogue.
type analyser struct {
	t    *testing.T
	conn net.Conn
	done chan struct{}
}

// startDialogue serves one in-memory connection with host and cfg.
func startDialogue(t *testing.T, host Host, cfg Config) *analyser {
	t.Helper()
	ours, theirs := net.Pipe()
	a := &analyser{t: t, conn: ours, done: make(chan struct{})}
	go func() {
		defer close(a.done)
		defer theirs.Close()
		serveConn(context.Background(), theirs, host, cfg.withDefaults())
	}()
	t.Cleanup(func() { a.close() })
	return a
}

func (a *analyser) send(b ...byte) {
	a.t.Helper()
	a.conn.SetWriteDeadline(time.Now().Add(5 * time.Second))
	if _, err := a.conn.Write(b); err != nil {
		a.t.Fatalf("analyser send %q: %v", b, err)
	}
}

// expect reads exactly want from the host.
func (a *analyser) expect(want []byte) {
	a.t.Helper()
	got := make([]byte, len(want))
	a.conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.ReadFull(a.conn, got); err != nil {
		a.t.Fatalf("host should send %q: %v (got %q)", want, err, got)
	}
	if !bytes.Equal(got, want) {
		a.t.Fatalf("host sent %q, want %q", got, want)
	}
}

func (a *analyser) replay(steps []step) {
	a.t.Helper()
	for _, s := range steps {
		if s.fromAnalyser {
			a.send(s.data...)
		} else {
			a.expect(s.data)
		}
	}
}

// close hangs up and waits for the dialogue to end.
func (a *analyser) close() {
	a.conn.Close()
	<-a.done
}
