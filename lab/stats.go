package lab

import (
	"context"
	"encoding/json"
	"math"
	"sort"
)

// SummaryFilter is a date range (collection dates at the station, both
// ends included) and optionally one station.
type SummaryFilter struct {
	From, To  string
	StationID *int64
}

// Spread is a turnaround: how many, and the median and 90th percentile in
// hours.
type Spread struct {
	Count       int      `json:"count"`
	MedianHours *float64 `json:"median_hours"`
	P90Hours    *float64 `json:"p90_hours"`
}

// AnalyteStats counts the released results of one analyte.
type AnalyteStats struct {
	Analyte       string  `json:"analyte"`
	Tested        int     `json:"tested"`
	Negative      int     `json:"negative"`
	Equivocal     int     `json:"equivocal"`
	Positive      int     `json:"positive"`
	NegativeRate  float64 `json:"negative_rate"`
	EquivocalRate float64 `json:"equivocal_rate"`
	PositiveRate  float64 `json:"positive_rate"`
}

// SummaryRow is one station's or one month's line.
type SummaryRow struct {
	Key            string `json:"key"`
	StationCode    string `json:"station_code,omitempty"`
	Month          string `json:"month,omitempty"`
	Screened       int    `json:"screened"`
	Collected      int    `json:"collected"`
	Rejected       int    `json:"rejected"`
	Released       int    `json:"released"`
	Abnormal       int    `json:"abnormal"`
	CasesOpened    int    `json:"cases_opened"`
	CasesClosed    int    `json:"cases_closed"`
	CasesReached   int    `json:"cases_reached"`
	LostToFollowUp int    `json:"cases_lost"`
}

// FollowupStats sums up the cases of the samples in the range.
type FollowupStats struct {
	Opened          int            `json:"opened"`
	Closed          int            `json:"closed"`
	ClosedByOutcome map[string]int `json:"closed_by_outcome"`
	CompletionRate  float64        `json:"completion_rate"`
	LostRate        float64        `json:"lost_rate"`
	OverdueNow      int            `json:"overdue_now"`
}

// Summary is the programme's statistics for a range (API.md,
// GET /reports/summary).
type Summary struct {
	From             Date           `json:"from"`
	To               Date           `json:"to"`
	StationID        *int64         `json:"station_id"`
	Screened         int            `json:"screened"`
	Collected        int            `json:"collected"`
	Received         int            `json:"received"`
	Rejected         int            `json:"rejected"`
	RejectedByReason map[string]int `json:"rejected_by_reason"`
	Released         int            `json:"released"`
	Analytes         []AnalyteStats `json:"analytes"`
	Findings         map[string]int `json:"findings"`
	Turnaround       struct {
		CollectionToReceipt Spread `json:"collection_to_receipt"`
		ReceiptToRelease    Spread `json:"receipt_to_release"`
		ReleaseToReached    Spread `json:"release_to_first_reached_contact"`
	} `json:"turnaround"`
	Followup  FollowupStats `json:"followup"`
	ByStation []SummaryRow  `json:"by_station"`
	ByMonth   []SummaryRow  `json:"by_month"`
}

