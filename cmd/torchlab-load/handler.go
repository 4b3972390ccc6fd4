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

	"github.com/gin-gonic/gin"

	"torchlab/lab"
)

// The bare Gin handler: the bare booking transaction (bareDB.bookTx)
// served over HTTP through Gin, and nothing else: no session, no
// eligibility, no validation beyond decoding the body. It is the performance
// requirement's second reference point, "a Gin handler doing nothing but that
// transaction", measured in the same run as the API and the bare SQL, so
// that the report shows how much of the API's distance from the bare SQL
// is HTTP's alone. It runs in a process of its own, as torchlab does (in
// this tool's process it shared one Go scheduler with the load's
// clients, a saving the API cannot have), and its CPU is reported as the
// server's.

// bareBooking is the handler's request: the woman as the pool holds her
// (the API reads her station and category itself) and the slot.
type bareBooking struct {
	ClientID  int64  `json:"client_id"`
	StationID int64  `json:"station_id"`
	Category  string `json:"category"`
	SlotID    int64  `json:"slot_id"`
}

// bareHandlerRoutes is the handler's one route, POST /book.
func bareHandlerRoutes(b *bareDB) http.Handler {
	gin.SetMode(gin.ReleaseMode)
	g := gin.New()
	g.POST("/book", func(c *gin.Context) {
		var in bareBooking
		if err := c.ShouldBindJSON(&in); err != nil {
			c.JSON(http.StatusBadRequest, gin.H{"code": "bad_request", "message": err.Error()})
			return
		}
		var id int64
		var code string
		err := lab.RetryLockConflicts(func() (err error) {
			id, code, err = b.bookTx(c.Request.Context(), poolClient{id: in.ClientID, station: in.StationID, category: in.Category}, in.SlotID, 1)
			return err
		})
		switch {
		case err != nil:
			c.JSON(http.StatusInternalServerError, gin.H{"code": "internal", "message": err.Error()})
		case code != "":
			c.JSON(http.StatusUnprocessableEntity, gin.H{"code": code})
		default:
			c.JSON(http.StatusCreated, gin.H{"id": id})
		}
	})
	return g
}

// bareHandlerCmd is `torchlab-load bare-handler`, which run starts by
// itself: it serves the handler on a free port of 127.0.0.1, writes its
// URL as the first line of its output, and stops when its input closes
// (when run ends, or dies).
func bareHandlerCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("bare-handler", stderr)
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
	srv := &http.Server{Handler: bareHandlerRoutes(b), ReadHeaderTimeout: 10 * time.Second}
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

// bareHandler is the running handler process, as run sees it.
type bareHandler struct {
	url   string
	pid   int
	cmd   *exec.Cmd
	input io.WriteCloser
}

// asBareHandler, set in a child's environment, makes this tool's test
// binary act as `torchlab-load bare-handler` (TestMain), so that the
// tests start the handler as run does.
const asBareHandler = "TORCHLAB_LOAD_AS_BARE_HANDLER"

// startBareHandler starts `torchlab-load bare-handler` (this program
// again) and waits for its URL.
func startBareHandler(dsn string, concurrency int, stderr io.Writer) (*bareHandler, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(exe, "bare-handler", "--bare-dsn", dsn, "--concurrency", strconv.Itoa(concurrency))
	cmd.Env = append(os.Environ(), asBareHandler+"=1")
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
		return nil, fmt.Errorf("the bare handler: %w", err)
	}
	h := &bareHandler{pid: cmd.Process.Pid, cmd: cmd, input: input}
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
		return nil, fmt.Errorf("the bare handler did not start (it said %q)", h.url)
	}
	return h, nil
}

// close ends the handler: its input closes, and it is killed if it has
// not stopped within ten seconds.
func (h *bareHandler) close() {
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
