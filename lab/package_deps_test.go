package lab_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// Imports run cmd → api → lab, never upward, and lab knows nothing of the
// packages built on it (lab/stats reaches lab's changes through hooks such
// as OnCalendarChange). The test reads the import lines of the module's
// non-test Go files, so a forbidden import fails here before review.
func TestImportsRunDownward(t *testing.T) {
	const module = "torchlab"
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	imports := map[string][]string{} // package → torchlab packages its non-test files import
	err = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		pkg := module + "/" + filepath.ToSlash(rel)
		if rel == "." {
			pkg = module
		}
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			if p == module || strings.HasPrefix(p, module+"/") {
				imports[pkg] = append(imports[pkg], p)
			}
		}
		if _, ok := imports[pkg]; !ok {
			imports[pkg] = nil
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(imports["torchlab/lab"]) == 0 {
		t.Fatal("read no imports of torchlab/lab: is the module root .. of lab?")
	}
	// deps lists every torchlab package that pkg reaches, with the chain
	// of imports that reaches it.
	deps := func(pkg string) map[string]string {
		seen := map[string]string{}
		var walk func(p, chain string)
		walk = func(p, chain string) {
			for _, q := range imports[p] {
				if _, ok := seen[q]; !ok {
					seen[q] = chain + " → " + q
					walk(q, seen[q])
				}
			}
		}
		walk(pkg, pkg)
		return seen
	}
	under := func(p, tree string) bool { return p == tree || strings.HasPrefix(p, tree+"/") }
	var pkgs []string
	for p := range imports {
		pkgs = append(pkgs, p)
	}
	sort.Strings(pkgs)
	for _, rule := range []struct {
		from   func(string) bool
		banned []string
		why    string
	}{
		{func(p string) bool { return p == "torchlab/lab" }, []string{"torchlab/lab/stats"}, "lab knows nothing of the packages built on it"},
		{func(p string) bool { return under(p, "torchlab/lab") }, []string{"torchlab/api", "torchlab/cmd"}, "lab is below api and cmd"},
		{func(p string) bool { return under(p, "torchlab/api") }, []string{"torchlab/cmd"}, "api is below cmd"},
	} {
		for _, p := range pkgs {
			if !rule.from(p) {
				continue
			}
			for q, chain := range deps(p) {
				for _, b := range rule.banned {
					if under(q, b) {
						t.Errorf("%s imports %s (%s): %s", p, q, chain, rule.why)
					}
				}
			}
		}
	}
}
