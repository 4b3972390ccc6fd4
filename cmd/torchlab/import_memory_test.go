package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// A 2 MB body of "x\n" lines sent to the import answered with a 135 MB
// report, and the process peaked at 850 MB; 4 MB reached 1.85 GB. This
// builds `torchlab serve`, starts it on an SQLite database, posts analyser
// files to it and reads the process's peak resident memory (VmHWM) from
// /proc: under 100 MB for a 32 MiB upload of garbage, under 200 MB for
// 100,000 valid lines. It reports the peaks it measured (go test -v).
func TestImportPeakMemory(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads the peak memory from /proc")
	}
	bin := filepath.Join(t.TempDir(), "torchlab")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = withoutTorchlab(os.Environ())
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	t.Run("32 MiB of garbage", func(t *testing.T) {
		srv := startForImport(t, bin, 0)
		// No header: refused at once, whatever follows.
		status, _ := srv.post(t, func(w io.Writer) {
			line := []byte("x\n")
			for written := 0; written < 32<<20; written += len(line) {
				w.Write(line)
			}
		})
		if status != http.StatusBadRequest {
			t.Fatalf("a file of x lines answered %d; want 400", status)
		}
		// A header, then 32 MiB of lines of garbage, just under the line
		// limit: every line read, refused, and kept for the download.
		const lines = lab.MaxImportLines - 1
		const width = (32<<20 - 64) / lines
		status, body := srv.post(t, func(w io.Writer) {
			io.WriteString(w, "accession,analyte,value\n")
			bw := bufio.NewWriterSize(w, 64<<10)
			for i := 0; i < lines; i++ {
				var l string
				switch i % 4 {
				case 0:
					l = strings.Repeat("x", width-1)
				case 1:
					l = "not-a-code,TOXO_IGG," + strings.Repeat("9", width-22)
				case 2:
					l = `"` + strings.Repeat("q", width-2)
				default:
					l = strings.Repeat("a,", (width-1)/2) + strings.Repeat("b", (width-1)%2)
				}
				bw.WriteString(l)
				bw.WriteByte('\n')
			}
			bw.Flush()
		})
		var rep struct {
			Lines, Saved, Rejected int
			Rows                   []lab.ImportRow
			ErrorsCSV              string `json:"errors_csv"`
		}
		if err := json.Unmarshal(body, &rep); err != nil || status != http.StatusOK {
			t.Fatalf("garbage import: %d %.300s", status, body)
		}
		if rep.Rejected != lines || rep.Saved != 0 || len(rep.Rows) != lab.ImportRowsShown || rep.ErrorsCSV == "" || len(body) > 64<<10 {
			t.Fatalf("lines %d, saved %d, rejected %d, %d rows, errors %q, %d bytes", rep.Lines, rep.Saved, rep.Rejected, len(rep.Rows), rep.ErrorsCSV, len(body))
		}
		peak := srv.peak(t)
		t.Logf("peak resident memory of torchlab serve after a 32 MiB import of garbage (%d lines refused): %.1f MB", rep.Rejected, float64(peak)/1e6)
		if peak >= 100e6 {
			t.Fatalf("peak resident memory %.1f MB; the bound is 100 MB", float64(peak)/1e6)
		}
	})

	t.Run("100,000 valid lines", func(t *testing.T) {
		analytes := []string{"TOXO_IGG", "TOXO_IGM", "RUBV_IGG", "RUBV_IGM", "CMV_IGG", "CMV_IGM", "HSV_IGG", "HSV_IGM"}
		const samples = lab.MaxImportLines / 8
		srv := startForImport(t, bin, samples)
		status, body := srv.post(t, func(w io.Writer) {
			bw := bufio.NewWriterSize(w, 64<<10)
			bw.WriteString("accession,analyte,value,unit,kit,lot\n")
			for i, code := range srv.codes {
				for j, a := range analytes {
					// The lot every test database has in use (labtest.SeedLots).
					fmt.Fprintf(bw, "%s,%s,%d.%d,,,%s\n", code, a, (i+j)%20, j, labtest.SeedLot)
				}
			}
			bw.Flush()
		})
		var rep lab.ImportReport
		if err := json.Unmarshal(body, &rep); err != nil || status != http.StatusOK {
			t.Fatalf("valid import: %d %.300s", status, body)
		}
		if rep.Saved != lab.MaxImportLines || rep.Rejected != 0 {
			t.Fatalf("saved %d, rejected %d: %+v", rep.Saved, rep.Rejected, rep.Rows[:min(len(rep.Rows), 5)])
		}
		peak := srv.peak(t)
		t.Logf("peak resident memory of torchlab serve after importing %d valid lines: %.1f MB", rep.Saved, float64(peak)/1e6)
		if peak >= 200e6 {
			t.Fatalf("peak resident memory %.1f MB; the bound is 200 MB", float64(peak)/1e6)
		}
	})
}

