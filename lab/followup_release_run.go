package lab

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
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
		s.queueCaseEvent(r.ctx, r.b, closed.ID, "findings_amended_after_close", fmt.Sprintf("report version %d", ev.Version))
		return nil
	}
	return s.openCase(r)
}

// openCase opens her case for an abnormal release and assigns it. Her
// first contact is due within the priority's time. The case's rows join
// the batch, naming the case by her open marker (newCase); only where a
// webhook's body must name the case by its id is its row written at once.
func (s *Service) openCase(r *releaseRun) error {
	ev := r.ev
	findings := caseFindings(ev.Findings)
	prio := casePriority(findings)
	body, _ := json.Marshal(findings)
	loc := r.rd.Station.Location()
	now := s.now()
	due := now.Add(dueAfter(prio, ev.Settings))
	dueOn := DateOf(due.In(loc))
	client := ev.Sample.ClientID
	c := Followup{SampleID: ev.Sample.ID, Accession: ev.Sample.Accession, ClientID: client, StationID: ev.Sample.StationID,
		Status: CaseOpen, Priority: prio, FindingsJSON: string(body), DueAt: due, OpenedAt: now, UpdatedAt: now,
		OpenClientID: &client, NextActionKind: ActionContact, NextActionDueOn: &dueOn, FirstDueAt: &due}
	ref := newCase{client: client}
	if len(s.opts.WebhookRecipients) > 0 {
		if err := r.tx.Create(&c).Error; err != nil {
			if isDuplicate(err) {
				return errOpenCaseRace
			}
			return err
		}
		ref.known = c.ID
	} else {
		queueFollowup(r.b, &c)
	}
	id, idArg := ref.id()
	r.b.exec("INSERT INTO followup_samples (followup_id, sample_id, added_at) VALUES ("+id+", ?, ?)", idArg, ev.Sample.ID, now)
	codes := findingCodes(findings)
	s.queueNewCaseEvent(r, ref, "opened", fmt.Sprintf("%s, due %s: %s", prio, c.DueAt.Format(time.RFC3339), strings.Join(codes, ", ")))
	e, err := s.auditRow(r.ctx, "followup.open", "followup", "", map[string]any{
		"sample": ev.Sample.Accession, "priority": prio, "due_at": c.DueAt, "findings": codes})
	if err != nil {
		return err
	}
	entity, entityArg := ref.key()
	r.b.exec(`INSERT INTO audit_log (`+auditColumns+`) VALUES (?, ?, ?, ?, ?, `+entity+`, ?, ?, ?)`,
		e.At, e.ActorID, e.ActorUsername, e.Action, e.Entity, entityArg, e.IP, e.RequestID, e.Changes)
	return s.assignOnRelease(r, &c, ref)
}

// newCase names the case a release opens in its batch's SQL: by its id
// when it is known, else by her open marker (open_client_id, unique),
// for its id is made by the COMMIT's query.
type newCase struct {
	client int64
	known  int64
}

// id is the SQL of the case's id and its argument.
func (n newCase) id() (string, any) {
	if n.known != 0 {
		return "?", n.known
	}
	return "(SELECT id FROM followups WHERE open_client_id = ?)", n.client
}

// key is the SQL of the case's id as an audit row's entity id.
func (n newCase) key() (string, any) {
	if n.known != 0 {
		return "?", strconv.FormatInt(n.known, 10)
	}
	return "(SELECT CAST(id AS CHAR) FROM followups WHERE open_client_id = ?)", n.client
}

// where is the condition that picks the case's row in an UPDATE of
// followups (MySQL reads no subquery of the table it updates).
func (n newCase) where() (string, any) {
	if n.known != 0 {
		return "id = ?", n.known
	}
	return "open_client_id = ?", n.client
}

// followupInsertColumns are the columns queueFollowup writes: every
// column of Followup but its id (a test holds the list to the model).
const followupInsertColumns = `sample_id, client_id, station_id, status, priority, findings, due_at, assignee_id,
	acknowledged_at, reached_at, escalated_at, outcome, close_note, opened_at, closed_at, updated_at, sample_accession,
	last_contact_at, last_contact_channel, last_contact_result, open_client_id, next_action_kind, next_action_due_on, first_due_at`

