package lab

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Contact channels and results (API.md).
var (
	contactChannels = []string{"phone", "sms", "visit", "in_person"}
	contactResults  = []string{"reached", "no_answer", "wrong_number", "refused"}
	caseOutcomes    = []string{"counseled", "retest_normal", "referred", "vaccination_advised", "declined", "lost_to_follow_up", "other"}
)

func oneOf(v string, set []string) bool {
	for _, s := range set {
		if v == s {
			return true
		}
	}
	return false
}

// Contact is one attempt to reach the woman.
type Contact struct {
	ID            int64     `json:"id" gorm:"primaryKey"`
	FollowupID    int64     `json:"-"`
	Channel       string    `json:"channel"`
	Result        string    `json:"result"`
	Note          string    `json:"note,omitempty"`
	NextAttemptOn *Date     `json:"next_attempt_on,omitempty"`
	At            time.Time `json:"at"`
	ByID          *int64    `json:"by_id"`
	ByUsername    string    `json:"by"`
	// ByName is her display name now (the case page names people, not
	// logins); read, not stored.
	ByName string `json:"by_name,omitempty" gorm:"-"`
}

// TableName names the contacts' table.
func (Contact) TableName() string { return "followup_contacts" }

// NewContact is one contact attempt. NextAction is what the counselor
// chose when she reached her; NextAttemptOn when she did not.
type NewContact struct {
	Channel       string
	Result        string
	Note          string
	NextAttemptOn string
	NextAction    *NextActionInput
}

