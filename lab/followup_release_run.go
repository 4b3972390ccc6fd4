package lab

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"torchlab/migrations"
)

// releaseRun is one release's work once planRelease has decided it: what
// was read before any write (readRelease), the release's event, and the
// batch its writes join, sent with the COMMIT (write_batch.go). The
// follow-up workflow and the report-ready message are part of it, so
// that what a release causes commits with it.
type releaseRun struct {
	ctx context.Context
	tx  *txDB
	b   *writeBatch
	rd  *releaseRead
	ev  ReleaseEvent
}

// followUpRelease is what a release does to the woman's follow-up
// (domain.md §0, Follow-up). A case is the woman's episode: she has one
// open case at most, and every sample of hers released while it is open
// adds to it.
//
//   - No open case: an abnormal release opens one (an amendment whose
//     sample's closed case already covers its findings only notes it
//     there).
//   - The newest sample of her open case, or a newer one (a retest, a
//     redraw): the case's findings, priority and next action follow its
//     interpretation, and her counselor is told.
//   - An earlier sample of hers amended or released late: the case notes
//     it, and takes a more pressing priority from it, but its findings
//     stay those of her newest sample.
func (s *Service) followUpRelease(r *releaseRun) error {
	open, err := s.lockOpenCase(r)
	if err != nil {
		return err
	}
	if err := s.retestOfClosedCase(r, open); err != nil {
		return err
	}
	if open == nil {
		return s.releaseWithoutOpenCase(r)
	}
	switch {
	case open.newest && open.member:
		return s.caseSampleAmended(r, open)
	case open.newest:
		return s.joinCase(r, open)
	default:
		return s.earlierSampleReleased(r, open)
	}
}

// lockedCase is her open case under its row lock: whether the sample is
// already one of its samples, whether it is the newest of them by
// collection (or newer than all), its station's zone, and whether its
// counselor is active.
type lockedCase struct {
	c              *Followup
	member, newest bool
	loc            *time.Location
	assigneeActive bool
}

// lockOpenCase locks her open case by its primary key (a record lock: a
// locking read of a missing open marker would take gap locks on MySQL
// that deadlock other women's releases) and reads what the release needs
// of it, in one round trip. A case closed meanwhile counts as none.
func (s *Service) lockOpenCase(r *releaseRun) (*lockedCase, error) {
	id := r.rd.OpenCaseID
	if id == 0 {
		return nil, nil
	}
	lock := ""
	if s.db.Dialect == migrations.MySQL {
		lock = " FOR UPDATE"
	}
	var cases []Followup
	var standing []struct {
		SampleID    int64
		CollectedAt time.Time
	}
	var zones []string
	var active []int64
	err := readAll(r.tx, s.batching(),
		into(&cases, "SELECT * FROM followups WHERE id = ?"+lock, id),
		into(&standing, `SELECT followup_samples.sample_id, samples.collected_at FROM followup_samples
			JOIN samples ON samples.id = followup_samples.sample_id WHERE followup_samples.followup_id = ?`, id),
		into(&zones, "SELECT stations.timezone FROM stations JOIN followups ON followups.station_id = stations.id WHERE followups.id = ?", id),
		into(&active, "SELECT COUNT(*) FROM users JOIN followups ON followups.assignee_id = users.id WHERE followups.id = ? AND users.active = ?", id, true))
	if err != nil {
		return nil, err
	}
	if len(cases) == 0 || cases[0].Status == CaseClosed || len(zones) == 0 {
		return nil, nil
	}
	lc := &lockedCase{c: &cases[0], newest: true, loc: location(zones[0]), assigneeActive: len(active) == 1 && active[0] == 1}
	sm := r.ev.Sample
	for _, row := range standing {
		if row.SampleID == sm.ID {
			lc.member = true
			continue
		}
		if row.CollectedAt.After(sm.CollectedAt) {
			lc.newest = false
		}
	}
	return lc, nil
}

// releaseWithoutOpenCase opens a case for an abnormal release of a woman
// with none open. An amendment of a sample whose case was closed opens a
// new one only when it is more pressing than that case was; otherwise the
// counselor's outcome stands and the amendment is on its timeline.
func (s *Service) releaseWithoutOpenCase(r *releaseRun) error {
	ev := r.ev
	if !ev.Abnormal {
		return nil
	}
	if closed := r.rd.SampleCase; ev.PreviousAbnormal && closed != nil &&
		!HighestPriority(abnormalOnly(ev.Findings)).Higher(closed.Priority) {
		s.queueCaseEvent(r.ctx, r.tx, r.b, closed.ID, "findings_amended_after_close", fmt.Sprintf("report version %d", ev.Version))
		return nil
	}
	return s.openCase(r)
}

