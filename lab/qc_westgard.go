package lab

// The Westgard multirule (Westgard JO et al., Clin Chem 1981;27:493; CLSI
// C24) over control values given as z-scores: how many of the material's
// standard deviations a value lies from its target mean. Pure: no storage,
// no clock. Which rules apply across runs and which within a run is in
// docs/decisions.md, "Quality control and reagent lots".

// Westgard rule names as the API reports them.
const (
	Rule12s = "1_2s" // one value beyond 2 SD: a warning
	Rule13s = "1_3s" // one value beyond 3 SD: random error
	Rule22s = "2_2s" // two consecutive values beyond 2 SD on the same side
	RuleR4s = "R_4s" // within a run, one value beyond +2 SD and another beyond -2 SD
	Rule41s = "4_1s" // four consecutive values beyond 1 SD on the same side
	Rule10x = "10_x" // ten consecutive values on the same side of the mean
	// RuleQualitative: a qualitative control read other than expected.
	RuleQualitative = "qualitative"
)

// QC statuses of one evaluation, and of a run (its worst evaluation).
const (
	QCAccepted = "accepted"
	QCWarning  = "warning"
	QCRejected = "rejected"
)

// WestgardInput is what one control value is judged against.
type WestgardInput struct {
	// History holds the material's z-scores on the analyte across runs,
	// oldest first, the value being judged last.
	History []float64
	// InRun holds the z-scores of the run's other control materials of the
	// same analyte (their latest value in this run), for the rules applied
	// across materials within a run (2_2s, R_4s).
	InRun []float64
}

// Westgard evaluates the last value of in.History and returns the rules it
// violates, in the order of the rule constants, and the status: rejected
// when any rule but 1_2s is violated, warning for 1_2s alone, accepted
// otherwise. Every rule is checked whatever 1_2s says, so that a chart
// marks each violation. An empty history is accepted.
func Westgard(in WestgardInput) (violated []string, status string) {
	h := in.History
	if len(h) == 0 {
		return nil, QCAccepted
	}
	z := h[len(h)-1]
	violated = []string{}
	add := func(rule string, ok bool) {
		if ok {
			violated = append(violated, rule)
		}
	}
	add(Rule12s, abs(z) > 2)
	add(Rule13s, abs(z) > 3)
	add(Rule22s, sameSideBeyond(lastN(h, 2), 2) || anySameSideBeyond(z, in.InRun, 2))
	add(RuleR4s, opposedBeyond2(z, in.InRun))
	add(Rule41s, sameSideBeyond(lastN(h, 4), 1))
	add(Rule10x, sameSideBeyond(lastN(h, 10), 0))
	return violated, statusOf(violated)
}

// WestgardQualitative judges a qualitative control (an ELISA's negative
// or positive control): read as expected, accepted; otherwise rejected.
func WestgardQualitative(expected, read Interpretation) (violated []string, status string) {
	if expected == read {
		return []string{}, QCAccepted
	}
	return []string{RuleQualitative}, QCRejected
}

func statusOf(violated []string) string {
	status := QCAccepted
	for _, r := range violated {
		if r != Rule12s {
			return QCRejected
		}
		status = QCWarning
	}
	return status
}

// worseQC returns the worse of two statuses.
func worseQC(a, b string) string {
	rank := map[string]int{QCAccepted: 1, QCWarning: 2, QCRejected: 3}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

// lastN returns the last n values, or nil when there are fewer.
func lastN(h []float64, n int) []float64 {
	if len(h) < n {
		return nil
	}
	return h[len(h)-n:]
}

// sameSideBeyond reports whether every value of a non-empty list lies
// beyond limit SD on one side of the mean.
func sameSideBeyond(zs []float64, limit float64) bool {
	if len(zs) == 0 {
		return false
	}
	above, below := true, true
	for _, z := range zs {
		above = above && z > limit
		below = below && z < -limit
	}
	return above || below
}

// anySameSideBeyond reports whether z and one of others both lie beyond
// limit SD on the same side.
func anySameSideBeyond(z float64, others []float64, limit float64) bool {
	for _, o := range others {
		if sameSideBeyond([]float64{z, o}, limit) {
			return true
		}
	}
	return false
}

// opposedBeyond2 reports whether z lies beyond 2 SD on one side and one of
// others beyond 2 SD on the other: a range above 4 SD within the run.
func opposedBeyond2(z float64, others []float64) bool {
	for _, o := range others {
		if (z > 2 && o < -2) || (z < -2 && o > 2) {
			return true
		}
	}
	return false
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
