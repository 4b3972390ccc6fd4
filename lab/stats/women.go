package stats

import (
	"slices"
	"sort"
	"time"

	"torchlab/lab"
)

// The programme counts women (docs/decisions.md, "Statistics per
// woman"). A woman's screen is a screening sample with its redraws (a
// redraw booked from the recollection of a rejected tube of the screen);
// she is counted once in a range, by her first screen in it, and her
// screen's facts are counted on the screening tube's collection day.

// Ratio is a rate with the counts it is made of, so that an officer can
// check it: numerator ÷ denominator, rounded to 4 places (0 when the
// denominator is 0).
type Ratio struct {
	Numerator   int     `json:"numerator"`
	Denominator int     `json:"denominator"`
	Rate        float64 `json:"rate"`
}

func ratioOf(n, d int) Ratio { return Ratio{Numerator: n, Denominator: d, Rate: rate(n, d)} }

// RatioOf is n ÷ d as a Ratio.
func RatioOf(n, d int) Ratio { return ratioOf(n, d) }

// screenFacts are what one woman's screen counts for.
type screenFacts struct {
	Category lab.Category
	// Tested: a tube of the screen was released (the result tube).
	Tested bool
	// Results are the result tube's current released results.
	Results []lab.Result
	// ToFirstRelease is from the result tube's collection to its first
	// release; Within5 whether that release came within 5 working days.
	ToFirstRelease time.Duration
	Within5        bool
	// Case: a tube of the screen opened a case. InTime: she was first
	// reached on the first of those cases by its first due time.
	// Completed: every one of them is closed, none as lost to follow-up;
	// Lost: one of them is closed as lost.
	Case, InTime, Completed, Lost bool
	// RetestAdvised: she has a case and the result tube's findings advise
	// a redraw; RetestDone: one of her cases holds a released retest or
	// redraw of hers other than the screen's own tubes.
	RetestAdvised, RetestDone bool
	// RubellaAdvised: not pregnant, and not immune to rubella; Vaccinated:
	// with a rubella vaccination recorded (rubellaVaccinated).
	RubellaAdvised, Vaccinated bool
	// Abnormal: the result tube was released abnormal. Pregnancy: the
	// pregnancy of a tested woman's screen (screenPregnancies), nil for
	// none.
	Abnormal  bool
	Pregnancy *pregnancyFacts
}

// womenCount counts the women of one category: screened, tested, and per
// analyte those with a result on the result tube and its interpretation.
type womenCount struct {
	Screened int                `json:"s,omitempty"`
	Tested   int                `json:"t,omitempty"`
	Analytes map[string]*[4]int `json:"a,omitempty"` // with a result, negative, equivocal, positive
}

// womenDay counts women by their screens: a day's, a repeat group's (to
// be taken off), or a range's.
type womenDay struct {
	Cats           map[lab.Category]*womenCount `json:"k,omitempty"`
	FirstRelease   histogram                    `json:"t,omitempty"`
	Within5        int                          `json:"w,omitempty"`
	Cases          int                          `json:"c,omitempty"`
	InTime         int                          `json:"ci,omitempty"`
	Completed      int                          `json:"cc,omitempty"`
	Lost           int                          `json:"cl,omitempty"`
	RetestAdvised  int                          `json:"ra,omitempty"`
	RetestDone     int                          `json:"rd,omitempty"`
	RubellaAdvised int                          `json:"va,omitempty"`
	Vaccinated     int                          `json:"vd,omitempty"`
	Pregnancies    *pregnancyDay                `json:"p,omitempty"`
}

