package stats

import (
	"encoding/json"
	"math"
	"slices"
	"sort"
	"time"

	"gorm.io/gorm"

	"torchlab/lab"
)

// The pregnancy figures of the summary (docs/decisions.md,
// "Statistics per woman"): what became of the tested women's pregnancies.
// Each tested woman's screen has at most one pregnancy, her first (by LMP)
// not ended before the screen's collection day: the one she carried at
// the screen, or else her next. Whether a follow-up is due depends on
// today, so a kept day holds each pending follow-up by the moment it falls
// due, and the summary counts those already past.

// OutcomeRow counts the recorded outcomes of the pregnancies of women
// whose first screen was abnormal, or normal.
type OutcomeRow struct {
	ScreeningResult string         `json:"screening_result"`
	Total           int            `json:"total"`
	Outcomes        map[string]int `json:"outcomes"`
}

// DefectRate is the births with a birth defect recorded among the births
// (live births and stillbirths), also per 10,000 births.
type DefectRate struct {
	Ratio
	Per10000 float64 `json:"per_10000"`
}

// pregnancyFacts are what one screen's pregnancy counts for.
type pregnancyFacts struct {
	// EarlyReached: she was reached about it (an early-pregnancy contact,
	// or her outcome recorded) by the end of early pregnancy. EarlyMissed:
	// it was recorded after early pregnancy (no early task). Otherwise
	// the early follow-up counts from EarlyDue, the end of its due day at
	// her pregnancy's station.
	EarlyReached, EarlyMissed bool
	EarlyDue                  time.Time
	// Outcome as recorded ("" for none yet: then it counts from
	// OutcomeDue, the end of the outcome follow-up's due day), Defect when
	// a birth defect is recorded with it.
	Outcome    string
	Defect     bool
	OutcomeDue time.Time
}

// pregnancyDay counts the pregnancies of a day's screens (of the tested
// women), kept in womenDay.
type pregnancyDay struct {
	EarlyReached int `json:"r,omitempty"`
	EarlyMissed  int `json:"m,omitempty"`
	// EarlyDue and OutcomeDue count the follow-ups not done, by the Unix
	// second their due day ends.
	EarlyDue     map[int64]int `json:"e,omitempty"`
	OutcomeKnown int           `json:"k,omitempty"`
	OutcomeDue   map[int64]int `json:"o,omitempty"`
	// Outcomes by "abnormal|normal outcome"; Unknown is those recorded as
	// unknown.
	Outcomes map[string]int `json:"x,omitempty"`
	Unknown  int            `json:"u,omitempty"`
	Births   int            `json:"b,omitempty"`
	Defects  int            `json:"d,omitempty"`
}

// birthOutcomes are the outcomes that are births.
var birthOutcomes = []string{"live_birth", "stillbirth"}

// add counts one screen's pregnancy; abnormal is her result tube's flag.
func (p *pregnancyDay) add(f *pregnancyFacts, abnormal bool) {
	switch {
	case f.EarlyReached:
		p.EarlyReached++
	case f.EarlyMissed:
		p.EarlyMissed++
	default:
		addKeyed(&p.EarlyDue, f.EarlyDue.Unix(), 1)
	}
	switch f.Outcome {
	case "":
		addKeyed(&p.OutcomeDue, f.OutcomeDue.Unix(), 1)
		return
	case "unknown":
		p.Unknown++
	default:
		p.OutcomeKnown++
	}
	addCount(&p.Outcomes, screeningResult(abnormal)+" "+f.Outcome, 1)
	if slices.Contains(birthOutcomes, f.Outcome) {
		p.Births++
		p.Defects += flag(f.Defect)
	}
}

func (p *pregnancyDay) merge(o *pregnancyDay, sign int) {
	p.EarlyReached += sign * o.EarlyReached
	p.EarlyMissed += sign * o.EarlyMissed
	for k, n := range o.EarlyDue {
		addKeyed(&p.EarlyDue, k, sign*n)
	}
	p.OutcomeKnown += sign * o.OutcomeKnown
	for k, n := range o.OutcomeDue {
		addKeyed(&p.OutcomeDue, k, sign*n)
	}
	for k, n := range o.Outcomes {
		addCount(&p.Outcomes, k, sign*n)
	}
	p.Unknown += sign * o.Unknown
	p.Births += sign * o.Births
	p.Defects += sign * o.Defects
}

func addKeyed(m *map[int64]int, k int64, n int) {
	if *m == nil {
		*m = map[int64]int{}
	}
	(*m)[k] += n
}

// dueBy sums the counts of the moments at or before now.
func dueBy(m map[int64]int, now time.Time) int {
	n := 0
	for k, c := range m {
		if k <= now.Unix() {
			n += c
		}
	}
	return n
}

func screeningResult(abnormal bool) string {
	if abnormal {
		return "abnormal"
	}
	return "normal"
}

// setPregnancies fills the summary's pregnancy figures from the range's
// counts, judged at now.
func (sum *Summary) setPregnancies(p *pregnancyDay, now time.Time) {
	sum.EarlyPregnancyFollowup = ratioOf(p.EarlyReached, p.EarlyReached+p.EarlyMissed+dueBy(p.EarlyDue, now))
	recorded := p.OutcomeKnown + p.Unknown
	sum.OutcomeFollowup = ratioOf(p.OutcomeKnown, recorded+dueBy(p.OutcomeDue, now))
	sum.OutcomesByScreeningResult = outcomeRows(p.Outcomes)
	sum.BirthDefects = defectRate(p.Defects, p.Births)
}

