package lab

import (
	"strconv"
	"strings"
	"testing"
)

// A published worked example, from a kit's instructions for use:
//
//	DRG Diagnostics GmbH (Marburg), DRG Treponema pallidum (Syphilis) IgM
//	ELISA, catalogue number EIA-4267, German section, 7 ERGEBNISSE
//	(7.2 Testauswertung, 7.3.1 Ergebnisse in DRG Units), as stored at
//	https://yumpu.com/it/document/view/15719745/treponema-pallidum-syphilis-igm-elisa-drg-diagnostics-gmbh/15
//	(uploaded 2013-06-05; the page shows no revision or date of the insert).
//
// The numbers printed there, and only they, are used:
//
//	cut-off control in C1 and D1: "Beispiel: (0.44 + 0.46) : 2 = 0.45 = CO"
//	a patient: "Beispiel: 1.580 x 10 / 0.45 = 35 DU"
//	validity: "Cut-off Control in C1 und D1: Extinktionen zwischen 0,250 und 0,800"
//
// The insert's formula is torchlab's with factor 1 and scale 10 (DRG Units
// = OD × 10 / CO), reported in whole units. Its example divides the ODs as
// read, subtracting nothing, so the layout here has no blank well; its
// substrate blank (A1), negative control (B1) and positive control (E1) are
// left empty because the example gives no OD for them.
const insertExampleGrid = ",1,2,3,4,5,6,7,8,9,10,11,12\n" +
	"C,0.44\n" +
	"D,0.46\n" +
	"F,1.580\n"

func insertExampleFormula() KitFormula {
	lo, hi := 0.250, 0.800
	return KitFormula{Factor: 1, Scale: 10, Decimals: 0, CutoffODMin: &lo, CutoffODMax: &hi}
}

func TestReadPlateKitInsertExample(t *testing.T) {
	layout := PlateLayout{Cutoffs: []string{"C1", "D1"}, FirstSample: "F1"}
	wells, err := LayOutPlate(layout, []string{"P1"})
	if err != nil {
		t.Fatal(err)
	}
	ods, err := ParseODFile(strings.NewReader(insertExampleGrid))
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadPlate(wells, ods, insertExampleFormula())
	if err != nil {
		t.Fatal(err)
	}
	three := func(x float64) string { return strconv.FormatFloat(x, 'f', 3, 64) }
	if got.BlankOD != nil {
		t.Errorf("blank %v; the example subtracts none", *got.BlankOD)
	}
	// The insert prints 0.45; to the third decimal that is 0.450.
	if three(got.CutoffMean) != "0.450" || three(got.Cutoff) != "0.450" {
		t.Errorf("cut-off mean %s, cut-off %s, want 0.450 (the insert's CO)", three(got.CutoffMean), three(got.Cutoff))
	}
	if len(got.Samples) != 1 {
		t.Fatalf("samples %+v", got.Samples)
	}
	s := got.Samples[0]
	if s.Well != "F1" || s.Accession != "P1" || three(s.OD) != "1.580" {
		t.Errorf("sample %+v, want P1 in F1 read at 1.580", s)
	}
	if s.Text != "35" || s.Value != 35 {
		t.Errorf("sample value %q (%v), want 35 DU as the insert prints", s.Text, s.Value)
	}
}

// TestReadPlateKitInsertValidity holds the example's plate to the insert's
// cut-off control range, 0.250 to 0.800, at both ends.
func TestReadPlateKitInsertValidity(t *testing.T) {
	layout := PlateLayout{Cutoffs: []string{"C1", "D1"}, FirstSample: "F1"}
	wells, err := LayOutPlate(layout, []string{"P1"})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		d1   float64
		ok   bool
	}{
		{name: "at the lower limit", d1: 0.250, ok: true},
		{name: "at the upper limit", d1: 0.800, ok: true},
		{name: "below the range", d1: 0.249},
		{name: "above the range", d1: 0.801},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ods := map[string]float64{"C1": 0.44, "D1": c.d1, "F1": 1.580}
			_, err := ReadPlate(wells, ods, insertExampleFormula())
			if c.ok {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if ErrorCode(err) != CodePlateInvalid || !strings.Contains(err.Error(), "cut-off calibrator in D1") {
				t.Fatalf("error %v, want plate_invalid naming D1", err)
			}
		})
	}
}
