package lab

import (
	"fmt"
	"testing"
)

func TestLayOutPlate(t *testing.T) {
	accs := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("S%02d", i+1)
		}
		return out
	}
	def := DefaultPlateLayout()
	cases := []struct {
		name    string
		layout  PlateLayout
		samples []string
		want    map[string]Well // well → expected content
		code    Code
	}{
		{name: "default kit wells", layout: def, samples: nil, want: map[string]Well{
			"A1": {Kind: WellBlank}, "B1": {Kind: WellCutoff}, "C1": {Kind: WellCutoff}, "D1": {Kind: WellCutoff},
			"E1": {Kind: WellNegative}, "F1": {Kind: WellPositive}, "G1": {Kind: WellEmpty}, "H12": {Kind: WellEmpty}}},
		{name: "samples in scan order down the columns", layout: def, samples: accs(4), want: map[string]Well{
			"G1": {Kind: WellSample, Accession: "S01"}, "H1": {Kind: WellSample, Accession: "S02"},
			"A2": {Kind: WellSample, Accession: "S03"}, "B2": {Kind: WellSample, Accession: "S04"}, "C2": {Kind: WellEmpty}}},
		{name: "a full plate", layout: def, samples: accs(90), want: map[string]Well{
			"H12": {Kind: WellSample, Accession: "S90"}}},
		{name: "one sample too many", layout: def, samples: accs(91), code: CodePlateFull},
		{name: "samples skip kit wells after the start", layout: PlateLayout{Cutoffs: []string{"A1", "B2"}, FirstSample: "A2"},
			samples: accs(2), want: map[string]Well{"A2": {Kind: WellSample, Accession: "S01"}, "B2": {Kind: WellCutoff},
				"C2": {Kind: WellSample, Accession: "S02"}, "B1": {Kind: WellEmpty}}},
		{name: "no such well", layout: PlateLayout{Cutoffs: []string{"I1"}, FirstSample: "A2"}, code: CodeValidation},
		{name: "column 13", layout: PlateLayout{Cutoffs: []string{"A13"}, FirstSample: "A2"}, code: CodeValidation},
		{name: "a well twice", layout: PlateLayout{Cutoffs: []string{"A1"}, Blanks: []string{"A1"}, FirstSample: "A2"}, code: CodeValidation},
		{name: "no cut-off calibrator", layout: PlateLayout{FirstSample: "A1"}, code: CodeValidation},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wells, err := LayOutPlate(c.layout, c.samples)
			if c.code != "" {
				if ErrorCode(err) != c.code {
					t.Fatalf("error %v, want %s", err, c.code)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(wells) != 96 {
				t.Fatalf("%d wells", len(wells))
			}
			byName := map[string]Well{}
			for _, w := range wells {
				byName[w.Well] = w
			}
			for name, want := range c.want {
				got := byName[name]
				if got.Kind != want.Kind || got.Accession != want.Accession {
					t.Errorf("%s = %+v, want %+v", name, got, want)
				}
			}
		})
	}
}
