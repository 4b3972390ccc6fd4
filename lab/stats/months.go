package stats

import (
	"context"

	"torchlab/lab"
)

// StationMonths is the table a programme office files: one row per station
// and month of the range, with the same figures as the summary's by-station
// rows for that month (women screened count once per station and month).
// Each month is the summary of that month's part of the range, read from
// the kept per-day figures, so a year costs twelve small summaries. whole
// is the range's summary, already made (and its filter checked) by
// ProgrammeSummary.
func (s *Service) StationMonths(ctx context.Context, whole *Summary) ([]SummaryRow, error) {
	rows := []SummaryRow{}
	for first := whole.From; first <= whole.To; {
		last := lab.Date(string(first)[:7] + "-01").AddDays(31)
		last = lab.Date(string(last)[:7] + "-01").AddDays(-1) // the month's last day
		if last > whole.To {
			last = whole.To
		}
		month, err := s.ProgrammeSummary(ctx, SummaryFilter{From: string(first), To: string(last), StationID: whole.StationID})
		if err != nil {
			return nil, err
		}
		for _, r := range month.ByStation {
			r.Month = string(first)[:7]
			r.Key = r.StationCode + " " + r.Month
			rows = append(rows, r)
		}
		first = last.AddDays(1)
	}
	return rows, nil
}
