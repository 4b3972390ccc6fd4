package loadgen

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"torchlab/lab"
)

// Each woman's way through the programme: registration, bookings, her
// samples and results, and the follow-up case of an abnormal one.

// NationalID returns the ID number of seeded client i (from 0): unique for
// up to 45 million women, valid, female.
func NationalID(i int) string {
	const births = 9000 // days from 1980-01-01
	birth := lab.Date("1980-01-01").AddDays(i % births)
	seq := 2 * ((i / births) % 500)
	return lab.MakeNationalID(regions[(i/(births*500))%len(regions)], birth, seq)
}

func (g *gen) pick(p []float64) int {
	x := g.rng.Float64()
	for i, q := range p {
		if x < q {
			return i
		}
		x -= q
	}
	return len(p) - 1
}

func (g *gen) between(a, b time.Duration) time.Duration {
	if b <= a {
		return a
	}
	return a + time.Duration(g.rng.Int64N(int64(b-a)))
}

func (g *gen) audit(at time.Time, actor int64, action, entity, entityID string, changes any) {
	var body any
	if changes != nil {
		b, _ := json.Marshal(changes)
		body = string(b)
	}
	var who any
	if actor != 0 {
		who = actor
	}
	g.t["audit_log"].add(at, who, g.names[actor], action, entity, entityID, "10.0.0.1", "seed", body)
	g.sum.AuditRows++
}

// Journeys: where a woman stands, with their shares.
const (
	jRegistered  = iota // registered, never booked: the pool the load tool books
	jBookedAhead        // booked into a slot ahead
	jCancelled          // a past booking cancelled or missed
	jCollected          // drawn, the tube not at the lab yet
	jReceived           // at the lab, waiting for results
	jResulted           // results in, waiting for verification
	jRejected           // tube rejected, redraw requested
	jReleased           // released
)

var journeyShares = []float64{0.10, 0.03, 0.02, 0.01, 0.03, 0.01, 0.005, 0.795}

