package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// The yardstick's process (yardstick.go): run starts it itself, hands it
// its nurses' sessions, and stops it when it ends.

// yardstickCmd is `torchlab-load yardstick`, which run starts by
// itself: it serves the handler on a free port of 127.0.0.1, writes its
// URL as the first line of its output, and stops when its input closes
// (when run ends, or dies).
func yardstickCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("yardstick", stderr)
	dsn := fs.String("bare-dsn", "", "the database (TORCHLAB_DB form)")
	concurrency := fs.Int("concurrency", 32, "the connections it may open")
	if err := fs.Parse(args); err != nil {
		return err
	}
	b, err := openBare(*dsn, *concurrency)
	if err != nil {
		return err
	}
	defer b.db.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: newYardstick(b).routes(), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(stdout, "http://%s\n", ln.Addr())
	closed := make(chan struct{})
	go func() {
		io.Copy(io.Discard, stdin)
		close(closed)
	}()
	select {
	case <-closed:
	case <-ctx.Done():
	case err := <-served:
		return err
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// yardstickProcess is the running yardstick, as run sees it.
type yardstickProcess struct {
	url   string
	pid   int
	cmd   *exec.Cmd
	input io.WriteCloser
}

// asYardstick, set in a child's environment, makes this tool's test
// binary act as `torchlab-load yardstick` (TestMain), so that the tests
// start the yardstick as run does.
const asYardstick = "TORCHLAB_LOAD_AS_YARDSTICK"

// startYardstick starts `torchlab-load yardstick` (this program again)
// and waits for its URL.
func startYardstick(dsn string, concurrency int, stderr io.Writer) (*yardstickProcess, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(exe, "yardstick", "--bare-dsn", dsn, "--concurrency", strconv.Itoa(concurrency))
	cmd.Env = append(os.Environ(), asYardstick+"=1")
	cmd.Stderr = stderr
	input, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	output, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("the yardstick: %w", err)
	}
	h := &yardstickProcess{pid: cmd.Process.Pid, cmd: cmd, input: input}
	first := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(output).ReadString('\n')
		first <- strings.TrimSpace(line)
		io.Copy(io.Discard, output)
	}()
	select {
	case h.url = <-first:
	case <-time.After(30 * time.Second):
	}
	if !strings.HasPrefix(h.url, "http://") {
		h.close()
		return nil, fmt.Errorf("the yardstick did not start (it said %q)", h.url)
	}
	return h, nil
}

// close ends the yardstick: its input closes, and it is killed if it
// has not stopped within ten seconds.
func (h *yardstickProcess) close() {
	h.input.Close()
	done := make(chan error, 1)
	go func() { done <- h.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		h.cmd.Process.Kill()
		<-done
	}
}