// importServer is a `torchlab serve` process with a lab technician signed in.
type importServer struct {
	cmd   *exec.Cmd
	base  string
	token string
	codes []string
}

// startForImport seeds an SQLite database with a lab technician and
// samples received samples (their accession codes in codes), then starts
// bin serve on it.
func startForImport(t *testing.T, bin string, samples int) *importServer {
	t.Helper()
	dir := t.TempDir()
	url := "sqlite:" + filepath.Join(dir, "torchlab.db")
	db, err := lab.OpenDatabase(url, lab.DefaultPool)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := migrations.Up(context.Background(), db.SQL, db.Dialect, nil); err != nil {
		t.Fatal(err)
	}
	labtest.SeedLots(t, db)
	svc := lab.NewService(db, lab.Options{BcryptCost: bcrypt.MinCost})
	sys := lab.SystemContext(context.Background(), "(test)")
	if _, err := svc.CreateUser(sys, lab.NewUser{Username: "tech", Password: "correct horse 1", Role: lab.RoleLabTech}); err != nil {
		t.Fatal(err)
	}
	srv := &importServer{codes: labtest.ReceivedSamples(t, db, "MEM", samples)}
	db.Close()

	addr := freeAddr(t)
	srv.base = "http://" + addr
	srv.cmd = exec.Command(bin, "serve")
	srv.cmd.Env = append(withoutTorchlab(os.Environ()), "TORCHLAB_DB="+url, "TORCHLAB_ADDR="+addr,
		"TORCHLAB_LOG_LEVEL=error", "TORCHLAB_JOB_INTERVAL=1h")
	srv.cmd.Stderr = os.Stderr
	if err := srv.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		srv.cmd.Process.Signal(syscall.SIGTERM)
		srv.cmd.Wait()
	})
	deadline := time.Now().Add(time.Minute)
	for {
		res, err := http.Get(srv.base + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("torchlab serve never became ready")
		}
		time.Sleep(50 * time.Millisecond)
	}
	res, err := http.Post(srv.base+"/api/v1/auth/login", "application/json", strings.NewReader(`{"username":"tech","password":"correct horse 1"}`))
	if err != nil {
		t.Fatal(err)
	}
	var in struct{ Token string }
	json.NewDecoder(res.Body).Decode(&in)
	res.Body.Close()
	if in.Token == "" {
		t.Fatalf("sign-in: %d", res.StatusCode)
	}
	srv.token = in.Token
	return srv
}

// post streams a file written by write to the import and returns the
// answer.
func (s *importServer) post(t *testing.T, write func(w io.Writer)) (int, []byte) {
	t.Helper()
	pr, pw := io.Pipe()
	go func() {
		write(pw)
		pw.Close()
	}()
	req, err := http.NewRequest("POST", s.base+"/api/v1/results/import", pr)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "text/csv")
	req.Header.Set("Authorization", "Bearer "+s.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	pr.CloseWithError(io.ErrClosedPipe) // a refused file is not read to its end
	return res.StatusCode, body
}

// peak is the process's peak resident set size so far (VmHWM), in bytes.
func (s *importServer) peak(t *testing.T) int64 {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return kb * 1024
		}
	}
	t.Fatal("no VmHWM in /proc/PID/status")
	return 0
}

// withoutTorchlab is the environment without the machine's TORCHLAB_
// variables.
func withoutTorchlab(env []string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, "TORCHLAB_") {
			out = append(out, kv)
		}
	}
	return out
}
