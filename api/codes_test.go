package api_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"torchlab/lab"
)

// declaredCodes reads lab's sources for every constant of type Code, as
// value → file, so that a code declared outside lab/codes.go, or left out
// of lab.Codes, is found without anyone remembering to list it.
func declaredCodes(t *testing.T) map[string][]string {
	t.Helper()
	files, err := filepath.Glob("../lab/*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	found := map[string][]string{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, s := range g.Specs {
				v := s.(*ast.ValueSpec)
				if id, ok := v.Type.(*ast.Ident); !ok || id.Name != "Code" {
					continue
				}
				for _, val := range v.Values {
					lit, ok := val.(*ast.BasicLit)
					if !ok {
						t.Fatalf("%s: a Code whose value is not a literal", fset.Position(val.Pos()))
					}
					word, _ := strconv.Unquote(lit.Value)
					found[word] = append(found[word], filepath.Base(name))
				}
			}
		}
	}
	return found
}

// Every problem code is declared once, in lab/codes.go, and listed in
// lab.Codes (which the status table and the reference are checked against).
func TestProblemCodesAreDeclaredInOnePlace(t *testing.T) {
	declared := declaredCodes(t)
	if len(declared) < 40 {
		t.Fatalf("found only %d codes in lab/*.go", len(declared))
	}
	listed := map[string]bool{}
	for _, c := range lab.Codes {
		if listed[string(c)] {
			t.Errorf("code %q is twice in lab.Codes", c)
		}
		listed[string(c)] = true
	}
	for word, files := range declared {
		if len(files) != 1 {
			t.Errorf("code %q is declared %d times (%v): a code must be unique", word, len(files), files)
		}
		for _, f := range files {
			if f != "codes.go" {
				t.Errorf("code %q is declared in lab/%s: declare codes in lab/codes.go", word, f)
			}
		}
		if !listed[word] {
			t.Errorf("code %q is missing from lab.Codes", word)
		}
	}
	for word := range listed {
		if declared[word] == nil {
			t.Errorf("lab.Codes lists %q, which no constant declares", word)
		}
	}
}

// docs/openapi.yaml's Problem.code lists exactly the codes the server can
// send: the web UI's types (and so its message tables) are generated from
// it, so a code missing there would reach the UI without words.
func TestOpenAPIProblemCodeEnumIsTheServersCodes(t *testing.T) {
	doc, _ := loadOpenAPI(t)
	problem := doc.Components.Schemas["Problem"]
	if problem == nil || problem.Value.Properties["code"] == nil {
		t.Fatal("docs/openapi.yaml has no Problem.code")
	}
	var documented []string
	seen := map[string]bool{}
	for _, v := range problem.Value.Properties["code"].Value.Enum {
		word, ok := v.(string)
		if !ok {
			t.Fatalf("Problem.code enum holds %v, not a string", v)
		}
		if seen[word] {
			t.Errorf("Problem.code enum lists %q twice", word)
		}
		seen[word] = true
		documented = append(documented, word)
	}
	var server []string
	for _, c := range lab.Codes {
		server = append(server, string(c))
		if !seen[string(c)] {
			t.Errorf("code %q is missing from Problem.code's enum in docs/openapi.yaml", c)
		}
		delete(seen, string(c))
	}
	for word := range seen {
		t.Errorf("Problem.code's enum lists %q, which the server never sends (not in lab.Codes)", word)
	}
	if t.Failed() {
		sort.Strings(documented)
		sort.Strings(server)
		t.Logf("enum: %v\nserver: %v", documented, server)
	}
}
