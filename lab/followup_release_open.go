package lab

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"torchlab/migrations"
)

// openCase opens her case for an abnormal release and assigns it. Her
// first contact is due within the priority's time. The case's rows join
// the batch, naming the case by her open marker (newCase); only where a
// webhook's body must name the case by its id is its row written at once.
func (s *Service) openCase(r *releaseRun) error {
	ev := r.ev
	findings := CaseFindings(ev.Findings)
	prio := casePriority(findings)
	body, _ := json.Marshal(findings)
	loc := r.rd.Station.Location()
	now := r.tx.now
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
	e, err := s.auditRow(r.ctx, r.tx.now, "followup.open", "followup", "", map[string]any{
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
		idArg, event, truncate(detail, 1000), r.tx.now, nilIfZero(a.UserID), a.Username)
}

// queueNewCaseNotify is queueNotify for the case a release opens (whose
// outbox rows, if any, name it by its id: openCase knows it then).
func (s *Service) queueNewCaseNotify(r *releaseRun, ref newCase, users []int64, typ NotificationType, c *Followup, message string, extra map[string]any) error {
	if ref.known != 0 {
		return s.queueNotify(r.tx, r.b, users, typ, &ref.known, &c.SampleID, message, extra)
	}
	ns, _, err := s.notifications(r.tx.now, users, typ, nil, &c.SampleID, message, extra)
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
