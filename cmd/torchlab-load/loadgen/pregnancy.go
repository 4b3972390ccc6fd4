package loadgen

import (
	"encoding/json"
	"slices"
	"strconv"
	"time"

	"torchlab/lab"
)

// Pregnancies and rubella vaccinations, as a programme's would stand at
// Now, so that the statistics' pregnancy figures have something
// to count at every scale. The shares are typical values [unsourced],
// except the early-pregnancy reach, near the 31.5 % of the best provincial
// pilot (domain.md §1) plus the stations that do better. They draw from
// prng, apart from the rest of the seed.

// screenOutcome is a released screening tube: when it was drawn, its
// findings, and whether she was pregnant at the draw.
type screenOutcome struct {
	CollectedAt time.Time
	Findings    []lab.Finding
	Pregnant    bool
}

// Outcomes with their shares, and the days after the LMP each comes.
var (
	pregnancyOutcomes = []string{"live_birth", "stillbirth", "miscarriage", "induced_abortion", "ectopic", "unknown"}
	outcomeKindShares = []float64{0.80, 0.005, 0.12, 0.05, 0.01, 0.015}
	outcomeDays       = [][2]int{{259, 294}, {196, 280}, {42, 140}, {42, 90}, {42, 70}, {266, 294}}
)

// birthDefects are a few defects a station records (ICD-10 chapter XVII).
var birthDefects = []lab.Defect{{Code: "Q21.1", Text: "房间隔缺损"}, {Code: "Q35.9", Text: "腭裂"},
	{Code: "Q90.9", Text: "唐氏综合征"}, {Code: "Q66.0", Text: "马蹄内翻足"}}

func (g *gen) prBetween(a, b time.Duration) time.Duration {
	if b <= a {
		return a
	}
	return a + time.Duration(g.prng.Int64N(int64(b-a)))
}

func (g *gen) prPick(p []float64) int {
	x := g.prng.Float64()
	for i, q := range p {
		if x < q {
			return i
		}
		x -= q
	}
	return len(p) - 1
}

