package lab

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// KitFormula is how a kit's insert turns a plate's optical densities into
// values: cut-off = mean OD of the cut-off calibrators (blank subtracted
// when the layout has blanks) × Factor; a sample's value = OD / cut-off ×
// Scale (1 for S/CO, 10 for kits that report an index in units of ten),
// rounded half away from zero to Decimals. The limits are the insert's
// validity rules; a nil limit is not checked.
type KitFormula struct {
	Factor   float64 `json:"factor"`
	Scale    float64 `json:"scale"`
	Decimals int     `json:"decimals"`
	// CutoffODMin and CutoffODMax bound each cut-off calibrator's OD.
	CutoffODMin *float64 `json:"cutoff_od_min,omitempty"`
	CutoffODMax *float64 `json:"cutoff_od_max,omitempty"`
	// BlankODMax bounds the blank's OD.
	BlankODMax *float64 `json:"blank_od_max,omitempty"`
	// NegativeMax is the value (same formula as a sample) each negative
	// control must stay below; PositiveMin the one each positive control
	// must reach.
	NegativeMax *float64 `json:"negative_max,omitempty"`
	PositiveMin *float64 `json:"positive_min,omitempty"`
}

// DefaultKitFormula is used where the kit gives no other (docs/decisions.md):
// S/CO with a factor of 1, two decimals, and the one validity rule every
// qualitative kit states, negative control below the cut-off and positive
// control at or above it.
func DefaultKitFormula() KitFormula {
	one := 1.0
	return KitFormula{Factor: 1, Scale: 1, Decimals: 2, NegativeMax: &one, PositiveMin: &one}
}

// check refuses a formula that cannot be computed.
func (k KitFormula) check() error {
	var v Validation
	if !(k.Factor > 0) || math.IsInf(k.Factor, 0) {
		v.Add("factor", "invalid", "the kit's cut-off factor must be a positive number")
	}
	if !(k.Scale > 0) || math.IsInf(k.Scale, 0) {
		v.Add("scale", "invalid", "the scale must be a positive number (1 for S/CO)")
	}
	if k.Decimals < 0 || k.Decimals > 4 {
		v.Add("decimals", "invalid", "0 to 4 decimals")
	}
	return v.Err()
}

// MaxODFile bounds an OD file: a 96-well export is a few kilobytes.
const MaxODFile = 64 << 10

