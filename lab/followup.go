package lab

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"time"

	"gorm.io/gorm"
)

// FollowupStatus is where a case stands: open, in progress (a contact was
// logged), closed with an outcome. Overdue is a flag, not a status.
type FollowupStatus string

// Follow-up statuses.
const (
	CaseOpen       FollowupStatus = "open"
	CaseInProgress FollowupStatus = "in_progress"
	CaseClosed     FollowupStatus = "closed"
)

// Followup is a counselor's case for a released abnormal sample: no such
// result may be left without an owner.
type Followup struct {
	ID             int64          `json:"id" gorm:"primaryKey"`
	SampleID       int64          `json:"-"`
	ClientID       int64          `json:"client_id"`
	StationID      int64          `json:"station_id"`
	Status         FollowupStatus `json:"status"`
	Priority       Priority       `json:"priority"`
	FindingsJSON   string         `json:"-" gorm:"column:findings"`
	DueAt          time.Time      `json:"due_at"`
	AssigneeID     *int64         `json:"assignee_id"`
	AcknowledgedAt *time.Time     `json:"acknowledged_at,omitempty"`
	ReachedAt      *time.Time     `json:"reached_at,omitempty"`
	EscalatedAt    *time.Time     `json:"escalated_at,omitempty"`
	Outcome        string         `json:"outcome,omitempty"`
	CloseNote      string         `json:"close_note,omitempty"`
	OpenedAt       time.Time      `json:"opened_at"`
	ClosedAt       *time.Time     `json:"closed_at,omitempty"`
	UpdatedAt      time.Time      `json:"updated_at" gorm:"autoUpdateTime:false"`
	// The tube's code, copied when the case is opened (migration 00014):
	// it never changes, and the queue lists it without reading the
	// sample. Lists show it as CaseView.SampleAccession.
	Accession string `json:"-" gorm:"column:sample_accession"`
	// The latest contact attempt, copied onto the case by the transaction
	// that logs it, so that the queue lists it without reading contacts
	// (migration 00012). Lists show it as CaseView.LastContact.
	LastContactAt      *time.Time `json:"-"`
	LastContactChannel string     `json:"-"`
	LastContactResult  string     `json:"-"`
	// OpenClientID is her id while the case is not closed and NULL once it
	// is: its unique index holds a woman to one open case (migration
	// 00017).
	OpenClientID *int64 `json:"-"`
	// What the case waits for and the day it is due at her station; DueAt
	// is the instant that day ends there (setNextAction). Answers show
	// them as NextAction.
	NextActionKind  NextActionKind `json:"-"`
	NextActionDueOn *Date          `json:"-"`
	// FirstDueAt is when the case was first due (release + the priority's
	// time): DueAt moves with each next action, this never does, and
	// "reached in time" is counted against it (migration 00020).
	FirstDueAt *time.Time `json:"-"`
	// NextAction is the case's next action as answers show it, nil once
	// the case is closed; filled from the two columns above.
	NextAction *NextAction `json:"next_action" gorm:"-"`
}

// AfterFind fills what answers show from the columns GORM read.
func (f *Followup) AfterFind(*gorm.DB) error {
	f.fillNextAction()
	return nil
}

// fillNextAction sets NextAction from the stored kind and day.
func (f *Followup) fillNextAction() {
	f.NextAction = nil
	if f.Status == CaseClosed || f.NextActionKind == "" {
		return
	}
	na := NextAction{Kind: f.NextActionKind, DueAt: f.DueAt}
	if f.NextActionDueOn != nil {
		na.DueOn = *f.NextActionDueOn
	}
	f.NextAction = &na
}

// lastContact is the case's latest contact attempt as lists show it, nil
// before the first.
func (f *Followup) lastContact() *ContactBrief {
	if f.LastContactAt == nil {
		return nil
	}
	return &ContactBrief{At: *f.LastContactAt, Channel: f.LastContactChannel, Result: f.LastContactResult}
}

func (f *Followup) key() int64 { return f.ID }

// followupColumns are the followups table's columns in Followup's field
// order, for the reads that scan cases past GORM: scanTargets are their
// destinations.
const followupColumns = "followups.id, followups.sample_id, followups.client_id, followups.station_id, " +
	"followups.status, followups.priority, followups.findings, followups.due_at, followups.assignee_id, " +
	"followups.acknowledged_at, followups.reached_at, followups.escalated_at, followups.outcome, " +
	"followups.close_note, followups.opened_at, followups.closed_at, followups.updated_at, " +
	"followups.sample_accession, followups.last_contact_at, followups.last_contact_channel, " +
	"followups.last_contact_result, followups.open_client_id, followups.next_action_kind, " +
	"followups.next_action_due_on, followups.first_due_at"

