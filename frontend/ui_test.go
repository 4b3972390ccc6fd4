package frontend

// The web UI's own tests, run by `go test ./...` like every other test so
// that the README's one test command covers the whole project:
//
//   - the Vitest unit tests (npm test);
//   - the committed dist/ is exactly what the sources build (a stale dist/
//     would ship a UI that nobody reviewed);
//   - the end-to-end specs (e2e/*.spec.mjs) in Debian's Chromium against a
//     torchlab built from this checkout.
//
// They need Node.js and npm, and the end-to-end specs need /usr/bin/chromium.
// Where those are missing the tests skip and say what to install, unless
// TORCHLAB_TEST_UI=require (as .ci/run sets it), which turns a skip into a
// failure so that CI can never pass without running them.

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

func need(t *testing.T, what, hint string, ok bool) {
	t.Helper()
	if ok {
		return
	}
	if os.Getenv("TORCHLAB_TEST_UI") == "require" {
		t.Fatalf("%s is missing (%s) and TORCHLAB_TEST_UI=require", what, hint)
	}
	t.Skipf("%s is missing: %s (set TORCHLAB_TEST_UI=require to make this a failure)", what, hint)
}

func have(cmd string) bool {
	_, err := exec.LookPath(cmd)
	return err == nil
}

// npmReady makes sure node_modules matches package-lock.json, running
// `npm ci` when it is missing or older than the lock file.
func npmReady(t *testing.T) {
	t.Helper()
	need(t, "Node.js and npm", "install Node.js 20 with npm", have("node") && have("npm"))
	lock, err := os.Stat("package-lock.json")
	if err != nil {
		t.Fatal(err)
	}
	installed, err := os.Stat(filepath.Join("node_modules", ".package-lock.json"))
	if err == nil && !installed.ModTime().Before(lock.ModTime()) {
		return
	}
	run(t, "npm", "ci", "--no-audit", "--no-fund")
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out.String())
	}
	t.Logf("%s %s: %s", name, strings.Join(args, " "), time.Since(start).Round(time.Millisecond))
	return out.String()
}

// The UI tests share node_modules and the CPU; they run one after another.
func TestUI(t *testing.T) {
	npmReady(t)
	t.Run("unit", func(t *testing.T) {
		out := run(t, "npm", "test", "--silent")
		if !strings.Contains(out, "passed") {
			t.Fatalf("vitest did not report passing tests:\n%s", out)
		}
	})
	t.Run("dist matches the sources", testDistIsBuilt)
	t.Run("end to end", testEndToEnd)
}

func testDistIsBuilt(t *testing.T) {
	out := t.TempDir()
	run(t, "npm", "run", "build", "--silent", "--", "--outDir", out, "--emptyOutDir")
	built := files(t, os.DirFS(out))
	checkInitialJS(t, built)
	committed := files(t, Dist())
	var stale []string
	for name, data := range built {
		if old, ok := committed[name]; !ok || !bytes.Equal(old, data) {
			stale = append(stale, name)
		}
	}
	for name := range committed {
		if _, ok := built[name]; !ok {
			stale = append(stale, name+" (no longer built)")
		}
	}
	slices.Sort(stale)
	if len(stale) > 0 {
		t.Fatalf("the committed dist/ is not what the sources build; run `npm ci && npm run build` in frontend/ and commit dist/. Differs: %s",
			strings.Join(stale, ", "))
	}
}

func files(t *testing.T, fsys fs.FS) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, path)
		m[path] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func testEndToEnd(t *testing.T) {
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	_, err := os.Stat(chromium)
	need(t, "Chromium", "apt-get install chromium", err == nil)
	need(t, "Go", "the end-to-end specs build torchlab", have("go"))

	bin := filepath.Join(t.TempDir(), "torchlab")
	cmd := exec.Command("go", "build", "-o", bin, "../cmd/torchlab")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	e2e := exec.Command("node", "e2e/run.mjs")
	e2e.Env = append(os.Environ(), "TORCHLAB_BIN="+bin, "CHROMIUM="+chromium)
	var out bytes.Buffer
	e2e.Stdout, e2e.Stderr = &out, &out
	err = e2e.Run()
	t.Log(out.String())
	if err != nil {
		t.Fatalf("end-to-end specs failed (screenshots of the failure in frontend/e2e/artifacts/FAIL-*.png): %v", err)
	}
}

// initialJSBudget is the limit on what a first visit downloads
// before anything shows: every script index.html loads or preloads,
// gzipped. Screens load their own code when opened (lazy routes), and the
// charts and the camera's QR reader only on their screens.
const initialJSBudget = 300 << 10

var scriptRef = regexp.MustCompile(`(?:src|href)="/?(assets/[^"]+\.js)"`)

func checkInitialJS(t *testing.T, built map[string][]byte) {
	t.Helper()
	total := 0
	for _, m := range scriptRef.FindAllStringSubmatch(string(built["index.html"]), -1) {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(built[m[1]])
		zw.Close()
		total += buf.Len()
	}
	t.Logf("initial JavaScript: %d KB gzipped (budget %d KB)", total>>10, initialJSBudget>>10)
	if total == 0 || total > initialJSBudget {
		t.Fatalf("initial JavaScript is %d bytes gzipped; the budget is %d", total, initialJSBudget)
	}
}
