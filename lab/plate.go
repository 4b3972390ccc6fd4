package lab

import (
	"fmt"
	"strconv"
)

// Well kinds on an ELISA plate.
const (
	WellBlank    = "blank"
	WellCutoff   = "cutoff"
	WellNegative = "negative"
	WellPositive = "positive"
	WellSample   = "sample"
	WellEmpty    = "empty"
)

// PlateRows and PlateColumns are the 96-well plate's letters and numbers.
const (
	PlateRows    = "ABCDEFGH"
	PlateColumns = 12
)

// PlateLayout says which wells hold the kit's blanks, cut-off calibrators
// and controls, and the well the samples start from; samples then fill the
// free wells down the columns (A1, B1 … H1, A2 …).
type PlateLayout struct {
	Blanks      []string `json:"blanks"`
	Cutoffs     []string `json:"cutoffs"`
	Negatives   []string `json:"negatives"`
	Positives   []string `json:"positives"`
	FirstSample string   `json:"first_sample"`
}

// DefaultPlateLayout is the layout of a run that has none stored
// (docs/decisions.md): A1 blank, B1–D1 cut-off calibrators, E1 negative
// control, F1 positive control, samples from G1 on.
func DefaultPlateLayout() PlateLayout {
	return PlateLayout{
		Blanks:      []string{"A1"},
		Cutoffs:     []string{"B1", "C1", "D1"},
		Negatives:   []string{"E1"},
		Positives:   []string{"F1"},
		FirstSample: "G1",
	}
}

// Well is one well of a laid-out plate: its name, what it holds and, for a
// sample, the sample's accession code.
type Well struct {
	Well      string `json:"well"`
	Kind      string `json:"kind"`
	Accession string `json:"accession,omitempty"`
}

// PlateWells lists the 96 wells in column order: A1, B1 … H1, A2 … H12.
func PlateWells() []string {
	out := make([]string, 0, len(PlateRows)*PlateColumns)
	for c := 1; c <= PlateColumns; c++ {
		for _, r := range PlateRows {
			out = append(out, string(r)+strconv.Itoa(c))
		}
	}
	return out
}

// wellIndex returns a well's place in column order, or -1 when the name is
// not a well of a 96-well plate.
func wellIndex(name string) int {
	if len(name) < 2 || len(name) > 3 {
		return -1
	}
	r := -1
	for i, l := range PlateRows {
		if byte(l) == name[0] {
			r = i
		}
	}
	c, err := strconv.Atoi(name[1:])
	if r < 0 || err != nil || c < 1 || c > PlateColumns || name[1] == '0' {
		return -1
	}
	return (c-1)*len(PlateRows) + r
}

// LayOutPlate places the kit's wells and then the samples, in the order
// given (the order they were scanned into the run), on the free wells from
// the layout's first sample well down the columns. It returns the 96 wells
// in column order. CodeValidation for a layout naming a well that does not
// exist or one well twice; CodePlateFull when the samples do not fit.
func LayOutPlate(l PlateLayout, accessions []string) ([]Well, error) {
	names := PlateWells()
	wells := make([]Well, len(names))
	for i, n := range names {
		wells[i] = Well{Well: n, Kind: WellEmpty}
	}
	var v Validation
	place := func(field string, list []string, kind string) {
		for _, n := range list {
			i := wellIndex(n)
			switch {
			case i < 0:
				v.Add(field, "invalid", fmt.Sprintf("%q is not a well of a 96-well plate (A1 to H12)", n))
			case wells[i].Kind != WellEmpty:
				v.Add(field, "duplicate", fmt.Sprintf("well %s is given twice", n))
			default:
				wells[i].Kind = kind
			}
		}
	}
	place("blanks", l.Blanks, WellBlank)
	place("cutoffs", l.Cutoffs, WellCutoff)
	place("negatives", l.Negatives, WellNegative)
	place("positives", l.Positives, WellPositive)
	if len(l.Cutoffs) == 0 {
		v.Add("cutoffs", "required", "at least one cut-off calibrator well")
	}
	start := wellIndex(l.FirstSample)
	if start < 0 {
		v.Add("first_sample", "invalid", fmt.Sprintf("%q is not a well of a 96-well plate (A1 to H12)", l.FirstSample))
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	next := start
	for n, acc := range accessions {
		for next < len(wells) && wells[next].Kind != WellEmpty {
			next++
		}
		if next >= len(wells) {
			return nil, &Error{Code: CodePlateFull, Message: fmt.Sprintf(
				"the run has %d samples but the plate has room for %d from well %s on; split the run",
				len(accessions), n, l.FirstSample),
				Extra: map[string]any{"samples": len(accessions), "room": n}}
		}
		wells[next].Kind, wells[next].Accession = WellSample, acc
		next++
	}
	return wells, nil
}