// scanTargets are where a row of followupColumns is scanned, in order.
func (f *Followup) scanTargets() []any {
	return []any{&f.ID, &f.SampleID, &f.ClientID, &f.StationID,
		&f.Status, &f.Priority, &f.FindingsJSON, &f.DueAt, &f.AssigneeID,
		&f.AcknowledgedAt, &f.ReachedAt, &f.EscalatedAt, &f.Outcome,
		&f.CloseNote, &f.OpenedAt, &f.ClosedAt, &f.UpdatedAt,
		&f.Accession, &f.LastContactAt, &f.LastContactChannel,
		&f.LastContactResult, &f.OpenClientID, &f.NextActionKind,
		&f.NextActionDueOn, &f.FirstDueAt}
}

// Findings decodes the case's findings.
func (f *Followup) Findings() []Finding {
	return decodeFindings(f.FindingsJSON)
}

// findingsMemo keeps findings already decoded, by their stored text. A
// case's findings are one of a few dozen combinations, so a queue page of
// 200 cases holds few distinct texts, and decoding every row was a quarter
// of the page's CPU (measured at a million women). Decoding is a pure
// function of the text, so nothing here can go stale; the map is emptied
// past findingsMemoMax to bound it.
var findingsMemo = struct {
	sync.Mutex
	m map[string][]Finding
}{m: map[string][]Finding{}}

const findingsMemoMax = 4096

// decodeFindings decodes stored findings; each caller gets its own slice.
func decodeFindings(text string) []Finding {
	findingsMemo.Lock()
	fs, ok := findingsMemo.m[text]
	findingsMemo.Unlock()
	if !ok {
		json.Unmarshal([]byte(text), &fs)
		findingsMemo.Lock()
		if len(findingsMemo.m) >= findingsMemoMax {
			findingsMemo.m = map[string][]Finding{}
		}
		findingsMemo.m[text] = fs
		findingsMemo.Unlock()
	}
	return slices.Clone(fs)
}

// overdueAt reports whether the case is overdue at now: not closed and
// past the due time of its next action, whether she was reached or not
// (domain.md §0: reaching her does not end the watch).
func (f *Followup) overdueAt(now time.Time) bool {
	return f.Status != CaseClosed && now.After(f.DueAt)
}

// FollowupEvent is one step of a case's timeline.
type FollowupEvent struct {
	ID            int64     `json:"-" gorm:"primaryKey"`
	FollowupID    int64     `json:"-"`
	Event         string    `json:"event"`
	Detail        string    `json:"detail,omitempty"`
	At            time.Time `json:"at"`
	ActorID       *int64    `json:"actor_id"`
	ActorUsername string    `json:"actor"`
	// ActorName is the actor's display name now; read, not stored.
	ActorName string `json:"actor_name,omitempty" gorm:"-"`
}

func (s *Service) caseEvent(ctx context.Context, tx *txDB, caseID int64, event, detail string) error {
	a := ActorFrom(ctx)
	return tx.Create(&FollowupEvent{FollowupID: caseID, Event: event, Detail: truncate(detail, 1000), At: tx.now,
		ActorID: nilIfZero(a.UserID), ActorUsername: a.Username}).Error
}

// dueAfter is the time a case of the priority is due, counted from release.
func dueAfter(p Priority, st Settings) time.Duration {
	h := st.DueHoursRoutine
	switch p {
	case Urgent:
		h = st.DueHoursUrgent
	case High:
		h = st.DueHoursHigh
	}
	return time.Duration(h) * time.Hour
}

// abnormalOnly keeps the findings that need action.
func abnormalOnly(fs []Finding) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Abnormal {
			out = append(out, f)
		}
	}
	return out
}