func (g *gen) client(i int) {
	cfg := g.cfg
	now := cfg.Now
	id := g.id("clients")
	station := 1 + i%cfg.Stations
	nurse := g.nurses[station-1][g.rng.IntN(len(g.nurses[station-1]))]
	journey := g.pick(journeyShares)

	// When her appointment was (journeys in the past), and so when she
	// was registered.
	var apDay lab.Date
	var apSlot int
	dayIdx := 0
	switch journey {
	case jRegistered:
	case jBookedAhead:
		dayIdx = g.rng.IntN(cfg.FutureDays)
		apDay = g.today.AddDays(1 + dayIdx)
	case jCollected:
		dayIdx = cfg.HistoryDays - 1 // yesterday
	case jReceived, jResulted:
		dayIdx = cfg.HistoryDays - 1 - g.rng.IntN(min(3, cfg.HistoryDays))
	case jRejected:
		dayIdx = cfg.HistoryDays - 1 - g.rng.IntN(min(20, cfg.HistoryDays))
	default:
		dayIdx = g.rng.IntN(max(1, cfg.HistoryDays-3))
	}
	apSlot = g.rng.IntN(len(slotTimes))
	if journey != jRegistered && journey != jBookedAhead {
		apDay = g.today.AddDays(-cfg.HistoryDays + dayIdx)
	}
	var reg time.Time
	if journey == jRegistered {
		reg = now.Add(-g.between(time.Hour, time.Duration(cfg.HistoryDays)*24*time.Hour))
	} else {
		ref := g.slotStart(apDay, apSlot)
		if journey == jBookedAhead {
			ref = now
		}
		reg = ref.Add(-g.between(time.Hour, 10*24*time.Hour))
	}
	reg = reg.Truncate(time.Microsecond)

	cat := []lab.Category{lab.Newlywed, lab.Planning, lab.Pregnant}[g.pick([]float64{0.40, 0.45, 0.15})]
	var lmp *lab.Date
	if cat == lab.Pregnant {
		ref := apDay
		if journey == jRegistered {
			ref = g.today
		}
		// 4 to 11 weeks pregnant on her appointment day (or today).
		d := ref.AddDays(-(28 + g.rng.IntN(50)))
		if journey == jRegistered || d.After(lab.DateOf(reg.In(g.loc))) {
			d = lab.DateOf(reg.In(g.loc)).AddDays(-(28 + g.rng.IntN(20)))
		}
		lmp = &d
	}
	consent := journey != jRegistered || g.rng.Float64() < 0.98
	number := NationalID(i)
	name := surnames[g.rng.IntN(len(surnames))] + givenNames[g.rng.IntN(len(givenNames))]
	phone := fmt.Sprintf("13%d%08d", 5+i%5, (i*7919+13)%100000000)
	var consentVersion string
	var consentBy, consentAt any
	if consent {
		consentVersion, consentBy, consentAt = "v1", nurse, reg
	}
	g.t["clients"].add(id, int64(station), name, g.seal.SealNationalID(number), g.seal.NationalIDHash(number),
		lab.MaskNationalID(number), lab.Date(birthOf(number)), phone, fmt.Sprintf("示范市第%d区幸福路%d号", station, 1+i%997),
		string(cat), lmp, consent, consentVersion, consentBy, consentAt, nurse, reg, reg)
	for _, t := range lab.ClientTerms(&lab.Client{ID: id, StationID: int64(station), Name: name, Phone: phone}) {
		g.t["client_terms"].add(t.StationID, t.Field, t.Term, t.ClientID)
	}
	g.audit(reg, nurse, "client.register", "client", strconv.FormatInt(id, 10), map[string]any{
		"station_id": station, "national_id": lab.MaskNationalID(number), "category": cat,
		"consent_given": consent, "consent_text_version": consentVersion})
	// Her pregnancy and vaccination, once her screen is known (released,
	// with its findings, or not).
	var screen *screenOutcome
	defer func() { g.pregnancies(id, station, nurse, reg, lmp, screen) }()
	if journey == jRegistered {
		return
	}

	// The appointment.
	apID := g.id("appointments")
	var slotID int64
	if journey == jBookedAhead {
		slotID = g.futureSlot(station, dayIdx, apSlot)
	} else {
		slotID = g.pastSlot(station, dayIdx, apSlot, journey != jCancelled)
	}
	starts := g.slotStart(apDay, apSlot)
	booked := reg.Add(g.between(time.Minute, 30*time.Minute))
	status, open := lab.Booked, any(id)
	var checkedIn, collected, closed any
	cancelReason := ""
	switch {
	case journey == jBookedAhead:
	case journey == jCancelled:
		open = nil
		if g.rng.IntN(2) == 0 {
			status, closed, cancelReason = lab.Cancelled, starts.Add(-g.between(time.Hour, 48*time.Hour)), "她要求改期"
		} else {
			status, closed = lab.NoShow, apDay.AddDays(1).Time(g.loc).UTC()
		}
	default:
		status, open = lab.Collected, nil
		ci := starts.Add(g.between(0, 30*time.Minute))
		checkedIn, collected = ci, ci.Add(g.between(5*time.Minute, 20*time.Minute))
	}
	updated := booked
	for _, t := range []any{checkedIn, collected, closed} {
		if t != nil {
			updated = t.(time.Time)
		}
	}
	g.t["appointments"].add(apID, id, int64(station), slotID, string(status), string(lab.KindScreening), apDay,
		string(cat), lmp, nil, nil, open, nurse, booked, checkedIn, collected, closed, cancelReason, updated)
	g.sum.Appointments++
	g.audit(booked, nurse, "appointment.book", "appointment", strconv.FormatInt(apID, 10), map[string]any{
		"client_id": id, "slot_id": slotID, "date": apDay, "start": slotTimes[apSlot], "kind": lab.KindScreening, "category": cat})
	if collected == nil {
		return
	}
	screen = g.sample(id, station, apID, nurse, journey, collected.(time.Time), cat == lab.Pregnant)
}

func birthOf(number string) string {
	return number[6:10] + "-" + number[10:12] + "-" + number[12:14]
}