// joinCase adds a newer sample of hers (a retest, a redraw) to her open
// case: the case's findings and priority become the new sample's, she
// must be told them within the priority's time, and her counselor is
// notified.
func (s *Service) joinCase(r *releaseRun, lc *lockedCase) error {
	ev, c := r.ev, lc.c
	s.queueCaseSample(r.tx, r.b, c.ID, ev.Sample.ID)
	findings := CaseFindings(ev.Findings)
	prio := casePriority(findings)
	s.queueCaseFindings(r.tx, r.b, c, findings, prio)
	event, what := "sample_added", string(ev.Sample.Kind)
	if ev.Sample.Kind == KindRetest {
		event = "retest_released"
	}
	detail := fmt.Sprintf("%s %s, report version %d: %s", what, ev.Sample.Accession, ev.Version, codesOrNone(findings))
	s.queueCaseEvent(r.ctx, r.tx, r.b, c.ID, event, detail)
	if err := s.queueAudit(r.ctx, r.tx, r.b, "followup.sample_added", "followup", c.ID, map[string]any{
		"sample": ev.Sample.Accession, "kind": ev.Sample.Kind, "priority": prio, "findings": findingCodes(findings)}); err != nil {
		return err
	}
	s.queueContactDue(r, c, lc.loc, prio, "tell her the results of "+ev.Sample.Accession)
	typ := NotifyCaseUpdated
	if ev.Sample.Kind == KindRetest || ev.Sample.Kind == KindRedraw {
		typ = NotifyRetestReleased
	}
	return s.queueNotifyCounselor(r, c, &lc.assigneeActive, typ, fmt.Sprintf("the results of %s %s are released on her case", what, ev.Sample.Accession))
}

// caseSampleAmended applies an amendment of the case's newest sample: the
// findings follow it; when they change, she must be told within the new
// priority's time.
func (s *Service) caseSampleAmended(r *releaseRun, lc *lockedCase) error {
	ev, c := r.ev, lc.c
	findings := CaseFindings(ev.Findings)
	prio := casePriority(findings)
	changed := !slices.Equal(findingCodes(findings), findingCodes(c.Findings())) || prio != c.Priority
	detail := fmt.Sprintf("report version %d", ev.Version)
	if prio != c.Priority {
		detail += fmt.Sprintf(": priority from %s to %s", c.Priority, prio)
	}
	s.queueCaseFindings(r.tx, r.b, c, findings, prio)
	event := "findings_amended"
	if !ev.Abnormal && ev.PreviousAbnormal {
		event = "sample_turned_normal"
		detail = fmt.Sprintf("report version %d is normal; decide whether the case can close", ev.Version)
	}
	s.queueCaseEvent(r.ctx, r.tx, r.b, c.ID, event, detail)
	if !changed {
		return nil
	}
	s.queueContactDue(r, c, lc.loc, prio, "tell her the amended results")
	return s.queueNotifyCounselor(r, c, &lc.assigneeActive, NotifyCaseUpdated, "an amendment changed her case: "+detail)
}

// earlierSampleReleased notes an amendment (or a late release) of a
// sample older than the case's newest: the case's findings stay the
// newest sample's, but a more pressing priority is taken, with a contact
// due within its time.
func (s *Service) earlierSampleReleased(r *releaseRun, lc *lockedCase) error {
	ev, c := r.ev, lc.c
	if !ev.Abnormal && !ev.PreviousAbnormal {
		return nil
	}
	if !lc.member && ev.Abnormal {
		s.queueCaseSample(r.tx, r.b, c.ID, ev.Sample.ID)
	}
	abnormal := abnormalOnly(ev.Findings)
	detail := fmt.Sprintf("%s, report version %d: %s", ev.Sample.Accession, ev.Version, codesOrNone(abnormal))
	s.queueCaseEvent(r.ctx, r.tx, r.b, c.ID, "earlier_sample_amended", detail)
	prio := HighestPriority(abnormal)
	if !prio.Higher(c.Priority) {
		return nil
	}
	r.b.exec("UPDATE followups SET priority = ?, updated_at = ? WHERE id = ?", prio, r.tx.now, c.ID)
	from := c.Priority
	c.Priority = prio
	s.queueContactDue(r, c, lc.loc, prio, fmt.Sprintf("priority raised from %s to %s", from, prio))
	return s.queueNotifyCounselor(r, c, &lc.assigneeActive, NotifyCaseUpdated, "an earlier sample raised the case's priority to "+string(prio))
}