// queueFollowup queues a new case's INSERT.
func queueFollowup(b *writeBatch, c *Followup) {
	b.exec(`INSERT INTO followups (`+followupInsertColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.SampleID, c.ClientID, c.StationID, c.Status, c.Priority, c.FindingsJSON, c.DueAt, c.AssigneeID,
		c.AcknowledgedAt, c.ReachedAt, c.EscalatedAt, c.Outcome, c.CloseNote, c.OpenedAt, c.ClosedAt, c.UpdatedAt, c.Accession,
		c.LastContactAt, c.LastContactChannel, c.LastContactResult, c.OpenClientID, c.NextActionKind, c.NextActionDueOn, c.FirstDueAt)
}

// assignOnRelease is assign for a case a release opened: the counselor
// the release's read chose is locked and checked again, and the choice
// made afresh (pickCounselor) if she left meanwhile.
func (s *Service) assignOnRelease(r *releaseRun, c *Followup, ref newCase) error {
	who := r.rd.Counselor
	if who != 0 {
		lock := ""
		if s.db.Dialect == migrations.MySQL {
			lock = " FOR UPDATE"
		}
		var ids []int64
		if err := readAll(r.tx, false, into(&ids, "SELECT id FROM users WHERE id = ? AND role = ? AND active = ? AND station_id = ?"+lock,
			who, RoleCounselor, true, c.StationID)); err != nil {
			return err
		}
		if len(ids) == 0 {
			var err error
			if who, err = pickCounselor(r.tx, c.StationID, 0); err != nil {
				return err
			}
		}
	}
	where, whereArg := ref.where()
	if who == 0 {
		r.b.exec("UPDATE followups SET assignee_id = NULL WHERE "+where, whereArg)
		c.AssigneeID = nil
		s.queueNewCaseEvent(r, ref, "unassigned", "no active counselor at the station")
		return s.queueNewCaseNotify(r, ref, r.rd.Admins, NotifyUnassigned, c,
			fmt.Sprintf("a %s case has no counselor: the station has no active counselor", c.Priority),
			map[string]any{"priority": c.Priority, "station_id": c.StationID})
	}
	r.b.exec("UPDATE followups SET assignee_id = ?, acknowledged_at = NULL WHERE "+where, who, whereArg)
	c.AssigneeID = &who
	s.queueNewCaseEvent(r, ref, "assigned", fmt.Sprintf("to user %d", who))
	return s.queueNewCaseNotify(r, ref, []int64{who}, NotifyAssigned, c,
		fmt.Sprintf("a new %s follow-up case, due %s", c.Priority, c.DueAt.Format(time.RFC3339)),
		map[string]any{"priority": c.Priority, "due_at": c.DueAt, "station_id": c.StationID})
}

// queueNewCaseEvent is queueCaseEvent for the case a release opens.
func (s *Service) queueNewCaseEvent(r *releaseRun, ref newCase, event, detail string) {
	a := ActorFrom(r.ctx)
	id, idArg := ref.id()
	r.b.exec("INSERT INTO followup_events (followup_id, event, detail, at, actor_id, actor_username) VALUES ("+id+", ?, ?, ?, ?, ?)",
		idArg, event, truncate(detail, 1000), s.now(), nilIfZero(a.UserID), a.Username)
}

// queueNewCaseNotify is queueNotify for the case a release opens (whose
// outbox rows, if any, name it by its id: openCase knows it then).
func (s *Service) queueNewCaseNotify(r *releaseRun, ref newCase, users []int64, typ NotificationType, c *Followup, message string, extra map[string]any) error {
	if ref.known != 0 {
		return s.queueNotify(r.b, users, typ, &ref.known, &c.SampleID, message, extra)
	}
	ns, _, err := s.notifications(users, typ, nil, &c.SampleID, message, extra)
	if err != nil {
		return err
	}
	id, idArg := ref.id()
	for _, n := range ns {
		r.b.exec(`INSERT INTO notifications (user_id, type, followup_id, sample_id, client_id, pregnancy_id, message, created_at)
			VALUES (?, ?, `+id+`, ?, ?, ?, ?, ?)`, n.UserID, n.Type, idArg, n.SampleID, n.ClientID, n.PregnancyID, n.Message, n.CreatedAt)
	}
	return nil
}