// sample draws her screening tube and takes it as far as her journey
// goes; a released one returns its findings.
func (g *gen) sample(clientID int64, station int, apID, nurse int64, journey int, collectedAt time.Time, pregnant bool) *screenOutcome {
	var out *screenOutcome
	now := g.cfg.Now
	smID := g.id("samples")
	g.accession++
	acc, err := lab.FormatAccession(g.accession)
	if err != nil {
		panic(err)
	}
	panel := "TORCH8"
	if g.rng.Float64() < 0.3 {
		panel = "NFPCP"
	}
	tech := g.techs[g.rng.IntN(len(g.techs))]
	verifier := g.techs[(indexOf(g.techs, tech)+1+g.rng.IntN(len(g.techs)-1))%len(g.techs)]
	ev := g.t["sample_events"]
	ev.add(smID, lab.EventCollected, collectedAt, nurse, g.names[nurse], "panel "+panel)
	g.audit(collectedAt, nurse, "sample.collect", "sample", acc, map[string]any{
		"appointment_id": apID, "client_id": clientID, "panel": panel, "kind": lab.KindScreening})
	g.sum.Samples++

	status := lab.SampleCollected
	var receivedBy, receivedAt, rejectedBy, rejectedAt, verifiedBy, releasedAt any
	reason, note := "", ""
	abnormal := false
	version := 0
	recv := collectedAt.Add(g.between(2*time.Hour, 30*time.Hour))
	if recv.After(now) {
		recv = now.Add(-time.Minute)
	}
	switch journey {
	case jCollected:
	case jRejected:
		status, rejectedBy, rejectedAt = lab.SampleRejected, tech, recv
		reason = []string{"hemolyzed", "insufficient", "unlabeled", "mislabeled", "other"}[g.pick([]float64{0.5, 0.3, 0.05, 0.05, 0.1})]
		ev.add(smID, lab.EventRejected, recv, tech, g.names[tech], reason)
		g.t["recollections"].add(g.id("recollections"), smID, clientID, int64(station), reason, "", tech, recv, nil, nil)
		g.audit(recv, tech, "sample.reject", "sample", acc, map[string]any{"reason": reason})
	default:
		status, receivedBy, receivedAt = lab.SampleReceived, tech, recv
		ev.add(smID, lab.EventReceived, recv, tech, g.names[tech], "")
	}
	updated := collectedAt
	if journey == jResulted || journey == jReleased {
		entered := recv.Add(g.between(time.Hour, 20*time.Hour))
		release := entered.Add(g.between(30*time.Minute, 6*time.Hour))
		if journey == jResulted || release.After(now) {
			journey, entered = jResulted, minTime(entered, now.Add(-time.Minute))
		}
		state := lab.ResultEntered
		if journey == jReleased {
			state = lab.ResultReleased
			status, verifiedBy, releasedAt, version = lab.SampleReleased, verifier, release, 1
			updated = release
		} else {
			status = lab.SampleResulted
			updated = entered
		}
		interp := map[string]lab.Interpretation{}
		for _, a := range g.panels[panel] {
			k := g.kits[a]
			v, in := g.value(a, k)
			interp[a] = in
			text := strconv.FormatFloat(v, 'f', 2, 64)
			lo, hi := k.lo, k.hi
			g.t["results"].add(smID, a, state, 1, v, text, "", k.unit, k.name, g.lots[a], lo, hi, string(in), tech, entered, "", nil)
			g.sum.Results++
		}
		ev.add(smID, "results_entered", entered, tech, g.names[tech], joinCodes(g.panels[panel]))
		if journey == jReleased {
			findings, ab := lab.Interpret(interp, pregnant, g.settings.RubellaDeferralDays)
			abnormal = ab
			out = &screenOutcome{CollectedAt: collectedAt, Findings: findings, Pregnant: pregnant}
			ev.add(smID, "released", release, verifier, g.names[verifier], "report version 1")
			g.audit(release, verifier, "sample.release", "sample", acc, map[string]any{"version": 1, "abnormal": ab})
			if ab {
				g.followup(smID, clientID, station, acc, release, findings)
			}
		}
	} else if receivedAt != nil {
		updated = recv
	} else if rejectedAt != nil {
		updated = recv
	}
	g.t["samples"].add(smID, acc, clientID, apID, int64(station), panel, string(lab.KindScreening), string(status),
		nurse, collectedAt, nil, receivedBy, receivedAt, rejectedBy, rejectedAt, reason, note, 1, updated, version,
		abnormal, verifiedBy, releasedAt, releasedAt)
	return out
}

