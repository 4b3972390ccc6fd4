package stats

import (
	"context"
	"encoding/json"
	"math"
	"sort"
	"time"

	"gorm.io/gorm"

	"torchlab/lab"
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

// AnalyteStats counts the released results of one analyte, sample by
// sample.
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

// Positivity counts the interpretations of one analyte: per woman, on the
// result tube of her first screen in the range (or per retest sample),
// among those with a released result of it.
type Positivity struct {
	Analyte      string `json:"analyte"`
	Tested       int    `json:"tested"`
	Negative     int    `json:"negative"`
	Equivocal    int    `json:"equivocal"`
	Positive     int    `json:"positive"`
	PositiveRate Ratio  `json:"positive_rate"`
}

// CategoryStats are the women's figures of one category (the category on
// her first screen's appointment).
type CategoryStats struct {
	Category   lab.Category `json:"category"`
	Screened   int          `json:"screened"`
	Tested     int          `json:"tested"`
	Positivity []Positivity `json:"positivity"`
}

// RetestStats counts the retest samples collected in the range, apart
// from the women's screens, with their positivity per sample.
type RetestStats struct {
	Collected  int          `json:"collected"`
	Released   int          `json:"released"`
	Positivity []Positivity `json:"positivity"`
}

// RedrawStats counts the redraw samples (after a rejection) collected in
// the range.
type RedrawStats struct {
	Collected int `json:"collected"`
	Released  int `json:"released"`
}

// FirstReleaseSpread is the turnaround of tested women, from the
// collection of the tube that gave her result to its first release, and
// the share released within 5 working days (the programme's calendar).
type FirstReleaseSpread struct {
	Spread
	Within5WorkingDays Ratio `json:"within_5_working_days"`
}

// SummaryRow is one station's or one month's line. Screened, Tested and
// the two ratios count women (her first screen at the station, or in the
// month); the other figures count samples and cases.
type SummaryRow struct {
	Key                string `json:"key"`
	StationCode        string `json:"station_code,omitempty"`
	Month              string `json:"month,omitempty"`
	Screened           int    `json:"screened"`
	Tested             int    `json:"tested"`
	Collected          int    `json:"collected"`
	Rejected           int    `json:"rejected"`
	Released           int    `json:"released"`
	Abnormal           int    `json:"abnormal"`
	CasesOpened        int    `json:"cases_opened"`
	CasesClosed        int    `json:"cases_closed"`
	CasesReached       int    `json:"cases_reached"`
	LostToFollowUp     int    `json:"cases_lost"`
	FollowupCompletion Ratio  `json:"followup_completion"`
	Within5WorkingDays Ratio  `json:"within_5_working_days"`
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
// GET /reports/summary; docs/decisions.md, "Statistics per woman"). The
// women's figures (screened, tested, positivity, by_category, the
// ratios) count each woman once, by her first screen in the range; the
// sample figures (collected to findings, analytes, retests, redraws) and
// followup count samples and cases.
type Summary struct {
	From             lab.Date        `json:"from"`
	To               lab.Date        `json:"to"`
	StationID        *int64          `json:"station_id"`
	Screened         int             `json:"screened"`
	Tested           int             `json:"tested"`
	Positivity       []Positivity    `json:"positivity"`
	ByCategory       []CategoryStats `json:"by_category"`
	Collected        int             `json:"collected"`
	Received         int             `json:"received"`
	Rejected         int             `json:"rejected"`
	RejectedByReason map[string]int  `json:"rejected_by_reason"`
	Released         int             `json:"released"`
	Retests          RetestStats     `json:"retests"`
	Redraws          RedrawStats     `json:"redraws"`
	Analytes         []AnalyteStats  `json:"analytes"`
	Findings         map[string]int  `json:"findings"`
	Turnaround       struct {
		CollectionToReceipt      Spread             `json:"collection_to_receipt"`
		ReceiptToRelease         Spread             `json:"receipt_to_release"`
		ReleaseToReached         Spread             `json:"release_to_first_reached_contact"`
		CollectionToFirstRelease FirstReleaseSpread `json:"collection_to_first_release"`
	} `json:"turnaround"`
	ReachedInTime                Ratio `json:"reached_in_time"`
	FollowupCompletion           Ratio `json:"followup_completion"`
	LostToFollowUp               Ratio `json:"lost_to_follow_up"`
	RetestCompletion             Ratio `json:"retest_completion"`
	RubellaVaccinationCompletion Ratio `json:"rubella_vaccination_completion"`
	// The pregnancies of the tested women's first screens
	// (pregnancy.go).
	EarlyPregnancyFollowup    Ratio         `json:"early_pregnancy_followup"`
	OutcomeFollowup           Ratio         `json:"outcome_followup"`
	OutcomesByScreeningResult []OutcomeRow  `json:"outcomes_by_screening_result"`
	BirthDefects              DefectRate    `json:"birth_defects_per_10000_births"`
	Followup                  FollowupStats `json:"followup"`
	ByStation                 []SummaryRow  `json:"by_station"`
	ByMonth                   []SummaryRow  `json:"by_month"`
}

// summaryCategories are the categories by_category lists, in order.
var summaryCategories = []lab.Category{lab.Newlywed, lab.Planning, lab.Pregnant}

// ProgrammeSummary computes the statistics from the kept per-day figures
// (days.go). Admins and lab technicians see every station (or the
// one they name); nurses and counselors their own (another named is
// CodeNotFound). Months and dates are counted in the station's zone, or
// in the default zone (TORCHLAB_TIMEZONE) across stations. CodeValidation
// for a missing or reversed range.
func (s *Service) ProgrammeSummary(ctx context.Context, f SummaryFilter) (*Summary, error) {
	a := lab.ActorFrom(ctx)
	if err := a.Require(lab.Roles...); err != nil {
		return nil, err
	}
	station, err := a.StationFilter(f.StationID)
	if err != nil {
		return nil, err
	}
	loc, err := s.stationLocation(ctx, station)
	if err != nil {
		return nil, err
	}
	from, to, err := summaryRange(f)
	if err != nil {
		return nil, err
	}
	db := s.read(ctx)
	sum := newSummary(from, to, station)
	var only int64
	if station != nil {
		only = *station
	}
	days, err := s.statDays(ctx, loc, from, to, only)
	if err != nil {
		return nil, err
	}

	// The range's figures are the sum of its days'. A woman with several
	// screens counts once: the facts of a screen whose woman had an
	// earlier one in the range (or the month, or at the station) are taken
	// off.
	months := map[string]*statDay{}
	monthStart := map[string]lab.Date{}
	for _, r := range days {
		var d statDay
		if err := json.Unmarshal([]byte(r.Body), &d); err != nil {
			return nil, err
		}
		if d.Collected == 0 {
			continue // nothing was drawn, so nothing is counted
		}
		key := string(r.Day)[:7]
		if months[key] == nil {
			months[key] = &statDay{}
			first := lab.Date(key + "-01")
			if first < from {
				first = from
			}
			monthStart[key] = first
		}
		months[key].merge(&d)
	}
	// The range is the sum of its months, before repeats are taken off.
	total := &statDay{}
	for _, d := range months {
		total.merge(d)
	}
	// With one station, only her screens at that station are in the range.
	earlier := func(rp statRepeat) lab.Date {
		if station != nil {
			return rp.Here
		}
		return rp.Prev
	}
	women := &total.Women
	stationRepeats := map[int64]*womenDay{}
	for _, rp := range total.Repeats {
		if p := earlier(rp); p != "" && p >= from {
			women.merge(&rp.Women, -1)
		}
		if rp.Here != "" && rp.Here >= from {
			if stationRepeats[rp.Station] == nil {
				stationRepeats[rp.Station] = &womenDay{}
			}
			stationRepeats[rp.Station].merge(&rp.Women, 1)
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
		r := SummaryRow{Key: key, Month: key, Collected: d.Collected, Rejected: d.Rejected,
			Released: d.Released, Abnormal: d.Abnormal, CasesOpened: d.Opened, CasesClosed: d.Closed,
			CasesReached: d.Reached, LostToFollowUp: d.Lost}
		for _, rp := range d.Repeats {
			if p := earlier(rp); p != "" && p >= monthStart[key] {
				d.Women.merge(&rp.Women, -1)
			}
		}
		setRowWomen(&r, d.Women.screened(), d.Women.tested(), d.Women.Within5, d.Women.Completed, d.Women.Cases)
		sum.ByMonth = append(sum.ByMonth, r)
	}
	if sum.ByStation, err = stationRows(db, loc, from, to, station, stationRepeats); err != nil {
		return nil, err
	}
	sort.Slice(sum.ByMonth, func(i, j int) bool { return sum.ByMonth[i].Key < sum.ByMonth[j].Key })
	var codes []lab.Analyte
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
	sum.setWomen(codes, women)
	sum.setPregnancies(women.pregnancies(), s.now())
	if g := total.Retests; g != nil {
		sum.Retests = RetestStats{Collected: g.Collected, Released: g.Released, Positivity: positivityOf(codes, g.Analytes)}
	}
	if g := total.Redraws; g != nil {
		sum.Redraws = RedrawStats{Collected: g.Collected, Released: g.Released}
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
	// (status, due_at) index answers it.
	overdue := db.Model(&lab.Followup{}).Where("status IN ? AND due_at < ?",
		[]lab.FollowupStatus{lab.CaseOpen, lab.CaseInProgress}, s.now())
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

// summaryRange checks a summary's range (CodeValidation).
func summaryRange(f SummaryFilter) (from, to lab.Date, err error) {
	var v lab.Validation
	from, ferr := lab.ParseDate(f.From)
	to, terr := lab.ParseDate(f.To)
	if ferr != nil {
		v.Add("from", "invalid", "a YYYY-MM-DD date")
	}
	if terr != nil {
		v.Add("to", "invalid", "a YYYY-MM-DD date")
	}
	if ferr == nil && terr == nil && from.After(to) {
		v.Add("to", "before_from", "the range ends before it starts")
	}
	return from, to, v.Err()
}

// newSummary is an empty summary: every list and map present.
func newSummary(from, to lab.Date, station *int64) *Summary {
	sum := &Summary{From: from, To: to, StationID: station, RejectedByReason: map[string]int{}, Findings: map[string]int{},
		Positivity: []Positivity{}, ByCategory: []CategoryStats{}, Analytes: []AnalyteStats{},
		ByStation: []SummaryRow{}, ByMonth: []SummaryRow{}, Followup: FollowupStats{ClosedByOutcome: map[string]int{}}}
	sum.Retests.Positivity = []Positivity{}
	sum.OutcomesByScreeningResult = outcomeRows(nil)
	return sum
}

// setWomen fills the summary's women's figures from the range's counts.
func (sum *Summary) setWomen(codes []lab.Analyte, w *womenDay) {
	sum.Screened, sum.Tested = w.screened(), w.tested()
	sum.Positivity = positivityOf(codes, w.analytes())
	for _, c := range summaryCategories {
		cs := CategoryStats{Category: c, Positivity: []Positivity{}}
		if wc := w.Cats[c]; wc != nil {
			cs.Screened, cs.Tested, cs.Positivity = wc.Screened, wc.Tested, positivityOf(codes, wc.Analytes)
		}
		sum.ByCategory = append(sum.ByCategory, cs)
	}
	sum.Turnaround.CollectionToFirstRelease = FirstReleaseSpread{Spread: w.FirstRelease.spread(),
		Within5WorkingDays: ratioOf(w.Within5, sum.Tested)}
	sum.ReachedInTime = ratioOf(w.InTime, w.Cases)
	sum.FollowupCompletion = ratioOf(w.Completed, w.Cases)
	sum.LostToFollowUp = ratioOf(w.Lost, w.Cases)
	sum.RetestCompletion = ratioOf(w.RetestDone, w.RetestAdvised)
	sum.RubellaVaccinationCompletion = ratioOf(w.Vaccinated, w.RubellaAdvised)
}

// positivityOf lists the analytes' counts in the analytes' order, those
// with at least one result.
func positivityOf(codes []lab.Analyte, m map[string]*[4]int) []Positivity {
	out := []Positivity{}
	for _, a := range codes {
		if c := m[a.Code]; c != nil && c[0] > 0 {
			out = append(out, Positivity{Analyte: a.Code, Tested: c[0], Negative: c[1], Equivocal: c[2], Positive: c[3],
				PositiveRate: ratioOf(c[3], c[0])})
		}
	}
	return out
}

// setRowWomen sets a row's women's figures.
func setRowWomen(r *SummaryRow, screened, tested, within5, completed, cases int) {
	r.Screened, r.Tested = screened, tested
	r.Within5WorkingDays = ratioOf(within5, tested)
	r.FollowupCompletion = ratioOf(completed, cases)
}

// stationRows are the by-station lines: the sums of each station's days
// (read from an index that holds them), less the facts of repeat screens
// whose earlier screen at the station is in the range.
func stationRows(db *gorm.DB, loc *time.Location, from, to lab.Date, station *int64, repeats map[int64]*womenDay) ([]SummaryRow, error) {
	type stationSum struct {
		StationID                                                              int64
		Collected, Rejected, Released, Abnormal, Opened, Closed, Reached, Lost int
		Screens, Tested, Within5, CaseWomen, Completed                         int
	}
	var perStation []stationSum
	q := db.Table("stats_days").Select("station_id, SUM(collected) AS collected, SUM(rejected) AS rejected, "+
		"SUM(released) AS released, SUM(abnormal) AS abnormal, SUM(cases_opened) AS opened, SUM(cases_closed) AS closed, "+
		"SUM(cases_reached) AS reached, SUM(cases_lost) AS lost, SUM(screens) AS screens, SUM(tested) AS tested, "+
		"SUM(within_5_days) AS within5, SUM(case_women) AS case_women, SUM(completed_women) AS completed").
		Where("tz = ? AND day BETWEEN ? AND ?", loc.String(), from, to)
	if station != nil {
		q = q.Where("station_id = ?", *station)
	} else {
		q = q.Where("station_id <> 0")
	}
	if err := q.Group("station_id").Scan(&perStation).Error; err != nil {
		return nil, err
	}
	var stationCodes []lab.Station
	if err := db.Select("id, code").Find(&stationCodes).Error; err != nil {
		return nil, err
	}
	code := map[int64]string{}
	for _, st := range stationCodes {
		code[st.ID] = st.Code
	}
	rows := []SummaryRow{}
	for _, p := range perStation {
		if p.Collected == 0 {
			continue
		}
		c := code[p.StationID]
		r := SummaryRow{Key: c, StationCode: c, Collected: p.Collected, Rejected: p.Rejected, Released: p.Released,
			Abnormal: p.Abnormal, CasesOpened: p.Opened, CasesClosed: p.Closed, CasesReached: p.Reached, LostToFollowUp: p.Lost}
		sub := repeats[p.StationID]
		if sub == nil {
			sub = &womenDay{}
		}
		setRowWomen(&r, p.Screens-sub.screened(), p.Tested-sub.tested(), p.Within5-sub.Within5,
			p.Completed-sub.Completed, p.CaseWomen-sub.Cases)
		rows = append(rows, r)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].Key < rows[j].Key })
	return rows, nil
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