// outcomeRows are the two rows of outcomes_by_screening_result, abnormal
// first, each with every outcome.
func outcomeRows(m map[string]int) []OutcomeRow {
	out := []OutcomeRow{}
	for _, r := range []string{"abnormal", "normal"} {
		row := OutcomeRow{ScreeningResult: r, Outcomes: map[string]int{}}
		for _, o := range lab.PregnancyOutcomes() {
			n := m[r+" "+o]
			row.Outcomes[o] = n
			row.Total += n
		}
		out = append(out, row)
	}
	return out
}

// defectRate is n of d births, with the rate per 10,000 rounded to 2
// places (0 for no births).
func defectRate(n, d int) DefectRate {
	r := DefectRate{Ratio: ratioOf(n, d)}
	if d > 0 {
		r.Per10000 = math.Round(float64(n)/float64(d)*1e6) / 100
	}
	return r
}

// statPregnancy is a pregnancy as the statistics read it.
type statPregnancy struct {
	ID                int64
	ClientID          int64
	StationID         int64
	LMPDate           lab.Date
	EarlyDueOn        *lab.Date
	EarlyContactedAt  *time.Time
	OutcomeDueOn      lab.Date
	Outcome           string
	OutcomeOn         *lab.Date
	Defects           string
	OutcomeRecordedAt *time.Time
}

// screenPregnancies finds the pregnancy of each tested screen among recs
// (by screening sample id) and judges it: her first pregnancy by LMP (then
// id) whose outcome, if recorded, is not before the screening tube's
// collection day at its station.
func screenPregnancies(db *gorm.DB, recs map[int64]*screenRecord, facts map[int64]*screenFacts, locs map[int64]*time.Location) (map[int64]*pregnancyFacts, error) {
	clientSet := map[int64]bool{}
	for id, rec := range recs {
		if f := facts[id]; f != nil && f.Tested {
			clientSet[rec.Tubes[0].ClientID] = true
		}
	}
	clients := make([]int64, 0, len(clientSet))
	for c := range clientSet {
		clients = append(clients, c)
	}
	sort.Slice(clients, func(i, j int) bool { return clients[i] < clients[j] })
	byClient := map[int64][]statPregnancy{}
	for _, chunk := range lab.Chunks(clients, lab.InListMax) {
		var ps []statPregnancy
		if err := db.Table("pregnancies").Select("id, client_id, station_id, lmp_date, early_due_on, early_contacted_at, "+
			"outcome_due_on, outcome, outcome_on, defects, outcome_recorded_at").
			Where("client_id IN ?", chunk).Scan(&ps).Error; err != nil {
			return nil, err
		}
		for _, p := range ps {
			byClient[p.ClientID] = append(byClient[p.ClientID], p)
		}
	}
	for _, ps := range byClient {
		sort.Slice(ps, func(i, j int) bool {
			if ps[i].LMPDate != ps[j].LMPDate {
				return ps[i].LMPDate < ps[j].LMPDate
			}
			return ps[i].ID < ps[j].ID
		})
	}
	zone := func(station int64) *time.Location {
		if loc := locs[station]; loc != nil {
			return loc
		}
		return time.UTC
	}
	out := map[int64]*pregnancyFacts{}
	for id, rec := range recs {
		if f := facts[id]; f == nil || !f.Tested {
			continue
		}
		screen := rec.Tubes[0]
		day := lab.DateOf(screen.CollectedAt.In(zone(screen.StationID)))
		for _, p := range byClient[screen.ClientID] {
			if p.Outcome != "" && p.OutcomeOn != nil && *p.OutcomeOn < day {
				continue
			}
			out[id] = judgePregnancy(&p, zone(p.StationID))
			break
		}
	}
	return out, nil
}

// judgePregnancy reads a pregnancy's facts; loc is its station's zone.
func judgePregnancy(p *statPregnancy, loc *time.Location) *pregnancyFacts {
	f := &pregnancyFacts{Outcome: p.Outcome, OutcomeDue: p.OutcomeDueOn.AddDays(1).Time(loc)}
	if p.EarlyDueOn == nil {
		f.EarlyMissed = true
	} else {
		f.EarlyDue = p.EarlyDueOn.AddDays(1).Time(loc)
		for _, at := range []*time.Time{p.EarlyContactedAt, p.OutcomeRecordedAt} {
			if at != nil && at.Before(f.EarlyDue) {
				f.EarlyReached = true
			}
		}
	}
	if p.Outcome != "" {
		var ds []lab.Defect
		_ = json.Unmarshal([]byte(p.Defects), &ds)
		f.Defect = len(ds) > 0
	}
	return f
}

// pregnancyScreensChangedSince lists the screening samples of the women
// whose pregnancies changed since the time (recorded, an early contact
// that reached her, an outcome recorded or corrected: each sets the
// pregnancy's updated_at): the kept statistics make their days again.
func pregnancyScreensChangedSince(db *gorm.DB, since time.Time) ([]int64, error) {
	var clients []int64
	if err := db.Table("pregnancies").Where("updated_at >= ?", since).Distinct().Pluck("client_id", &clients).Error; err != nil {
		return nil, err
	}
	return screensOfClients(db, clients)
}

// screensOfClients lists the women's screening samples.
func screensOfClients(db *gorm.DB, clients []int64) ([]int64, error) {
	var out []int64
	for _, chunk := range lab.Chunks(clients, lab.InListMax) {
		var ids []int64
		if err := db.Table("samples").Where("client_id IN ? AND kind = ?", chunk, lab.KindScreening).Pluck("id", &ids).Error; err != nil {
			return nil, err
		}
		out = append(out, ids...)
	}
	return out, nil
}