// ParseODFile reads a plate reader's export: either a well,OD list (an
// optional header "well,od", then one well a line) or the 8×12 grid (a
// header row of the column numbers 1 to 12, then one row a line starting
// with its letter; empty cells are wells not read). Comma, semicolon or
// tab separated; with semicolons or tabs a decimal comma is read too.
// Anything else is refused with the line it stops at (CodeMalformed).
func ParseODFile(r io.Reader) (map[string]float64, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxODFile+1))
	if err != nil {
		return nil, bodyError(err)
	}
	if len(data) > MaxODFile {
		return nil, Errorf(CodeTooLarge, "an OD file is at most %d KiB", MaxODFile>>10)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	type line struct {
		n      int
		fields []string
	}
	var lines []line
	sep := ""
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		if sep == "" {
			sep = detectSeparator(text)
		}
		fields := strings.Split(text, sep)
		for i := range fields {
			fields[i] = strings.Trim(strings.TrimSpace(fields[i]), `"`)
		}
		lines = append(lines, line{n, fields})
	}
	if len(lines) == 0 {
		return nil, Errorf(CodeMalformed, "the OD file is empty")
	}
	bad := func(n int, format string, args ...any) error {
		return &Error{Code: CodeMalformed, Message: fmt.Sprintf("line %d: ", n) + fmt.Sprintf(format, args...),
			Extra: map[string]any{"line": n}}
	}
	od := func(n int, s string) (float64, error) {
		if sep != "," {
			s = strings.Replace(s, ",", ".", 1)
		}
		x, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) || x < -1 || x > 10 {
			return 0, bad(n, "%q is not an optical density (a number from -1 to 10)", s)
		}
		return x, nil
	}
	out := map[string]float64{}
	first := lines[0]
	switch {
	case isGridHeader(first.fields):
		seen := map[byte]int{}
		for _, l := range lines[1:] {
			row := strings.ToUpper(l.fields[0])
			if len(row) != 1 || !strings.Contains(PlateRows, row) {
				return nil, bad(l.n, "a grid row starts with its letter A to H, not %q", l.fields[0])
			}
			if prev := seen[row[0]]; prev != 0 {
				return nil, bad(l.n, "row %s is given twice (first on line %d)", row, prev)
			}
			seen[row[0]] = l.n
			cells := l.fields[1:]
			for len(cells) > PlateColumns && cells[len(cells)-1] == "" {
				cells = cells[:len(cells)-1]
			}
			if len(cells) > PlateColumns {
				return nil, bad(l.n, "row %s has %d values; a plate has %d columns", row, len(cells), PlateColumns)
			}
			for c, cell := range cells {
				if cell == "" {
					continue
				}
				x, err := od(l.n, cell)
				if err != nil {
					return nil, err
				}
				out[row+strconv.Itoa(c+1)] = x
			}
		}
	case isListHeader(first.fields) || (len(first.fields) == 2 && wellIndex(strings.ToUpper(first.fields[0])) >= 0):
		rest := lines
		if isListHeader(first.fields) {
			rest = lines[1:]
		}
		seen := map[string]int{}
		for _, l := range rest {
			if len(l.fields) != 2 {
				return nil, bad(l.n, "%d fields; a line is well,OD", len(l.fields))
			}
			well := strings.ToUpper(l.fields[0])
			if wellIndex(well) < 0 {
				return nil, bad(l.n, "%q is not a well of a 96-well plate (A1 to H12)", l.fields[0])
			}
			if prev := seen[well]; prev != 0 {
				return nil, bad(l.n, "well %s is given twice (first on line %d)", well, prev)
			}
			seen[well] = l.n
			x, err := od(l.n, l.fields[1])
			if err != nil {
				return nil, err
			}
			out[well] = x
		}
	default:
		return nil, bad(first.n, "not an OD file: expected a well,OD list or an 8×12 grid with a header row of the columns 1 to 12")
	}
	if len(out) == 0 {
		return nil, Errorf(CodeMalformed, "the OD file has no optical density")
	}
	return out, nil
}

// detectSeparator picks the separator of a reader export from its first line.
func detectSeparator(line string) string {
	for _, s := range []string{"\t", ";"} {
		if strings.Contains(line, s) {
			return s
		}
	}
	return ","
}

func isListHeader(f []string) bool {
	return len(f) == 2 && strings.EqualFold(f[0], "well") && (strings.EqualFold(f[1], "od") || strings.EqualFold(f[1], "absorbance"))
}

// isGridHeader: the column numbers 1 to 12, after an optional empty corner.
func isGridHeader(f []string) bool {
	if len(f) > 0 && f[0] == "" || len(f) > 0 && strings.EqualFold(f[0], "row") {
		f = f[1:]
	}
	for len(f) > PlateColumns && f[len(f)-1] == "" {
		f = f[:len(f)-1]
	}
	if len(f) != PlateColumns {
		return false
	}
	for i, s := range f {
		if s != strconv.Itoa(i+1) {
			return false
		}
	}
	return true
}

// WellReading is a well's OD and, for samples and controls, its value.
type WellReading struct {
	Well
	OD        *float64 `json:"od,omitempty"`
	Corrected *float64 `json:"corrected,omitempty"`
	Value     *float64 `json:"value,omitempty"`
}

// SampleReading is a sample's computed value, rounded as the kit says, and
// as text for entry.
type SampleReading struct {
	Well      string  `json:"well"`
	Accession string  `json:"accession"`
	OD        float64 `json:"od"`
	Value     float64 `json:"value"`
	Text      string  `json:"text"`
}

// PlateReading is what a plate's ODs give with a kit's formula.
type PlateReading struct {
	Formula    KitFormula      `json:"formula"`
	BlankOD    *float64        `json:"blank_od,omitempty"`
	CutoffMean float64         `json:"cutoff_mean"`
	Cutoff     float64         `json:"cutoff"`
	Wells      []WellReading   `json:"wells"`
	Samples    []SampleReading `json:"samples"`
}

// roundHalfAway rounds x to d decimals, halves away from zero, as inserts
// round by hand. x is first rounded to 9 decimals so that a half that
// binary arithmetic left a hair below (0.55/0.4 = 1.37499…) rounds up as
// it does on paper.
func roundHalfAway(x float64, d int) float64 {
	x = math.Round(x*1e9) / 1e9
	p := math.Pow(10, float64(d))
	return math.Round(x*p) / p
}