// joinCase adds a newer sample of hers (a retest, a redraw) to her open
// case: the case's findings and priority become the new sample's, she
// must be told them within the priority's time, and her counselor is
// notified.
func (s *Service) joinCase(r *releaseRun, lc *lockedCase) error {
	ev, c := r.ev, lc.c
	s.queueCaseSample(r.b, c.ID, ev.Sample.ID)
	findings := caseFindings(ev.Findings)
	prio := casePriority(findings)
	s.queueCaseFindings(r.b, c, findings, prio)
	event, what := "sample_added", string(ev.Sample.Kind)
	if ev.Sample.Kind == KindRetest {
		event = "retest_released"
	}
	detail := fmt.Sprintf("%s %s, report version %d: %s", what, ev.Sample.Accession, ev.Version, codesOrNone(findings))
	s.queueCaseEvent(r.ctx, r.b, c.ID, event, detail)
	if err := s.queueAudit(r.ctx, r.b, "followup.sample_added", "followup", c.ID, map[string]any{
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
	findings := caseFindings(ev.Findings)
	prio := casePriority(findings)
	changed := !slices.Equal(findingCodes(findings), findingCodes(c.Findings())) || prio != c.Priority
	detail := fmt.Sprintf("report version %d", ev.Version)
	if prio != c.Priority {
		detail += fmt.Sprintf(": priority from %s to %s", c.Priority, prio)
	}
	s.queueCaseFindings(r.b, c, findings, prio)
	event := "findings_amended"
	if !ev.Abnormal && ev.PreviousAbnormal {
		event = "sample_turned_normal"
		detail = fmt.Sprintf("report version %d is normal; decide whether the case can close", ev.Version)
	}
	s.queueCaseEvent(r.ctx, r.b, c.ID, event, detail)
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
		s.queueCaseSample(r.b, c.ID, ev.Sample.ID)
	}
	abnormal := abnormalOnly(ev.Findings)
	detail := fmt.Sprintf("%s, report version %d: %s", ev.Sample.Accession, ev.Version, codesOrNone(abnormal))
	s.queueCaseEvent(r.ctx, r.b, c.ID, "earlier_sample_amended", detail)
	prio := HighestPriority(abnormal)
	if !prio.Higher(c.Priority) {
		return nil
	}
	r.b.exec("UPDATE followups SET priority = ?, updated_at = ? WHERE id = ?", prio, s.now(), c.ID)
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
	s.queueCaseEvent(r.ctx, r.b, c.ID, "retest_released", fmt.Sprintf("retest %s, report version %d", ev.Sample.Accession, ev.Version))
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
	return s.queueNotify(r.b, to, typ, &c.ID, &r.ev.Sample.ID, message, nil)
}

// queueContactDue is contactDue for a release's batch.
func (s *Service) queueContactDue(r *releaseRun, c *Followup, loc *time.Location, p Priority, why string) {
	due := s.now().Add(dueAfter(p, r.ev.Settings))
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
		kind, dueOn, due, s.now(), c.ID)
	c.NextActionKind, c.NextActionDueOn, c.DueAt = kind, &dueOn, due
	c.fillNextAction()
	s.queueCaseEvent(r.ctx, r.b, c.ID, "next_action", fmt.Sprintf("%s due %s: %s", kind, dueOn, why))
}

// queueCaseFindings is setCaseFindings for a batch.
func (s *Service) queueCaseFindings(b *writeBatch, c *Followup, findings []Finding, prio Priority) {
	body, _ := json.Marshal(findings)
	b.exec("UPDATE followups SET findings = ?, priority = ?, updated_at = ? WHERE id = ?", string(body), prio, s.now(), c.ID)
	c.FindingsJSON, c.Priority = string(body), prio
}

// queueCaseSample makes the sample one of the case's.
func (s *Service) queueCaseSample(b *writeBatch, caseID, sampleID int64) {
	b.exec("INSERT INTO followup_samples (followup_id, sample_id, added_at) VALUES (?, ?, ?)", caseID, sampleID, s.now())
}

// queueCaseEvent is caseEvent for a batch.
func (s *Service) queueCaseEvent(ctx context.Context, b *writeBatch, caseID int64, event, detail string) {
	a := ActorFrom(ctx)
	b.exec("INSERT INTO followup_events (followup_id, event, detail, at, actor_id, actor_username) VALUES (?, ?, ?, ?, ?, ?)",
		caseID, event, truncate(detail, 1000), s.now(), nilIfZero(a.UserID), a.Username)
}
