package lab

import (
	"math"
	"strings"
	"testing"
)

// No published worked example from a kit insert could be found in the
// sources searched (DRG, Euroimmun, NovaTec, Diagnostic Automation, IBL
// inserts were looked for; none with the numbers of a worked calculation was
// reachable). The numbers below are therefore NOT from an insert: they are
// a hand calculation of the plate feature's formula (cut-off = mean of the
// cut-off calibrators, blank subtracted, × factor; value = OD / cut-off),
// worked on paper:
//
//	blank A1 0.050
//	calibrators B1–D1 0.480 0.520 0.500 → 0.430 0.470 0.450, mean 0.450
//	factor 0.9 → cut-off 0.405
//	G1 1.265 → 1.215 / 0.405 = 3.000
//	H1 0.150 → 0.100 / 0.405 = 0.2469… → 0.247
//	A2 0.455 → 0.405 / 0.405 = 1.000
//	negative E1 0.120 → 0.070 / 0.405 = 0.1728… → 0.173
//	positive F1 1.500 → 1.450 / 0.405 = 3.5802… → 3.580
const handWorkedOD = `well,od
A1,0.050
B1,0.480
C1,0.520
D1,0.500
E1,0.120
F1,1.500
G1,1.265
H1,0.150
A2,0.455
`

func TestReadPlateHandWorkedExample(t *testing.T) {
	wells, err := LayOutPlate(DefaultPlateLayout(), []string{"S1", "S2", "S3"})
	if err != nil {
		t.Fatal(err)
	}
	ods, err := ParseODFile(strings.NewReader(handWorkedOD))
	if err != nil {
		t.Fatal(err)
	}
	k := DefaultKitFormula()
	k.Factor, k.Decimals = 0.9, 3
	got, err := ReadPlate(wells, ods, k)
	if err != nil {
		t.Fatal(err)
	}
	near := func(name string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 0.0005 {
			t.Errorf("%s = %.4f, want %.3f", name, got, want)
		}
	}
	near("blank", *got.BlankOD, 0.050)
	near("cut-off mean", got.CutoffMean, 0.450)
	near("cut-off", got.Cutoff, 0.405)
	want := []SampleReading{{Well: "G1", Accession: "S1", Text: "3.000"}, {Well: "H1", Accession: "S2", Text: "0.247"},
		{Well: "A2", Accession: "S3", Text: "1.000"}}
	if len(got.Samples) != len(want) {
		t.Fatalf("samples %+v", got.Samples)
	}
	for i, w := range want {
		s := got.Samples[i]
		if s.Well != w.Well || s.Accession != w.Accession || s.Text != w.Text {
			t.Errorf("sample %d = %+v, want %+v", i, s, w)
		}
	}
	for _, w := range got.Wells {
		switch w.Well.Well {
		case "E1":
			near("negative", *w.Value, 0.173)
		case "F1":
			near("positive", *w.Value, 3.580)
		}
	}
}