// ReadPlate computes a laid-out plate's values from its ODs with the kit's
// formula and checks the kit's validity rules. Every blank, calibrator,
// control and sample well needs an OD; ODs of empty wells are ignored.
// CodeValidation for a formula that cannot be computed; CodePlateInvalid,
// naming the well and the rule, for a plate the kit refuses.
func ReadPlate(wells []Well, ods map[string]float64, k KitFormula) (*PlateReading, error) {
	if err := k.check(); err != nil {
		return nil, err
	}
	invalid := func(format string, args ...any) error {
		return &Error{Code: CodePlateInvalid, Message: fmt.Sprintf(format, args...)}
	}
	out := &PlateReading{Formula: k, Wells: make([]WellReading, len(wells)), Samples: []SampleReading{}}
	var blanks, cutoffs []float64
	for i, w := range wells {
		out.Wells[i].Well = w
		if w.Kind == WellEmpty {
			continue
		}
		x, ok := ods[w.Well]
		if !ok {
			what := w.Kind
			if w.Kind == WellSample {
				what = "sample " + w.Accession
			}
			return nil, invalid("well %s (%s) has no OD in the file", w.Well, what)
		}
		out.Wells[i].OD = &x
		switch w.Kind {
		case WellBlank:
			if k.BlankODMax != nil && x > *k.BlankODMax {
				return nil, invalid("the blank in %s reads %.3f, above the kit's limit of %.3f", w.Well, x, *k.BlankODMax)
			}
			blanks = append(blanks, x)
		}
	}
	blank := 0.0
	if len(blanks) > 0 {
		blank = mean(blanks)
		out.BlankOD = &blank
	}
	for i := range out.Wells {
		w := &out.Wells[i]
		if w.OD == nil || w.Kind == WellBlank {
			continue
		}
		c := *w.OD - blank
		w.Corrected = &c
		if w.Kind == WellCutoff {
			if k.CutoffODMin != nil && c < *k.CutoffODMin || k.CutoffODMax != nil && c > *k.CutoffODMax {
				return nil, invalid("the cut-off calibrator in %s reads %.3f, outside the kit's range %s", w.Well.Well, c, odRange(k))
			}
			cutoffs = append(cutoffs, c)
		}
	}
	if len(cutoffs) == 0 {
		return nil, invalid("the layout has no cut-off calibrator")
	}
	out.CutoffMean = mean(cutoffs)
	out.Cutoff = out.CutoffMean * k.Factor
	if !(out.Cutoff > 0) {
		return nil, invalid("the cut-off is %.3f; it must be above zero", out.Cutoff)
	}
	for i := range out.Wells {
		w := &out.Wells[i]
		if w.Corrected == nil || w.Kind == WellCutoff {
			continue
		}
		v := roundHalfAway(*w.Corrected/out.Cutoff*k.Scale, k.Decimals)
		w.Value = &v
		switch w.Kind {
		case WellNegative:
			if k.NegativeMax != nil && v >= *k.NegativeMax {
				return nil, invalid("the negative control in %s gives %s, not below the kit's limit of %g", w.Well.Well,
					strconv.FormatFloat(v, 'f', k.Decimals, 64), *k.NegativeMax)
			}
		case WellPositive:
			if k.PositiveMin != nil && v < *k.PositiveMin {
				return nil, invalid("the positive control in %s gives %s, below the kit's limit of %g", w.Well.Well,
					strconv.FormatFloat(v, 'f', k.Decimals, 64), *k.PositiveMin)
			}
		case WellSample:
			out.Samples = append(out.Samples, SampleReading{Well: w.Well.Well, Accession: w.Accession, OD: *w.OD,
				Value: v, Text: strconv.FormatFloat(v, 'f', k.Decimals, 64)})
		}
	}
	return out, nil
}

func odRange(k KitFormula) string {
	lo, hi := "-", "-"
	if k.CutoffODMin != nil {
		lo = strconv.FormatFloat(*k.CutoffODMin, 'f', 3, 64)
	}
	if k.CutoffODMax != nil {
		hi = strconv.FormatFloat(*k.CutoffODMax, 'f', 3, 64)
	}
	return lo + " to " + hi
}

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}