// AddContact logs an attempt to reach her. The first moves the case to
// in_progress. Reaching her does not end the watch (domain.md §0): the
// case then waits for the next action the counselor chose (a contact
// within the routine due time when she chose none). An attempt that did
// not reach her, with a day for the next one, makes a contact due that
// day, but never later than the case was already due: an unanswered call
// cannot postpone a lapse. Counselors and admins. CodeNotFound,
// CodeInvalidState (closed), CodeValidation (next_action only with
// reached, its kind, a day not in the past).
func (s *Service) AddContact(ctx context.Context, id int64, in NewContact) (*Contact, error) {
	a, err := s.caseActor(ctx)
	if err != nil {
		return nil, err
	}
	var v Validation
	if !oneOf(in.Channel, contactChannels) {
		v.Add("channel", "invalid", strings.Join(contactChannels, ", "))
	}
	if !oneOf(in.Result, contactResults) {
		v.Add("result", "invalid", strings.Join(contactResults, ", "))
	}
	in.Note = v.note("note", in.Note, 1000)
	var next *Date
	if in.NextAttemptOn != "" {
		d, err := ParseDate(in.NextAttemptOn)
		if err != nil {
			v.Add("next_attempt_on", "invalid", "a YYYY-MM-DD date")
		}
		next = &d
	}
	if in.NextAction != nil && in.Result != "reached" {
		v.Add("next_action", "not_allowed", "a next action is chosen when she is reached; otherwise give next_attempt_on")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	var ct Contact
	err = s.inTx(ctx, func(tx *txDB) error {
		c, loc, err := s.workableCase(ctx, tx, id, "log a contact on")
		if err != nil {
			return err
		}
		now := tx.now
		today := Today(now, loc)
		if next != nil && *next < today {
			v.Add("next_attempt_on", "in_past", "not before today ("+string(today)+")")
		}
		var kind NextActionKind
		var due Date
		if in.NextAction != nil {
			kind, due = parseNextAction(*in.NextAction, today, &v, "next_action.")
		}
		if err := v.Err(); err != nil {
			return err
		}
		ct = Contact{FollowupID: c.ID, Channel: in.Channel, Result: in.Result, Note: in.Note, NextAttemptOn: next,
			At: now, ByID: nilIfZero(a.UserID), ByUsername: a.Username}
		if err := tx.Create(&ct).Error; err != nil {
			return err
		}
		updates := map[string]any{"status": CaseInProgress, "updated_at": now,
			"last_contact_at": now, "last_contact_channel": in.Channel, "last_contact_result": in.Result}
		if in.Result == "reached" && c.ReachedAt == nil {
			updates["reached_at"] = now
		}
		if err := tx.Model(&Followup{}).Where("id = ?", c.ID).Updates(updates).Error; err != nil {
			return err
		}
		if err := s.caseEvent(ctx, tx, c.ID, "contact", in.Channel+": "+in.Result); err != nil {
			return err
		}
		if err := s.afterContact(ctx, tx, c, loc, in.Result, kind, due, next); err != nil {
			return err
		}
		details := map[string]any{"channel": in.Channel, "result": in.Result}
		if c.NextAction != nil {
			details["next_action"] = c.NextAction.Kind
			details["next_action_due_on"] = c.NextAction.DueOn
		}
		return s.audit(ctx, tx, "followup.contact", "followup", c.ID, details)
	})
	if err != nil {
		return nil, err
	}
	return &ct, nil
}

// afterContact sets the case's next action after a contact attempt
// (AddContact): the one chosen when she was reached; when none was, a
// retest, result or outcome still ahead stays, a retest booked ahead
// becomes it, then her open pregnancy's outcome, and otherwise a contact
// within the routine due time; or,
// when she was not reached, the next attempt's day if that is sooner than
// the case is due.
func (s *Service) afterContact(ctx context.Context, tx *txDB, c *Followup, loc *time.Location, result string,
	kind NextActionKind, due Date, nextAttempt *Date) error {
	today := Today(tx.now, loc)
	switch {
	case result == "reached" && kind != "":
		return s.setNextActionOn(ctx, tx, c, loc, kind, due, "chosen when she was reached")
	case result == "reached" && nextAttempt != nil:
		return s.setNextActionOn(ctx, tx, c, loc, ActionContact, *nextAttempt, "next contact chosen when she was reached")
	case result == "reached" && c.NextActionKind != ActionContact && !c.overdueAt(tx.now):
		return nil // a retest, a result or an outcome still ahead stays the plan
	case result == "reached":
		if day, ok, err := bookedRetestDay(tx, c.ID, today); err != nil || ok {
			if err != nil {
				return err
			}
			return s.setNextActionOn(ctx, tx, c, loc, ActionRetest, day, "reached; her retest is booked")
		}
		if p, err := openPregnancyOf(tx.DB, c.ClientID); err != nil || p != nil {
			if err != nil {
				return err
			}
			return s.setNextActionOn(ctx, tx, c, loc, ActionOutcome, p.OutcomeDueOn, "reached; her pregnancy's outcome")
		}
		st, err := loadSettings(tx.DB)
		if err != nil {
			return err
		}
		day := today.AddDays(daysOfHours(st.DueHoursRoutine))
		return s.setNextActionOn(ctx, tx, c, loc, ActionContact, day, "reached with no next action chosen: a contact within the routine due time")
	case nextAttempt != nil && endOfDay(*nextAttempt, loc).Before(c.DueAt):
		return s.setNextActionOn(ctx, tx, c, loc, ActionContact, *nextAttempt, "next attempt after "+result)
	}
	return nil
}

// lostRuleMet applies domain.md §0: lost to follow-up only after at least
// the set number of unreached attempts (no answer, wrong number) on at
// least the set number of different days at the station.
func lostRuleMet(contacts []Contact, loc *time.Location, st Settings) bool {
	attempts := 0
	days := map[Date]bool{}
	for _, c := range contacts {
		if c.Result == "no_answer" || c.Result == "wrong_number" {
			attempts++
			days[DateOf(c.At.In(loc))] = true
		}
	}
	return attempts >= st.LostMinUnreachedAttempts && len(days) >= st.LostMinDistinctDays
}

// CloseFollowup closes a case with an outcome, only with evidence
// (domain.md §0): a contact that reached her (CodeNoContact), except
// lost_to_follow_up, which needs the attempts of the lost rule
// (CodeLostRuleNotMet); and retest_normal needs the case's newest released
// retest or redraw to be without abnormal findings (CodeRetestNotNormal).
// Counselors and admins. CodeNotFound, CodeInvalidState (already closed),
// CodeValidation.
func (s *Service) CloseFollowup(ctx context.Context, id int64, outcome, note string) (*Followup, error) {
	if _, err := s.caseActor(ctx); err != nil {
		return nil, err
	}
	var v Validation
	note = v.text("note", note, severalLines)
	if !oneOf(outcome, caseOutcomes) {
		v.Add("outcome", "invalid", strings.Join(caseOutcomes, ", "))
	}
	if outcome == "other" && note == "" {
		v.Add("note", "required", "say what the outcome was")
	}
	if utf8.RuneCountInString(note) > 500 {
		v.Add("note", "too_long", "at most 500 characters")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	var c *Followup
	err := s.inTx(ctx, func(tx *txDB) error {
		var err error
		if c, err = s.loadCase(ctx, tx.DB, id, true); err != nil {
			return err
		}
		if c.Status == CaseClosed {
			return invalidState("follow-up case", string(c.Status), "close")
		}
		var contacts []Contact
		if err := tx.Where("followup_id = ?", c.ID).Find(&contacts).Error; err != nil {
			return err
		}
		if outcome != "lost_to_follow_up" && !slices.ContainsFunc(contacts, func(ct Contact) bool { return ct.Result == "reached" }) {
			return Errorf(CodeNoContact, "no contact has reached her: log the contact that told her before closing (or close as lost to follow-up under its rule)")
		}
		if outcome == "retest_normal" {
			if err := retestNormal(tx, c.ID); err != nil {
				return err
			}
		}
		if outcome == "lost_to_follow_up" {
			settings, err := loadSettings(tx.DB)
			if err != nil {
				return err
			}
			var st Station
			if err := tx.First(&st, c.StationID).Error; err != nil {
				return err
			}
			if !lostRuleMet(contacts, st.Location(), settings) {
				// The rule's numbers travel with the refusal: counselors
				// cannot read the settings, and the UI says what is missing.
				e := Errorf(CodeLostRuleNotMet, "lost to follow-up needs at least %d unreached attempts on at least %d different days",
					settings.LostMinUnreachedAttempts, settings.LostMinDistinctDays)
				e.Extra = map[string]any{"min_unreached_attempts": settings.LostMinUnreachedAttempts, "min_distinct_days": settings.LostMinDistinctDays}
				return e
			}
		}
		now := tx.now
		c.Status, c.Outcome, c.CloseNote, c.ClosedAt, c.UpdatedAt, c.OpenClientID = CaseClosed, outcome, note, &now, now, nil
		c.fillNextAction()
		if err := tx.Model(&Followup{}).Where("id = ?", c.ID).Updates(map[string]any{
			"status": CaseClosed, "outcome": outcome, "close_note": note, "closed_at": now, "updated_at": now,
			"open_client_id": nil}).Error; err != nil {
			return err
		}
		if err := s.caseEvent(ctx, tx, c.ID, "closed", outcome); err != nil {
			return err
		}
		// A closed case asks nothing more of anyone: its unread notices are
		// settled, so no bell keeps counting them.
		if err := tx.Model(&Notification{}).Where("followup_id = ? AND read_at IS NULL", c.ID).Update("read_at", now).Error; err != nil {
			return err
		}
		return s.audit(ctx, tx, "followup.close", "followup", c.ID, map[string]any{"outcome": outcome, "note": note})
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// retestNormal refuses retest_normal unless the case's newest released
// retest or redraw has no abnormal findings (CodeRetestNotNormal). Its
// retests are its samples and the tubes of the retests booked from it, as
// the case page shows them: a retest released while the case was closed
// did not join it, and counts once the case is reopened.
func retestNormal(tx *txDB, caseID int64) error {
	var newest []Sample
	err := tx.Where(caseSamplesIn+` AND kind IN ? AND status = ?`,
		caseID, caseID, []AppointmentKind{KindRetest, KindRedraw}, SampleReleased).
		Order("collected_at DESC, id DESC").Limit(1).Find(&newest).Error
	switch {
	case err != nil:
		return err
	case len(newest) == 0:
		return Errorf(CodeRetestNotNormal, "the case has no released retest: retest_normal needs one without abnormal findings")
	case newest[0].Abnormal:
		e := Errorf(CodeRetestNotNormal, "the newest retest, %s, has abnormal findings", newest[0].Accession)
		e.Extra = map[string]any{"accession": newest[0].Accession}
		return e
	}
	return nil
}

// ReopenFollowup reopens a closed case, with a reason; she must be
// contacted again within its priority's due time. A woman has one open
// case at most (CodeOpenCase). Admins only.
func (s *Service) ReopenFollowup(ctx context.Context, id int64, reason string) (*Followup, error) {
	if err := ActorFrom(ctx).require(RoleAdmin); err != nil {
		return nil, err
	}
	var v Validation
	reason = v.text("reason", reason, severalLines)
	if reason == "" || utf8.RuneCountInString(reason) > 500 {
		v.Add("reason", "required", "say why the case is reopened, in at most 500 characters")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	var c *Followup
	err := s.inTx(ctx, func(tx *txDB) error {
		var err error
		if c, err = s.loadCase(ctx, tx.DB, id, true); err != nil {
			return err
		}
		if c.Status != CaseClosed {
			return invalidState("follow-up case", string(c.Status), "reopen")
		}
		var n int64
		if err := tx.Model(&Contact{}).Where("followup_id = ?", c.ID).Count(&n).Error; err != nil {
			return err
		}
		status := CaseOpen
		if n > 0 {
			status = CaseInProgress
		}
		now := tx.now
		err = tx.Model(&Followup{}).Where("id = ?", c.ID).Updates(map[string]any{
			"status": status, "outcome": "", "close_note": "", "closed_at": nil, "updated_at": now,
			"open_client_id": c.ClientID}).Error
		if isDuplicate(err) {
			return Errorf(CodeOpenCase, "she has another open case; work that one")
		}
		if err != nil {
			return err
		}
		client := c.ClientID
		c.Status, c.Outcome, c.CloseNote, c.ClosedAt, c.OpenClientID = status, "", "", nil, &client
		if err := s.caseEvent(ctx, tx, c.ID, "reopened", reason); err != nil {
			return err
		}
		settings, err := loadSettings(tx.DB)
		if err != nil {
			return err
		}
		loc, err := stationLocation(tx.DB, c.StationID)
		if err != nil {
			return err
		}
		if err := s.contactDue(ctx, tx, c, loc, c.Priority, settings, "reopened: "+reason); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, "followup.reopen", "followup", c.ID, map[string]any{"reason": reason}); err != nil {
			return err
		}
		// The case goes back to its counselor only if she can still work it.
		if c.AssigneeID != nil {
			var n int64
			if err := tx.Model(&User{}).Where("id = ? AND role = ? AND active = ? AND station_id = ?",
				*c.AssigneeID, RoleCounselor, true, c.StationID).Count(&n).Error; err != nil {
				return err
			}
			if n == 1 {
				return nil
			}
		}
		return s.assign(ctx, tx, c, 0)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// ReassignFollowup gives a case to another active counselor of its
// station. Admins only. CodeValidation when she is not one.
func (s *Service) ReassignFollowup(ctx context.Context, id, assignee int64) (*Followup, error) {
	if err := ActorFrom(ctx).require(RoleAdmin); err != nil {
		return nil, err
	}
	var c *Followup
	err := s.inTx(ctx, func(tx *txDB) error {
		var err error
		if c, err = s.loadCase(ctx, tx.DB, id, true); err != nil {
			return err
		}
		var u User
		err = tx.Where("id = ? AND role = ? AND active = ? AND station_id = ?", assignee, RoleCounselor, true, c.StationID).First(&u).Error
		if isNotFound(err) {
			return &Error{Code: CodeValidation, Message: "not an active counselor of the case's station",
				Fields: []FieldError{{Field: "assignee_id", Code: "not_a_counselor_here"}}}
		}
		if err != nil {
			return err
		}
		from := c.AssigneeID
		if err := s.assignTo(ctx, tx, c, u.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, "followup.reassign", "followup", c.ID, map[string]Change{"assignee_id": {from, u.ID}})
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// BookRetest books her retest from the case: exempt from the yearly limit,
// linked to the case so that its results show on it. Counselors and admins;
// the booking rules and errors are BookAppointment's.
func (s *Service) BookRetest(ctx context.Context, id, slotID int64) (*Appointment, error) {
	if _, err := s.caseActor(ctx); err != nil {
		return nil, err
	}
	var ap *Appointment
	err := s.inTx(ctx, func(tx *txDB) error {
		c, err := s.loadCase(ctx, tx.DB, id, false)
		if err != nil {
			return err
		}
		if c.Status == CaseClosed {
			return invalidState("follow-up case", string(c.Status), "book a retest from")
		}
		// The booking and its line on the case's timeline commit together.
		if ap, err = s.bookIn(ctx, tx, NewAppointment{ClientID: c.ClientID, SlotID: slotID, FollowupID: &c.ID}); err != nil {
			return err
		}
		return s.caseEvent(ctx, tx, c.ID, "retest_booked", fmt.Sprintf("appointment %d on %s at %s", ap.ID, ap.Day, ap.Start))
	})
	if err != nil {
		return nil, err
	}
	return ap, nil
}

// followupOpenFor reports whether the case exists, is not closed, and is
// hers, so that a retest may be booked from it.
func (s *Service) followupOpenFor(tx *txDB, id, clientID int64) (bool, error) {
	var n int64
	err := tx.Model(&Followup{}).Where("id = ? AND client_id = ? AND status <> ?", id, clientID, CaseClosed).Count(&n).Error
	return n == 1, err
}