// retestOfClosedCase shows a retest's release on the case that booked it
// when that case is closed (an open one takes the retest itself).
func (s *Service) retestOfClosedCase(r *releaseRun, open *lockedCase) error {
	ev := r.ev
	if ev.RetestOf == nil || (open != nil && open.c.ID == *ev.RetestOf) {
		return nil
	}
	c := r.rd.RetestCase
	if c == nil {
		return fmt.Errorf("the case %d that booked retest %s is missing", *ev.RetestOf, ev.Sample.Accession)
	}
	s.queueCaseEvent(r.ctx, r.tx, r.b, c.ID, "retest_released", fmt.Sprintf("retest %s, report version %d", ev.Sample.Accession, ev.Version))
	return s.queueNotifyCounselor(r, c, nil, NotifyRetestReleased, "the retest's results are released")
}

// queueNotifyCounselor is notifyCounselor for a release: active tells
// whether the case's counselor is active, when the release read it (nil:
// read it now).
func (s *Service) queueNotifyCounselor(r *releaseRun, c *Followup, active *bool, typ NotificationType, message string) error {
	var to []int64
	if c.AssigneeID != nil {
		if active == nil {
			var n int64
			if err := r.tx.Model(&User{}).Where("id = ? AND active = ?", *c.AssigneeID, true).Count(&n).Error; err != nil {
				return err
			}
			yes := n == 1
			active = &yes
		}
		if *active {
			to = []int64{*c.AssigneeID}
		}
	}
	if to == nil {
		to = r.rd.Admins
	}
	return s.queueNotify(r.tx, r.b, to, typ, &c.ID, &r.ev.Sample.ID, message, nil)
}

// queueContactDue is contactDue for a release's batch.
func (s *Service) queueContactDue(r *releaseRun, c *Followup, loc *time.Location, p Priority, why string) {
	due := r.tx.now.Add(dueAfter(p, r.ev.Settings))
	dueOn := DateOf(due.In(loc))
	kind := ActionContact
	if c.NextActionKind == kind && c.DueAt.Equal(due) && c.NextActionDueOn != nil && *c.NextActionDueOn == dueOn {
		return
	}
	clear := ""
	if !c.DueAt.Equal(due) {
		clear = ", escalated_at = NULL"
		c.EscalatedAt = nil
	}
	r.b.exec("UPDATE followups SET next_action_kind = ?, next_action_due_on = ?, due_at = ?, updated_at = ?"+clear+" WHERE id = ?",
		kind, dueOn, due, r.tx.now, c.ID)
	c.NextActionKind, c.NextActionDueOn, c.DueAt = kind, &dueOn, due
	c.fillNextAction()
	s.queueCaseEvent(r.ctx, r.tx, r.b, c.ID, "next_action", fmt.Sprintf("%s due %s: %s", kind, dueOn, why))
}

// queueCaseFindings is setCaseFindings for a batch.
func (s *Service) queueCaseFindings(tx *txDB, b *writeBatch, c *Followup, findings []Finding, prio Priority) {
	body, _ := json.Marshal(findings)
	b.exec("UPDATE followups SET findings = ?, priority = ?, updated_at = ? WHERE id = ?", string(body), prio, tx.now, c.ID)
	c.FindingsJSON, c.Priority = string(body), prio
}

// queueCaseSample makes the sample one of the case's.
func (s *Service) queueCaseSample(tx *txDB, b *writeBatch, caseID, sampleID int64) {
	b.exec("INSERT INTO followup_samples (followup_id, sample_id, added_at) VALUES (?, ?, ?)", caseID, sampleID, tx.now)
}

// queueCaseEvent is caseEvent for a batch.
func (s *Service) queueCaseEvent(ctx context.Context, tx *txDB, b *writeBatch, caseID int64, event, detail string) {
	a := ActorFrom(ctx)
	b.exec("INSERT INTO followup_events (followup_id, event, detail, at, actor_id, actor_username) VALUES (?, ?, ?, ?, ?, ?)",
		caseID, event, truncate(detail, 1000), tx.now, nilIfZero(a.UserID), a.Username)
}
