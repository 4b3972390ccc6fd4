package lab

import (
	"reflect"
	"testing"
)

// The sequences follow the rule definitions and the illustrated control
// patterns of westgard.com's "Westgard Rules and Multirules" page
// (https://www.westgard.com/mltirule.htm) and of Westgard JO, Barry PL,
// Hunt MR, Groth T, "A multi-rule Shewhart chart for quality control in
// clinical chemistry", Clin Chem 1981;27:493-501: each rule alone, then in
// the combinations the page shows (a 1_3s that is also a 1_2s; a 2_2s
// across runs that the same values make a 4_1s with two earlier ones; a
// shift that is a 10_x and a 4_1s at once). Values are z-scores.
func TestWestgardRules(t *testing.T) {
	tests := []struct {
		name    string
		history []float64
		inRun   []float64
		want    []string
		status  string
	}{
		{"in control", []float64{0.3, -0.8, 1.1, -0.2}, nil, []string{}, QCAccepted},
		{"empty history", nil, nil, nil, QCAccepted},
		{"exactly 2 SD is not beyond it", []float64{2}, nil, []string{}, QCAccepted},
		{"1_2s alone warns", []float64{0.1, -0.4, 2.3}, nil, []string{Rule12s}, QCWarning},
		{"1_2s below the mean warns", []float64{0.2, -2.4}, nil, []string{Rule12s}, QCWarning},
		{"1_3s (and so 1_2s) rejects", []float64{0.2, 3.2}, nil, []string{Rule12s, Rule13s}, QCRejected},
		{"1_3s below the mean", []float64{-3.1}, nil, []string{Rule12s, Rule13s}, QCRejected},
		{"2_2s across runs", []float64{0.5, 2.2, 2.5}, nil, []string{Rule12s, Rule22s}, QCRejected},
		{"2_2s needs the same side", []float64{-2.2, 2.5}, nil, []string{Rule12s}, QCWarning},
		{"2_2s within the run across materials", []float64{0.1, 2.6}, []float64{2.1}, []string{Rule12s, Rule22s}, QCRejected},
		{"R_4s within the run", []float64{0.3, 2.4}, []float64{-2.2}, []string{Rule12s, RuleR4s}, QCRejected},
		{"R_4s from the low side", []float64{-2.5}, []float64{0.4, 2.3}, []string{Rule12s, RuleR4s}, QCRejected},
		{"R_4s is not judged across runs", []float64{-2.4, 2.4}, nil, []string{Rule12s}, QCWarning},
		{"4_1s alone", []float64{0, 1.2, 1.5, 1.1, 1.3}, nil, []string{Rule41s}, QCRejected},
		{"4_1s below the mean", []float64{-1.1, -1.8, -1.2, -1.4}, nil, []string{Rule41s}, QCRejected},
		{"three beyond 1 SD is not 4_1s", []float64{0.4, 1.2, 1.5, 1.1}, nil, []string{}, QCAccepted},
		{"4_1s and 2_2s together", []float64{1.2, 1.4, 2.1, 2.2}, nil, []string{Rule12s, Rule22s, Rule41s}, QCRejected},
		{"10_x alone", []float64{0.2, 0.5, 0.1, 0.9, 0.3, 0.6, 0.4, 0.2, 0.8, 0.5}, nil, []string{Rule10x}, QCRejected},
		{"nine on one side is not 10_x", []float64{-0.5, 0.2, 0.5, 0.1, 0.9, 0.3, 0.6, 0.4, 0.2, 0.8}, nil, []string{}, QCAccepted},
		{"a shift: 10_x with 4_1s", []float64{-0.3, -0.6, -0.2, -0.8, -0.5, -0.4, -1.2, -1.3, -1.1, -1.6}, nil,
			[]string{Rule41s, Rule10x}, QCRejected},
		{"everything at once", []float64{1.1, 1.2, 1.3, 1.5, 1.2, 1.4, 1.1, 1.6, 2.4, 3.4}, []float64{-2.3},
			[]string{Rule12s, Rule13s, Rule22s, RuleR4s, Rule41s, Rule10x}, QCRejected},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, status := Westgard(WestgardInput{History: tt.history, InRun: tt.inRun})
			if !reflect.DeepEqual(got, tt.want) || status != tt.status {
				t.Fatalf("Westgard(%v, in run %v) = %v %s, want %v %s", tt.history, tt.inRun, got, status, tt.want, tt.status)
			}
		})
	}
}

// A qualitative ELISA control must read as expected.
func TestWestgardQualitative(t *testing.T) {
	if v, s := WestgardQualitative(Negative, Negative); len(v) != 0 || s != QCAccepted {
		t.Fatalf("match = %v %s", v, s)
	}
	if v, s := WestgardQualitative(Positive, Equivocal); !reflect.DeepEqual(v, []string{RuleQualitative}) || s != QCRejected {
		t.Fatalf("mismatch = %v %s", v, s)
	}
}
