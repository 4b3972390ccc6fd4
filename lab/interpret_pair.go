package lab

// InterpretPair reads a retest or redraw (now) against her one earlier
// released sample (earlier), both as interpretations by analyte code, per
// domain.md §0 "Paired sera". Each pathogen gets Interpret's finding and,
// where the pair matches a paired row, a paired finding placed first; the
// paired finding replaces a finding of rows 1–3 and stays before one of rows
// 4–8. Only interpretations are compared, never values (the two samples may
// have been run on different kits). An empty earlier gives exactly
// Interpret's answer.
func InterpretPair(now, earlier map[string]Interpretation, pregnant bool, deferralDays int) (findings []Finding, abnormal bool) {
	for _, p := range Pathogens {
		f, row, ok := rowFinding(p.Code, now, pregnant, deferralDays)
		if !ok {
			continue
		}
		if pf, ok := pairedFinding(p.Code, now, earlier, pregnant); ok {
			findings = append(findings, pf)
			abnormal = abnormal || pf.Abnormal
			if row <= 3 {
				continue
			}
		}
		findings = append(findings, f)
		abnormal = abnormal || f.Abnormal
	}
	return findings, abnormal
}

// pairedFinding is the §0 paired row one pathogen's two samples match, if
// any. Each row needs the IgG of both samples. An IgM tested on only one of
// them satisfies no IgM condition, and an equivocal reading on either side
// matches no row: neither shows a change.
func pairedFinding(pathogen string, now, earlier map[string]Interpretation, pregnant bool) (Finding, bool) {
	g0, ok0 := earlier[pathogen+"_IGG"]
	g1, ok1 := now[pathogen+"_IGG"]
	if !ok0 || !ok1 {
		return Finding{}, false
	}
	// An IgM without a result reads "", neither positive nor negative.
	m0, m1 := earlier[pathogen+"_IGM"], now[pathogen+"_IGM"]
	igm := func(before, after Interpretation) bool { return m0 == before && m1 == after }
	f := Finding{Pathogen: pathogen, IgG: string(g1), IgM: string(m1), EarlierIgG: string(g0), EarlierIgM: string(m0)}
	switch {
	case g0 == Negative && g1 == Positive:
		f.Code, f.Abnormal, f.Priority = pathogen+"_SEROCONVERSION", true, priority(pathogen, pregnant, Urgent, High)
	case g0 == Positive && g1 == Positive && igm(Positive, Positive):
		f.Code, f.Abnormal, f.Priority = pathogen+"_IGM_PERSISTENT", true, priority(pathogen, pregnant, High, Routine)
	case g0 == Negative && g1 == Negative && igm(Positive, Negative):
		f.Code = pathogen + "_IGM_NOT_CONFIRMED"
	case g0 == Positive && g1 == Negative:
		// A delta check on the tubes, not a clinical reading: high for HSV too.
		f.Code, f.Abnormal, f.Priority = pathogen+"_IGG_LOSS", true, High
	default:
		return Finding{}, false
	}
	f.Recommendation, f.RecommendationEn = recommend(f.Code, pathogen, pregnant, 0)
	return f, true
}

// DeltaFindings returns the IgG-loss findings among fs: an IgG that turned
// negative points to a tube mix-up, so the release waits until the second
// technician acknowledges it (domain.md §0, Paired sera).
func DeltaFindings(fs []Finding) []Finding {
	var delta []Finding
	for _, f := range fs {
		if f.Code == f.Pathogen+"_IGG_LOSS" {
			delta = append(delta, f)
		}
	}
	return delta
}