func flag(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (w *womenDay) cat(c lab.Category) *womenCount {
	if w.Cats == nil {
		w.Cats = map[lab.Category]*womenCount{}
	}
	if w.Cats[c] == nil {
		w.Cats[c] = &womenCount{}
	}
	return w.Cats[c]
}

// add counts one woman's screen.
func (w *womenDay) add(f *screenFacts) {
	c := w.cat(f.Category)
	c.Screened++
	if f.Tested {
		c.Tested++
		addInterpretations(&c.Analytes, f.Results, 1)
		w.FirstRelease.add(f.ToFirstRelease)
		w.Within5 += flag(f.Within5)
	}
	w.Cases += flag(f.Case)
	w.InTime += flag(f.InTime)
	w.Completed += flag(f.Completed)
	w.Lost += flag(f.Lost)
	w.RetestAdvised += flag(f.RetestAdvised)
	w.RetestDone += flag(f.RetestDone)
	w.RubellaAdvised += flag(f.RubellaAdvised)
	w.Vaccinated += flag(f.Vaccinated)
	if f.Pregnancy != nil {
		w.pregnancies().add(f.Pregnancy, f.Abnormal)
	}
}

func (w *womenDay) pregnancies() *pregnancyDay {
	if w.Pregnancies == nil {
		w.Pregnancies = &pregnancyDay{}
	}
	return w.Pregnancies
}

// merge adds o's counts to w (sign 1), or takes them off (sign -1).
func (w *womenDay) merge(o *womenDay, sign int) {
	for k, oc := range o.Cats {
		c := w.cat(k)
		c.Screened += sign * oc.Screened
		c.Tested += sign * oc.Tested
		mergeAnalytes(&c.Analytes, oc.Analytes, sign)
	}
	w.FirstRelease.mergeSigned(o.FirstRelease, sign)
	w.Within5 += sign * o.Within5
	w.Cases += sign * o.Cases
	w.InTime += sign * o.InTime
	w.Completed += sign * o.Completed
	w.Lost += sign * o.Lost
	w.RetestAdvised += sign * o.RetestAdvised
	w.RetestDone += sign * o.RetestDone
	w.RubellaAdvised += sign * o.RubellaAdvised
	w.Vaccinated += sign * o.Vaccinated
	if o.Pregnancies != nil {
		w.pregnancies().merge(o.Pregnancies, sign)
	}
}

func (w *womenDay) screened() int {
	n := 0
	for _, c := range w.Cats {
		n += c.Screened
	}
	return n
}

func (w *womenDay) tested() int {
	n := 0
	for _, c := range w.Cats {
		n += c.Tested
	}
	return n
}

// analytes sums the categories' analyte counts.
func (w *womenDay) analytes() map[string]*[4]int {
	var out map[string]*[4]int
	for _, c := range w.Cats {
		mergeAnalytes(&out, c.Analytes, 1)
	}
	return out
}

// addInterpretations counts results by analyte and interpretation.
func addInterpretations(m *map[string]*[4]int, rs []lab.Result, sign int) {
	if len(rs) == 0 {
		return
	}
	if *m == nil {
		*m = map[string]*[4]int{}
	}
	for _, r := range rs {
		st := (*m)[r.AnalyteCode]
		if st == nil {
			st = &[4]int{}
			(*m)[r.AnalyteCode] = st
		}
		st[0] += sign
		switch r.Interpretation {
		case lab.Negative:
			st[1] += sign
		case lab.Equivocal:
			st[2] += sign
		case lab.Positive:
			st[3] += sign
		}
	}
}

func mergeAnalytes(m *map[string]*[4]int, o map[string]*[4]int, sign int) {
	for k, a := range o {
		if *m == nil {
			*m = map[string]*[4]int{}
		}
		st := (*m)[k]
		if st == nil {
			st = &[4]int{}
			(*m)[k] = st
		}
		for i := range st {
			st[i] += sign * a[i]
		}
	}
}

// screenRecord is one woman's screen as read from the records.
type screenRecord struct {
	Category lab.Category
	// Tubes: the screening tube, then its redraws.
	Tubes []*statSample
	// Results: the released results of the result tube.
	Results []lab.Result
	// Cases opened by the tubes, with their members.
	Cases   []statCase
	Members map[int64][]statMember
}

// statMember is a sample a case has read (followup_samples).
type statMember struct {
	FollowupID int64
	SampleID   int64
	Kind       lab.AppointmentKind
	Status     lab.SampleStatus
}

// resultTube is the screen's released tube (the earliest collected), nil
// when none is.
func (r *screenRecord) resultTube() *statSample {
	var out *statSample
	for _, t := range r.Tubes {
		if t.Status == lab.SampleReleased && t.FirstReleasedAt != nil && (out == nil || t.CollectedAt.Before(out.CollectedAt)) {
			out = t
		}
	}
	return out
}

// rubellaAdvice are the findings whose advice, out of pregnancy, is a
// rubella vaccination (domain.md §0, Recommendations).
var rubellaAdvice = []string{"RUBV_SUSCEPTIBLE", "RUBV_IGG_EQUIVOCAL"}

// facts judges the screen: cal counts working days, locs are the
// stations' zones, settings judge the findings. Vaccinated is left for
// rubellaVaccinated.
func (r *screenRecord) facts(cal lab.WorkingDays, locs map[int64]*time.Location, settings lab.Settings) screenFacts {
	f := screenFacts{Category: r.Category}
	tube := r.resultTube()
	var findings []lab.Finding
	if tube != nil {
		f.Tested, f.Results, f.Abnormal = true, r.Results, tube.Abnormal
		f.ToFirstRelease = tube.FirstReleasedAt.Sub(tube.CollectedAt)
		loc := locs[tube.StationID]
		if loc == nil {
			loc = time.UTC
		}
		f.Within5 = cal.WithinWorkingDays(lab.DateOf(tube.CollectedAt.In(loc)), lab.DateOf(tube.FirstReleasedAt.In(loc)), 5)
		findings, _ = lab.FindingsOf(r.Results, r.Category == lab.Pregnant, settings)
		for _, fd := range findings {
			if r.Category != lab.Pregnant && slices.Contains(rubellaAdvice, fd.Code) {
				f.RubellaAdvised = true
			}
		}
	}
	if len(r.Cases) == 0 {
		return f
	}
	cases := slices.Clone(r.Cases)
	sort.Slice(cases, func(i, j int) bool {
		if !cases[i].OpenedAt.Equal(cases[j].OpenedAt) {
			return cases[i].OpenedAt.Before(cases[j].OpenedAt)
		}
		return cases[i].ID < cases[j].ID
	})
	f.Case = true
	first := cases[0]
	f.InTime = first.FirstReached.Valid && first.FirstDueAt.Valid && !first.FirstReached.Time.After(first.FirstDueAt.Time)
	f.Completed = true
	own := map[int64]bool{}
	for _, t := range r.Tubes {
		own[t.ID] = true
	}
	for _, c := range cases {
		closed := c.Status == lab.CaseClosed
		if closed && c.Outcome == "lost_to_follow_up" {
			f.Lost = true
		}
		if !closed || c.Outcome == "lost_to_follow_up" {
			f.Completed = false
		}
		for _, m := range r.Members[c.ID] {
			if !own[m.SampleID] && (m.Kind == lab.KindRetest || m.Kind == lab.KindRedraw) && m.Status == lab.SampleReleased {
				f.RetestDone = true
			}
		}
	}
	f.RetestAdvised = tube != nil && lab.SuggestedNextAction(lab.CaseFindings(findings)) == lab.ActionRetest
	if !f.RetestAdvised {
		f.RetestDone = false
	}
	return f
}