func TestParseODFile(t *testing.T) {
	grid := ",1,2,3,4,5,6,7,8,9,10,11,12\n" +
		"A,0.050,0.9,,,,,,,,,,\n" +
		"B,0.480,,,,,,,,,,,0.1\n"
	cases := []struct {
		name string
		in   string
		want map[string]float64
		line int // the line the refusal names; 0 when accepted
	}{
		{name: "list with header", in: "Well,OD\nA1,0.05\nh12,1.5\n", want: map[string]float64{"A1": 0.05, "H12": 1.5}},
		{name: "list without header, BOM, CRLF", in: "\xef\xbb\xbfA1,0.05\r\nB1,0.4\r\n", want: map[string]float64{"A1": 0.05, "B1": 0.4}},
		{name: "semicolons and decimal commas", in: "well;od\nA1;0,05\n", want: map[string]float64{"A1": 0.05}},
		{name: "grid", in: grid, want: map[string]float64{"A1": 0.05, "A2": 0.9, "B1": 0.48, "B12": 0.1}},
		{name: "tab grid", in: "\t1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\nC\t0.3\n", want: map[string]float64{"C1": 0.3}},
		{name: "neither format", in: "sample,result\nX,1\n", line: 1},
		{name: "a bad well", in: "well,od\nA1,0.1\nI1,0.2\n", line: 3},
		{name: "not a number", in: "well,od\nA1,abc\n", line: 2},
		{name: "a well twice", in: "well,od\nA1,0.1\n\nA1,0.2\n", line: 4},
		{name: "three fields", in: "A1,0.1\nA2,0.1,0.3\n", line: 2},
		{name: "grid row letter", in: ",1,2,3,4,5,6,7,8,9,10,11,12\nZ,0.1\n", line: 2},
		{name: "grid row too long", in: ",1,2,3,4,5,6,7,8,9,10,11,12\nA,1,1,1,1,1,1,1,1,1,1,1,1,1\n", line: 2},
		{name: "grid row twice", in: ",1,2,3,4,5,6,7,8,9,10,11,12\nA,0.1\nA,0.2\n", line: 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseODFile(strings.NewReader(c.in))
			if c.line != 0 {
				e, ok := err.(*Error)
				if !ok || e.Code != CodeMalformed || e.Extra["line"] != c.line {
					t.Fatalf("error %v, want malformed at line %d", err, c.line)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
			for w, x := range c.want {
				if got[w] != x {
					t.Errorf("%s = %v, want %v", w, got[w], x)
				}
			}
		})
	}
	if _, err := ParseODFile(strings.NewReader("")); ErrorCode(err) != CodeMalformed {
		t.Errorf("empty file: %v", err)
	}
}

func TestReadPlateValidity(t *testing.T) {
	wells, _ := LayOutPlate(DefaultPlateLayout(), []string{"S1"})
	base := func() map[string]float64 {
		return map[string]float64{"A1": 0.05, "B1": 0.45, "C1": 0.45, "D1": 0.45, "E1": 0.1, "F1": 1.2, "G1": 0.6}
	}
	f := func(x float64) *float64 { return &x }
	cases := []struct {
		name  string
		edit  func(map[string]float64)
		kit   func(*KitFormula)
		words string
	}{
		{name: "valid (0.550 / 0.400 = 1.375 rounds up to 1.38)", words: ""},
		{name: "negative control at the cut-off", edit: func(m map[string]float64) { m["E1"] = 0.45 }, words: "negative control in E1"},
		{name: "positive control below", edit: func(m map[string]float64) { m["F1"] = 0.2 }, words: "positive control in F1"},
		{name: "calibrator out of range", edit: func(m map[string]float64) { m["C1"] = 0.9 },
			kit: func(k *KitFormula) { k.CutoffODMin, k.CutoffODMax = f(0.2), f(0.6) }, words: "cut-off calibrator in C1"},
		{name: "blank too high", kit: func(k *KitFormula) { k.BlankODMax = f(0.04) }, words: "blank in A1"},
		{name: "a sample well not read", edit: func(m map[string]float64) { delete(m, "G1") }, words: "G1 (sample S1)"},
		{name: "cut-off not above zero", edit: func(m map[string]float64) { m["B1"], m["C1"], m["D1"] = 0.05, 0.05, 0.05 }, words: "cut-off is 0.000"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, k := base(), DefaultKitFormula()
			if c.edit != nil {
				c.edit(m)
			}
			if c.kit != nil {
				c.kit(&k)
			}
			r, err := ReadPlate(wells, m, k)
			if c.words == "" {
				if err != nil || len(r.Samples) != 1 || r.Samples[0].Text != "1.38" {
					t.Fatalf("%v %+v", err, r)
				}
				return
			}
			if ErrorCode(err) != CodePlateInvalid || !strings.Contains(err.Error(), c.words) {
				t.Fatalf("error %v, want plate_invalid naming %q", err, c.words)
			}
		})
	}
	k := DefaultKitFormula()
	k.Factor = 0
	if _, err := ReadPlate(wells, base(), k); ErrorCode(err) != CodeValidation {
		t.Errorf("factor 0: %v", err)
	}
}