func indexOf(xs []int64, x int64) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return 0
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func joinCodes(cs []string) string {
	out := ""
	for i, c := range cs {
		if i > 0 {
			out += ", "
		}
		out += c
	}
	return out
}

// value draws a reading of the analyte at its positivity and returns it
// with the interpretation the kit gives it (lab.Judge, as the service does).
func (g *gen) value(analyte string, k kit) (float64, lab.Interpretation) {
	p := positivity[analyte]
	x := g.rng.Float64()
	var v float64
	switch {
	case x < p.pos:
		v = k.hi * (1.05 + 4*g.rng.Float64())
	case x < p.pos+p.eq && k.lo < k.hi:
		v = k.lo + (k.hi-k.lo)*g.rng.Float64()
	default:
		v = k.lo * 0.9 * g.rng.Float64()
	}
	v, _ = strconv.ParseFloat(strconv.FormatFloat(v, 'f', 2, 64), 64)
	return v, lab.Judge(v, k.lo, k.hi)
}

var outcomes = []string{"counseled", "vaccination_advised", "referred", "retest_normal", "declined", "other", "lost_to_follow_up"}
var outcomeShares = []float64{0.45, 0.30, 0.08, 0.05, 0.04, 0.03, 0.05}

// followup opens the case of an abnormal release and lets it run to where
// a case of its age would stand: open, in progress, overdue (escalated), or
// closed with each outcome.
func (g *gen) followup(smID, clientID int64, station int, acc string, opened time.Time, all []lab.Finding) {
	now := g.cfg.Now
	var findings []lab.Finding
	var codes []string
	for _, f := range all {
		if f.Abnormal {
			findings = append(findings, f)
			codes = append(codes, f.Code)
		}
	}
	prio := lab.HighestPriority(findings)
	hours := g.settings.DueHoursRoutine
	switch prio {
	case lab.Urgent:
		hours = g.settings.DueHoursUrgent
	case lab.High:
		hours = g.settings.DueHoursHigh
	}
	due := opened.Add(time.Duration(hours) * time.Hour)
	id := g.id("followups")
	cs := g.counselors[station-1]
	who := cs[int(id)%len(cs)]
	body, _ := json.Marshal(findings)
	ids := strconv.FormatInt(id, 10)
	evs, contacts := g.t["followup_events"], g.t["followup_contacts"]
	evs.add(id, "opened", fmt.Sprintf("%s, due %s: %s", prio, due.Format(time.RFC3339), joinCodes(codes)), opened, nil, "")
	evs.add(id, "assigned", fmt.Sprintf("to user %d", who), opened, nil, "")
	g.audit(opened, 0, "followup.open", "followup", ids, map[string]any{"sample": acc, "priority": prio, "due_at": due, "findings": codes})

	status := lab.CaseOpen
	var ack, reached, escalated, closed any
	outcome := ""
	updated := opened
	// The case keeps its latest contact, as the service writes it.
	var lastAt any
	lastChannel, lastResult := "", ""
	contact := func(at time.Time, result string) {
		if at.After(now) {
			at = now.Add(-2 * time.Minute)
		}
		contacts.add(id, "phone", result, "", nil, at, who, g.names[who])
		lastAt, lastChannel, lastResult = at, "phone", result
		evs.add(id, "contact", "phone: "+result, at, who, g.names[who])
		updated = at
	}
	overdueNow := now.After(due)
	x := g.rng.Float64()
	switch {
	case !overdueNow && x < 0.5:
		// Open, maybe seen.
		if g.rng.IntN(2) == 0 {
			ack = opened.Add(g.between(time.Minute, min(now.Sub(opened), 4*time.Hour)))
		}
	case !overdueNow:
		status = lab.CaseInProgress
		at := opened.Add(g.between(time.Minute, now.Sub(opened)))
		ack = at
		if g.rng.IntN(2) == 0 {
			contact(at, "reached")
			reached = at
		} else {
			contact(at, "no_answer")
		}
	case x < 0.07:
		// Overdue: nobody reached, escalated once by the job.
		status = lab.CaseInProgress
		if g.rng.IntN(2) == 0 {
			status = lab.CaseOpen
		} else {
			contact(opened.Add(g.between(time.Hour, due.Sub(opened))), "no_answer")
		}
		esc := due.Add(5 * time.Minute)
		if esc.Before(now) {
			escalated = esc
			evs.add(id, "escalated", "overdue by 5m0s", esc, nil, "")
			for _, a := range g.admins {
				g.t["notifications"].add(a, string(lab.NotifyOverdue), id, smID,
					fmt.Sprintf("a %s case is overdue by 5m0s with nobody reached", prio), esc, nil)
			}
		}
	case x < 0.12:
		status = lab.CaseInProgress
		at := opened.Add(g.between(time.Hour, due.Sub(opened)))
		ack = at
		contact(at, "reached")
		reached = at
	default:
		status = lab.CaseClosed
		outcome = outcomes[g.pick(outcomeShares)]
		at := opened.Add(g.between(time.Hour, due.Sub(opened)/2))
		ack = at
		if outcome == "lost_to_follow_up" {
			for k := 0; k < 3; k++ {
				contact(at.Add(time.Duration(k)*26*time.Hour), []string{"no_answer", "wrong_number"}[g.rng.IntN(2)])
			}
			at = at.Add(2*26*time.Hour + time.Hour)
		} else {
			for k := g.rng.IntN(3); k > 0; k-- {
				contact(at, "no_answer")
				at = at.Add(g.between(2*time.Hour, 20*time.Hour))
			}
			contact(at, "reached")
			reached = at
		}
		c := at.Add(g.between(10*time.Minute, 48*time.Hour))
		if c.After(now) {
			c = now.Add(-time.Minute)
		}
		closed, updated = c, c
		evs.add(id, "closed", outcome, c, who, g.names[who])
		g.audit(c, who, "followup.close", "followup", ids, map[string]any{"outcome": outcome})
	}
	var read any
	if status != lab.CaseOpen {
		read = updated
	}
	g.t["notifications"].add(who, string(lab.NotifyAssigned), id, smID,
		fmt.Sprintf("a new %s follow-up case, due %s", prio, due.Format(time.RFC3339)), opened, read)
	// Her one open case carries her id; reaching her gives the case its
	// next contact within the routine due time, as the service does when
	// the counselor chooses none.
	var open any
	if status != lab.CaseClosed {
		open = clientID
	}
	caseDue := due
	if at, ok := reached.(time.Time); ok && status != lab.CaseClosed {
		caseDue = lab.Today(at, g.loc).AddDays((g.settings.DueHoursRoutine + 23) / 24).AddDays(1).Time(g.loc).UTC()
		evs.add(id, "next_action", "contact due "+string(lab.DateOf(caseDue.Add(-time.Second).In(g.loc)))+": reached with no next action chosen", at, who, g.names[who])
	}
	dueOn := lab.DateOf(caseDue.Add(-time.Microsecond).In(g.loc))
	if caseDue.Equal(due) {
		dueOn = lab.DateOf(due.In(g.loc))
	}
	g.t["followups"].add(id, smID, acc, clientID, int64(station), string(status), string(prio), string(body), caseDue, who,
		ack, reached, escalated, outcome, "", opened, closed, updated, lastAt, lastChannel, lastResult,
		open, string(lab.ActionContact), dueOn, due)
	g.t["followup_samples"].add(id, smID, opened)
	g.sum.Followups++
}