// pregnancies gives a woman her pregnancy: a woman registered pregnant
// has hers from registration; of the others with a released screen, about
// a third report one begun within ten months of it, once they know (three
// to seventeen weeks in). Half of the women advised a rubella vaccination
// who report none are vaccinated within two months of the screen.
func (g *gen) pregnancies(clientID int64, station int, nurse int64, reg time.Time, lmp *lab.Date, screen *screenOutcome) {
	now, loc := g.cfg.Now, g.loc
	var start lab.Date
	var recorded time.Time
	source := "self_report"
	switch {
	case lmp != nil:
		start, recorded, source = *lmp, reg, "registration"
	case screen != nil && g.prng.Float64() < 0.35:
		start = lab.DateOf(screen.CollectedAt.In(loc)).AddDays(g.prng.IntN(300))
		recorded = start.AddDays(21 + g.prng.IntN(100)).Time(loc).Add(g.prBetween(9*time.Hour, 17*time.Hour))
		if recorded.After(now) {
			start = "" // she does not know yet, or has not told
		}
	}
	if start == "" {
		g.vaccination(clientID, nurse, screen)
		return
	}
	recorded = recorded.Truncate(time.Microsecond)
	tasks := lab.PregnancyTasksOf(start, lab.DateOf(recorded.In(loc)), g.settings)
	id := g.id("pregnancies")
	ids := strconv.FormatInt(id, 10)
	updated := recorded
	g.audit(recorded, nurse, "pregnancy.record", "pregnancy", ids, map[string]any{"client_id": clientID,
		"lmp_date": start, "edd": lab.EDDFromLMP(start), "source": source})
	g.sum.Pregnancies++

	// The early-pregnancy contact.
	var early any
	if tasks.EarlyDueOn != nil {
		end := tasks.EarlyDueOn.AddDays(1).Time(loc)
		at := recorded.Add(g.prBetween(time.Hour, end.Sub(recorded)))
		switch x := g.prng.Float64(); {
		case at.After(now):
		case x < 0.55:
			g.t["pregnancy_contacts"].add(id, lab.TaskEarlyContact, "phone", "reached", "", at, nurse)
			early, updated = at, at
		case x < 0.8:
			g.t["pregnancy_contacts"].add(id, lab.TaskEarlyContact, "phone", "no_answer", "", at, nurse)
		}
	}

	// The outcome, recorded at the outcome follow-up for a birth, soon
	// after for an early loss; some are never recorded.
	k := g.prPick(outcomeKindShares)
	span := outcomeDays[k]
	day := start.AddDays(span[0] + g.prng.IntN(span[1]-span[0]+1))
	after := g.prBetween(3*24*time.Hour, 30*24*time.Hour)
	birth := k <= 1
	if birth || pregnancyOutcomes[k] == "unknown" {
		after = g.prBetween(42*24*time.Hour, 72*24*time.Hour)
	}
	outcomeAt := day.Time(loc).Add(after).Truncate(time.Microsecond)
	if outcomeAt.Before(recorded) {
		outcomeAt = recorded.Add(time.Hour)
	}
	open := any(clientID)
	var outcome, outcomeOn, weeks, weight, recordedAt, recordedBy any = "", nil, nil, nil, nil, nil
	defects := []lab.Defect{}
	if !outcomeAt.After(now) && day <= lab.DateOf(outcomeAt.In(loc)) && g.prng.Float64() < 0.85 {
		kind := pregnancyOutcomes[k]
		open, outcome, outcomeOn, recordedAt, recordedBy = nil, kind, day, outcomeAt, nurse
		if kind != "unknown" {
			weeks = day.DaysSince(start) / 7
		}
		if birth {
			weight = 2500 + g.prng.IntN(1500)
			if g.prng.Float64() < 0.015 {
				defects = append(defects, birthDefects[g.prng.IntN(len(birthDefects))])
			}
		}
		updated = outcomeAt
		g.audit(outcomeAt, nurse, "pregnancy.outcome", "pregnancy", ids, map[string]any{"outcome": kind, "date": day})
		g.sum.Outcomes++
	}
	if t, ok := early.(time.Time); ok && t.After(updated) {
		updated = t
	}
	body, _ := json.Marshal(defects)
	g.t["pregnancies"].add(id, clientID, int64(station), open, start, lab.EDDFromLMP(start), source, recorded, nurse,
		tasks.EarlyDueOn, early, tasks.OutcomeFrom, tasks.OutcomeDueOn, outcome, outcomeOn, weeks, weight, string(body),
		recordedAt, recordedBy, updated)
}

// vaccination records the rubella vaccination of half the women whose
// released screen advised one, within two months of it.
func (g *gen) vaccination(clientID int64, nurse int64, screen *screenOutcome) {
	if screen == nil || screen.Pregnant || g.prng.Float64() >= 0.5 {
		return
	}
	advised := false
	for _, f := range screen.Findings {
		advised = advised || slices.Contains([]string{"RUBV_SUSCEPTIBLE", "RUBV_IGG_EQUIVOCAL"}, f.Code)
	}
	if !advised {
		return
	}
	given := lab.DateOf(screen.CollectedAt.In(g.loc)).AddDays(7 + g.prng.IntN(53))
	at := given.Time(g.loc).Add(g.prBetween(9*time.Hour, 17*time.Hour)).Truncate(time.Microsecond)
	if at.After(g.cfg.Now) {
		return
	}
	g.t["vaccinations"].add(clientID, "rubella", given, true, g.settings.RubellaDeferralDays, "", at, nurse)
	g.audit(at, nurse, "client.vaccination", "client", strconv.FormatInt(clientID, 10), map[string]any{
		"vaccine": "rubella", "given_on": given, "deferral_ends_on": given.AddDays(g.settings.RubellaDeferralDays)})
	g.sum.Vaccinations++
}
