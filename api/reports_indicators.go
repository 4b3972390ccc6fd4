package api

import (
	"strconv"

	"torchlab/lab"
	"torchlab/lab/stats"
)

// indicator is one ratio of the summary as the files list it, with the
// counts it is made of: where it applies (a station, a month, both, or
// neither for the range as asked), its name as in the JSON, and what it
// is broken down by (an analyte, a category and an analyte).
type indicator struct {
	Station, Month, Name, Breakdown string
	stats.Ratio
}

// indicators lists every ratio of the summary and of the station-by-month
// table, in a fixed order.
func indicators(sum *stats.Summary, months []stats.SummaryRow) []indicator {
	out := []indicator{
		{Name: "within_5_working_days", Ratio: sum.Turnaround.CollectionToFirstRelease.Within5WorkingDays},
		{Name: "reached_in_time", Ratio: sum.ReachedInTime},
		{Name: "followup_completion", Ratio: sum.FollowupCompletion},
		{Name: "lost_to_follow_up", Ratio: sum.LostToFollowUp},
		{Name: "retest_completion", Ratio: sum.RetestCompletion},
		{Name: "rubella_vaccination_completion", Ratio: sum.RubellaVaccinationCompletion},
		{Name: "early_pregnancy_followup", Ratio: sum.EarlyPregnancyFollowup},
		{Name: "outcome_followup", Ratio: sum.OutcomeFollowup},
		{Name: "birth_defects", Ratio: sum.BirthDefects.Ratio},
		// The same counts per 10,000 births: the rate column holds the
		// figure per 10,000, as the breakdown says.
		{Name: "birth_defects_per_10000_births", Breakdown: "per 10000 births", Ratio: stats.Ratio{
			Numerator: sum.BirthDefects.Numerator, Denominator: sum.BirthDefects.Denominator, Rate: sum.BirthDefects.Per10000}},
	}
	// Each outcome among the recorded outcomes of the women with that
	// screening result.
	for _, r := range sum.OutcomesByScreeningResult {
		for _, o := range lab.PregnancyOutcomes() {
			out = append(out, indicator{Name: "outcome", Breakdown: r.ScreeningResult + " " + o,
				Ratio: stats.RatioOf(r.Outcomes[o], r.Total)})
		}
	}
	for _, p := range sum.Positivity {
		out = append(out, indicator{Name: "positivity", Breakdown: p.Analyte, Ratio: p.PositiveRate})
	}
	for _, c := range sum.ByCategory {
		for _, p := range c.Positivity {
			out = append(out, indicator{Name: "positivity", Breakdown: string(c.Category) + " " + p.Analyte, Ratio: p.PositiveRate})
		}
	}
	for _, p := range sum.Retests.Positivity {
		out = append(out, indicator{Name: "retest_positivity", Breakdown: p.Analyte, Ratio: p.PositiveRate})
	}
	rows := func(rs []stats.SummaryRow) {
		for _, r := range rs {
			out = append(out,
				indicator{Station: r.StationCode, Month: r.Month, Name: "followup_completion", Ratio: r.FollowupCompletion},
				indicator{Station: r.StationCode, Month: r.Month, Name: "within_5_working_days", Ratio: r.Within5WorkingDays})
		}
	}
	rows(sum.ByStation)
	rows(sum.ByMonth)
	rows(months)
	return out
}

// cells is the indicator's columns: station, month, name, breakdown,
// numerator, denominator, rate.
func (i indicator) cells() []string {
	return []string{i.Station, i.Month, i.Name, i.Breakdown, itoa(i.Numerator), itoa(i.Denominator),
		strconv.FormatFloat(i.Rate, 'f', -1, 64)}
}