// pickCounselor returns the active counselor of the station with the
// fewest open cases, ties to the lowest id (0 when there is none), leaving
// out the one given. The chosen counselor's row is then locked and
// re-checked: a deactivation or move of her waits for this transaction and
// then hands the new case on, instead of missing it.
func pickCounselor(tx *txDB, stationID, except int64) (int64, error) {
	exclude := []int64{except}
	for {
		var rows []struct {
			ID        int64
			OpenCases int64
		}
		// Her cases not closed, counted as her open ones plus her ones in
		// progress: each count is a range of the (assignee_id, status)
		// index, where "status <> closed" read every case she ever had,
		// a number that only grows (1,164 rows a counselor at a million
		// women, for about 145 active).
		err := tx.Raw(`SELECT users.id,
			(SELECT COUNT(*) FROM followups f WHERE f.assignee_id = users.id AND f.status = ?) +
			(SELECT COUNT(*) FROM followups f WHERE f.assignee_id = users.id AND f.status = ?) AS open_cases
			FROM users WHERE users.role = ? AND users.active = ? AND users.station_id = ? AND users.id NOT IN ?
			ORDER BY open_cases, users.id LIMIT 1`, CaseOpen, CaseInProgress, RoleCounselor, true, stationID, exclude).Scan(&rows).Error
		if err != nil || len(rows) == 0 {
			return 0, err
		}
		var u User
		err = tx.Clauses(lockForUpdate).Where("id = ? AND role = ? AND active = ? AND station_id = ?",
			rows[0].ID, RoleCounselor, true, stationID).First(&u).Error
		if err == nil {
			return u.ID, nil
		}
		if !isNotFound(err) {
			return 0, err
		}
		exclude = append(exclude, rows[0].ID) // she left meanwhile
	}
}

// assign gives the case to the least-loaded counselor of its station
// (except one, when handing her cases on); with none, the case stays
// unassigned and every admin is notified.
func (s *Service) assign(ctx context.Context, tx *txDB, c *Followup, except int64) error {
	who, err := pickCounselor(tx, c.StationID, except)
	if err != nil {
		return err
	}
	if who == 0 {
		if err := tx.Model(&Followup{}).Where("id = ?", c.ID).Update("assignee_id", nil).Error; err != nil {
			return err
		}
		c.AssigneeID = nil
		if err := s.caseEvent(ctx, tx, c.ID, "unassigned", "no active counselor at the station"); err != nil {
			return err
		}
		admins, err := activeAdmins(tx)
		if err != nil {
			return err
		}
		return s.notify(tx, admins, NotifyUnassigned, &c.ID, &c.SampleID,
			fmt.Sprintf("a %s case has no counselor: the station has no active counselor", c.Priority),
			map[string]any{"priority": c.Priority, "station_id": c.StationID})
	}
	return s.assignTo(ctx, tx, c, who)
}

func (s *Service) assignTo(ctx context.Context, tx *txDB, c *Followup, who int64) error {
	if err := tx.Model(&Followup{}).Where("id = ?", c.ID).Updates(map[string]any{"assignee_id": who, "acknowledged_at": nil}).Error; err != nil {
		return err
	}
	c.AssigneeID = &who
	if err := s.caseEvent(ctx, tx, c.ID, "assigned", fmt.Sprintf("to user %d", who)); err != nil {
		return err
	}
	return s.notify(tx, []int64{who}, NotifyAssigned, &c.ID, &c.SampleID,
		fmt.Sprintf("a new %s follow-up case, due %s", c.Priority, c.DueAt.Format(time.RFC3339)),
		map[string]any{"priority": c.Priority, "due_at": c.DueAt, "station_id": c.StationID})
}

// counselorChanged keeps cases owned when a user's role, station or
// activity changes: a counselor who leaves (deactivated, moved, or no longer
// a counselor) hands her open cases on; one who joins a station takes its
// unassigned cases. It runs in the user change's transaction.
func (s *Service) counselorChanged(ctx context.Context, tx *txDB, before, after *User) error {
	was := before != nil && before.Active && before.Role == RoleCounselor && before.StationID != nil
	is := after.Active && after.Role == RoleCounselor && after.StationID != nil
	if was && (!is || *before.StationID != *after.StationID) {
		// A locking read sees the cases committed while this change waited
		// for her row (a plain read on MySQL would see an older snapshot).
		var mine []Followup
		if err := tx.Clauses(lockForUpdate).Where("assignee_id = ? AND status <> ?", after.ID, CaseClosed).Order("id").Find(&mine).Error; err != nil {
			return err
		}
		for i := range mine {
			if err := s.assign(ctx, tx, &mine[i], after.ID); err != nil {
				return err
			}
		}
	}
	if is && !(was && *before.StationID == *after.StationID) {
		var waiting []Followup
		if err := tx.Clauses(lockForUpdate).Where("station_id = ? AND assignee_id IS NULL AND status <> ?", *after.StationID, CaseClosed).Order("id").Find(&waiting).Error; err != nil {
			return err
		}
		for i := range waiting {
			if err := s.assignTo(ctx, tx, &waiting[i], after.ID); err != nil {
				return err
			}
		}
	}
	return nil
}