// ProgrammeSummary computes the statistics from the records themselves.
// Admins and lab technicians see every station (or the one they name);
// nurses and counselors their own (another named is CodeNotFound).
// Months and dates are counted in the station's zone, or in the default
// zone (TORCHLAB_TIMEZONE) across stations.
func (s *Service) ProgrammeSummary(ctx context.Context, f SummaryFilter) (*Summary, error) {
	a := ActorFrom(ctx)
	if err := a.require(Roles...); err != nil {
		return nil, err
	}
	station, err := a.stationFilter(f.StationID)
	if err != nil {
		return nil, err
	}
	loc, err := s.stationLocation(ctx, station)
	if err != nil {
		return nil, err
	}
	var v Validation
	from, ferr := ParseDate(f.From)
	to, terr := ParseDate(f.To)
	if ferr != nil {
		v.Add("from", "invalid", "a YYYY-MM-DD date")
	}
	if terr != nil {
		v.Add("to", "invalid", "a YYYY-MM-DD date")
	}
	if ferr == nil && terr == nil && from.After(to) {
		v.Add("to", "before_from", "the range ends before it starts")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	start := from.Time(loc).UTC()
	db := s.read(ctx)

	sum := &Summary{From: from, To: to, StationID: station, RejectedByReason: map[string]int{}, Findings: map[string]int{},
		Analytes: []AnalyteStats{}, ByStation: []SummaryRow{}, ByMonth: []SummaryRow{},
		Followup: FollowupStats{ClosedByOutcome: map[string]int{}}}
	var only int64
	if station != nil {
		only = *station
	}
	days, err := s.statDays(ctx, loc, from, to, only)
	if err != nil {
		return nil, err
	}

	// The range's figures are the sum of its days'. A woman with several
	// samples counts once: a sample whose woman had an earlier one in the
	// range (or the month, or at the station) is taken off the count.
	total := &statDay{}
	months := map[string]*statDay{}
	monthStart := map[string]int64{}
	for _, r := range days {
		var d statDay
		if err := json.Unmarshal([]byte(r.Body), &d); err != nil {
			return nil, err
		}
		total.merge(&d)
		if d.Collected == 0 {
			continue
		}
		key := string(r.Day)[:7]
		if months[key] == nil {
			months[key] = &statDay{}
			first := Date(key + "-01")
			if first < from {
				first = from
			}
			monthStart[key] = first.Time(loc).UnixMicro()
		}
		months[key].merge(&d)
	}
	// With one station, only her samples at that station are in the range.
	earlier := func(rp statRepeat) int64 {
		if station != nil {
			return rp.Here
		}
		return rp.Prev
	}
	rangeStart := start.UnixMicro()
	sum.Screened = total.Collected
	stationRepeats := map[int64]int{}
	for _, rp := range total.Repeats {
		if p := earlier(rp); p != 0 && p >= rangeStart {
			sum.Screened--
		}
		if rp.Here != 0 && rp.Here >= rangeStart {
			stationRepeats[rp.Station]++
		}
	}
	sum.Collected, sum.Received, sum.Rejected, sum.Released = total.Collected, total.Received, total.Rejected, total.Released
	for k, n := range total.RejectedBy {
		sum.RejectedByReason[k] = n
	}
	for k, n := range total.Findings {
		sum.Findings[k] = n
	}
	for key, d := range months {
		r := SummaryRow{Key: key, Month: key, Screened: d.Collected, Collected: d.Collected, Rejected: d.Rejected,
			Released: d.Released, Abnormal: d.Abnormal, CasesOpened: d.Opened, CasesClosed: d.Closed,
			CasesReached: d.Reached, LostToFollowUp: d.Lost}
		for _, rp := range d.Repeats {
			if p := earlier(rp); p != 0 && p >= monthStart[key] {
				r.Screened--
			}
		}
		sum.ByMonth = append(sum.ByMonth, r)
	}
	// By station: the sums of each station's days (read from an index that
	// holds them).
	type stationSum struct {
		StationID                                                              int64
		Collected, Rejected, Released, Abnormal, Opened, Closed, Reached, Lost int
	}
	var perStation []stationSum
	q := db.Table("stats_days").Select("station_id, SUM(collected) AS collected, SUM(rejected) AS rejected, "+
		"SUM(released) AS released, SUM(abnormal) AS abnormal, SUM(cases_opened) AS opened, SUM(cases_closed) AS closed, "+
		"SUM(cases_reached) AS reached, SUM(cases_lost) AS lost").
		Where("tz = ? AND day BETWEEN ? AND ?", loc.String(), from, to)
	if station != nil {
		q = q.Where("station_id = ?", *station)
	} else {
		q = q.Where("station_id <> 0")
	}
	if err := q.Group("station_id").Scan(&perStation).Error; err != nil {
		return nil, err
	}
	var stationCodes []Station
	if err := db.Select("id, code").Find(&stationCodes).Error; err != nil {
		return nil, err
	}
	code := map[int64]string{}
	for _, st := range stationCodes {
		code[st.ID] = st.Code
	}
	for _, p := range perStation {
		if p.Collected == 0 {
			continue
		}
		c := code[p.StationID]
		sum.ByStation = append(sum.ByStation, SummaryRow{Key: c, StationCode: c, Screened: p.Collected - stationRepeats[p.StationID],
			Collected: p.Collected, Rejected: p.Rejected, Released: p.Released, Abnormal: p.Abnormal, CasesOpened: p.Opened,
			CasesClosed: p.Closed, CasesReached: p.Reached, LostToFollowUp: p.Lost})
	}
	sort.Slice(sum.ByStation, func(i, j int) bool { return sum.ByStation[i].Key < sum.ByStation[j].Key })
	sort.Slice(sum.ByMonth, func(i, j int) bool { return sum.ByMonth[i].Key < sum.ByMonth[j].Key })
	var codes []Analyte
	if err := db.Order("position").Find(&codes).Error; err != nil {
		return nil, err
	}
	for _, a := range codes {
		if c := total.Analytes[a.Code]; c != nil {
			st := AnalyteStats{Analyte: a.Code, Tested: c[0], Negative: c[1], Equivocal: c[2], Positive: c[3]}
			st.NegativeRate, st.EquivocalRate, st.PositiveRate = rate(st.Negative, st.Tested), rate(st.Equivocal, st.Tested), rate(st.Positive, st.Tested)
			sum.Analytes = append(sum.Analytes, st)
		}
	}
	sum.Turnaround.CollectionToReceipt = total.ToReceipt.spread()
	sum.Turnaround.ReceiptToRelease = total.ToRelease.spread()
	sum.Turnaround.ReleaseToReached = total.ToReached.spread()
	sum.Followup.Opened, sum.Followup.Closed = total.Opened, total.Closed
	for k, n := range total.ClosedBy {
		sum.Followup.ClosedByOutcome[k] = n
	}
	sum.Followup.CompletionRate = rate(sum.Followup.Closed, sum.Followup.Opened)
	sum.Followup.LostRate = rate(sum.Followup.ClosedByOutcome["lost_to_follow_up"], sum.Followup.Opened)
	// Not closed, spelt as the statuses that are not, so that the
	// (status, reached_at, due_at) index answers it.
	overdue := db.Model(&Followup{}).Where("status IN ? AND reached_at IS NULL AND due_at < ?",
		[]FollowupStatus{CaseOpen, CaseInProgress}, s.now())
	if station != nil {
		overdue = overdue.Where("station_id = ?", *station)
	}
	var n int64
	if err := overdue.Count(&n).Error; err != nil {
		return nil, err
	}
	sum.Followup.OverdueNow = int(n)
	return sum, nil
}

func row(m map[string]*SummaryRow, key, station, month string) *SummaryRow {
	if m[key] == nil {
		m[key] = &SummaryRow{Key: key, StationCode: station, Month: month}
	}
	return m[key]
}

// rate is part of whole, rounded to 4 places (0 for an empty whole).
func rate(part, whole int) float64 {
	if whole == 0 {
		return 0
	}
	return math.Round(float64(part)/float64(whole)*10000) / 10000
}

// inListMax is the most values an "IN (…)" list holds. MariaDB turns a
// list of in_predicate_conversion_threshold (1,000) values or more into a
// derived table joined to the query, another plan than the plain list's;
// with a freshly bulk-loaded table's statistics it read all 5.7 million
// results for each chunk of 1,000 samples (EXPLAIN: type ALL). The seed
// now analyzes its tables (loadgen.analyze), and lists stay plain.
const inListMax = 500

// chunks splits ids into lists of at most n.
func chunks[T any](ids []T, n int) [][]T {
	var out [][]T
	for len(ids) > 0 {
		k := min(n, len(ids))
		out = append(out, ids[:k])
		ids = ids[k:]
	}
	return out
}
