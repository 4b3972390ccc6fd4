package lab

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
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
	"followups.last_contact_result"

// scanTargets are where a row of followupColumns is scanned, in order.
func (f *Followup) scanTargets() []any {
	return []any{&f.ID, &f.SampleID, &f.ClientID, &f.StationID,
		&f.Status, &f.Priority, &f.FindingsJSON, &f.DueAt, &f.AssigneeID,
		&f.AcknowledgedAt, &f.ReachedAt, &f.EscalatedAt, &f.Outcome,
		&f.CloseNote, &f.OpenedAt, &f.ClosedAt, &f.UpdatedAt,
		&f.Accession, &f.LastContactAt, &f.LastContactChannel,
		&f.LastContactResult}
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

// overdueAt reports whether the case is overdue at now: past its due time,
// not closed, and nobody reached yet.
func (f *Followup) overdueAt(now time.Time) bool {
	return f.Status != CaseClosed && f.ReachedAt == nil && now.After(f.DueAt)
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
}

func (s *Service) caseEvent(ctx context.Context, tx *txDB, caseID int64, event, detail string) error {
	a := ActorFrom(ctx)
	return tx.Create(&FollowupEvent{FollowupID: caseID, Event: event, Detail: truncate(detail, 1000), At: s.now(),
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

// followUpRelease is the release hook of the follow-up workflow (domain.md
// §0, Follow-up): an abnormal first release opens a case; an amendment that
// turns a sample abnormal opens one, raises an open case's priority when it
// is higher, and notes on an open case that the sample turned normal; a
// retest's release shows on its case. It runs in the release's transaction.
func (s *Service) followUpRelease(ctx context.Context, tx *txDB, ev ReleaseEvent) error {
	if err := s.retestReleased(ctx, tx, ev); err != nil {
		return err
	}
	// The release holds the sample's row lock, so its cases cannot change
	// meanwhile; a locking read here would take gap locks on MySQL and
	// deadlock concurrent releases of other samples.
	var cases []Followup
	if err := tx.Where("sample_id = ?", ev.Sample.ID).Order("id DESC").Find(&cases).Error; err != nil {
		return err
	}
	var open, lastClosed *Followup
	for i := range cases {
		if cases[i].Status != CaseClosed && open == nil {
			open = &cases[i]
		}
		if cases[i].Status == CaseClosed && lastClosed == nil {
			lastClosed = &cases[i]
		}
	}
	hasOpen := open != nil
	switch {
	case ev.Abnormal && !hasOpen && lastClosed != nil && ev.PreviousAbnormal &&
		!HighestPriority(abnormalOnly(ev.Findings)).Higher(lastClosed.Priority):
		// Still abnormal, no more pressing than the case already closed:
		// the counselor's outcome stands; the amendment is on its timeline.
		return s.caseEvent(ctx, tx, lastClosed.ID, "findings_amended_after_close", fmt.Sprintf("report version %d", ev.Version))
	case ev.Abnormal && !hasOpen:
		return s.openCase(ctx, tx, ev)
	case ev.Abnormal && hasOpen:
		return s.updateCase(ctx, tx, open, ev)
	case !ev.Abnormal && hasOpen && ev.PreviousAbnormal:
		detail := fmt.Sprintf("report version %d is normal; decide whether the case can close", ev.Version)
		if err := s.caseEvent(ctx, tx, open.ID, "sample_turned_normal", detail); err != nil {
			return err
		}
		if open.AssigneeID != nil {
			return s.notify(tx, []int64{*open.AssigneeID}, NotifyCaseUpdated, &open.ID, &ev.Sample.ID,
				"an amendment made the sample normal: "+detail, nil)
		}
	}
	return nil
}

// openCase opens the case of an abnormal release and assigns it.
func (s *Service) openCase(ctx context.Context, tx *txDB, ev ReleaseEvent) error {
	findings := abnormalOnly(ev.Findings)
	prio := HighestPriority(findings)
	body, _ := json.Marshal(findings)
	now := s.now()
	c := Followup{SampleID: ev.Sample.ID, Accession: ev.Sample.Accession, ClientID: ev.Sample.ClientID, StationID: ev.Sample.StationID, Status: CaseOpen,
		Priority: prio, FindingsJSON: string(body), DueAt: now.Add(dueAfter(prio, ev.Settings)), OpenedAt: now, UpdatedAt: now}
	if err := tx.Create(&c).Error; err != nil {
		return err
	}
	codes := make([]string, len(findings))
	for i, f := range findings {
		codes[i] = f.Code
	}
	if err := s.caseEvent(ctx, tx, c.ID, "opened", fmt.Sprintf("%s, due %s: %s", prio, c.DueAt.Format(time.RFC3339), strings.Join(codes, ", "))); err != nil {
		return err
	}
	if err := s.audit(ctx, tx, "followup.open", "followup", c.ID, map[string]any{
		"sample": ev.Sample.Accession, "priority": prio, "due_at": c.DueAt, "findings": codes}); err != nil {
		return err
	}
	return s.assign(ctx, tx, &c, 0)
}

// updateCase applies an amended release to the sample's open case.
func (s *Service) updateCase(ctx context.Context, tx *txDB, c *Followup, ev ReleaseEvent) error {
	findings := abnormalOnly(ev.Findings)
	prio := HighestPriority(findings)
	body, _ := json.Marshal(findings)
	updates := map[string]any{"findings": string(body), "updated_at": s.now()}
	raised := prio.Higher(c.Priority)
	if raised {
		updates["priority"] = prio
		// The more pressing finding is news to her: it must be acted on
		// within its own time, even if she was reached about the old one.
		if due := s.now().Add(dueAfter(prio, ev.Settings)); due.Before(c.DueAt) || c.ReachedAt != nil {
			updates["due_at"] = due
		}
		updates["reached_at"], updates["escalated_at"] = nil, nil
	}
	if err := tx.Model(&Followup{}).Where("id = ?", c.ID).Updates(updates).Error; err != nil {
		return err
	}
	detail := fmt.Sprintf("report version %d", ev.Version)
	if raised {
		detail += fmt.Sprintf(": priority raised from %s to %s", c.Priority, prio)
	}
	if err := s.caseEvent(ctx, tx, c.ID, "findings_amended", detail); err != nil {
		return err
	}
	if raised && c.AssigneeID != nil {
		return s.notify(tx, []int64{*c.AssigneeID}, NotifyCaseUpdated, &c.ID, &ev.Sample.ID, "an amendment raised the case's priority to "+string(prio), nil)
	}
	return nil
}

// retestReleased shows a retest's release on the case that booked it.
func (s *Service) retestReleased(ctx context.Context, tx *txDB, ev ReleaseEvent) error {
	if ev.RetestOf == nil {
		return nil
	}
	var c Followup
	if err := tx.First(&c, *ev.RetestOf).Error; err != nil {
		return err
	}
	if err := s.caseEvent(ctx, tx, c.ID, "retest_released", fmt.Sprintf("retest %s, report version %d", ev.Sample.Accession, ev.Version)); err != nil {
		return err
	}
	var to []int64
	var active int64
	if c.AssigneeID != nil {
		if err := tx.Model(&User{}).Where("id = ? AND active = ?", *c.AssigneeID, true).Count(&active).Error; err != nil {
			return err
		}
	}
	if active == 1 {
		to = []int64{*c.AssigneeID}
	} else {
		var err error
		if to, err = activeAdmins(tx); err != nil {
			return err
		}
	}
	return s.notify(tx, to, NotifyRetestReleased, &c.ID, &ev.Sample.ID, "the retest's results are released", nil)
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
