package lab

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// NextActionKind is what an open case waits for (API.md, "Episodes").
type NextActionKind string

// The next actions of a case.
const (
	// ActionContact: she must be reached (told a result, asked again).
	ActionContact NextActionKind = "contact"
	// ActionRetest: her retest or redraw must be drawn and released.
	ActionRetest NextActionKind = "retest"
	// ActionExternalResult: an avidity, PCR or obstetric referral result
	// from outside the programme's lab must be recorded.
	ActionExternalResult NextActionKind = "external_result"
	// ActionOutcome: her pregnancy's outcome must be recorded.
	ActionOutcome NextActionKind = "outcome"
)

var nextActionKinds = []string{string(ActionContact), string(ActionRetest), string(ActionExternalResult), string(ActionOutcome)}

// NextAction is what an open case waits for and when it is due: DueOn is
// the day at her station, DueAt the instant the case becomes overdue
// (the end of that day, or the due time a priority gives a first
// contact).
type NextAction struct {
	Kind  NextActionKind `json:"kind"`
	DueOn Date           `json:"due_on"`
	DueAt time.Time      `json:"due_at"`
}

// NextActionInput is a counselor's choice of the next action.
type NextActionInput struct {
	Kind  string
	DueOn string
}

// maxNextActionDays bounds how far ahead a next action may be set: a
// pregnancy's outcome, the furthest of them, is due within about ten
// months of a screening in early pregnancy.
const maxNextActionDays = 366

// parseNextAction checks a counselor's choice on today's date at the
// station: a known kind, a real day, not in the past and within a year.
// Field errors are named under prefix (such as "next_action.").
func parseNextAction(in NextActionInput, today Date, v *Validation, prefix string) (NextActionKind, Date) {
	if !oneOf(in.Kind, nextActionKinds) {
		v.Add(prefix+"kind", "invalid", strings.Join(nextActionKinds, ", "))
	}
	day, err := ParseDate(in.DueOn)
	switch {
	case err != nil:
		v.Add(prefix+"due_on", "invalid", "a YYYY-MM-DD date")
	case day < today:
		v.Add(prefix+"due_on", "in_past", "not before today ("+string(today)+")")
	case day.DaysSince(today) > maxNextActionDays:
		v.Add(prefix+"due_on", "too_far", fmt.Sprintf("within %d days", maxNextActionDays))
	}
	return NextActionKind(in.Kind), day
}

// endOfDay is the instant a day at the station ends: a next action due
// that day is overdue after it.
func endOfDay(day Date, loc *time.Location) time.Time {
	return day.AddDays(1).Time(loc).UTC()
}

// daysOfHours turns a due time in hours into whole days, rounded up.
func daysOfHours(h int) int { return (h + 23) / 24 }

// setNextAction gives the case its next action, due at the instant due
// (on the station's day dueOn), in tx. A new due time is a new lapse: the
// escalation marker is cleared, so that the case escalates again if this
// one passes undone (EscalateOverdue). The timeline records the change
// with why.
func (s *Service) setNextAction(ctx context.Context, tx *txDB, c *Followup, kind NextActionKind, dueOn Date, due time.Time, why string) error {
	if c.NextActionKind == kind && c.DueAt.Equal(due) && c.NextActionDueOn != nil && *c.NextActionDueOn == dueOn {
		return nil
	}
	updates := map[string]any{"next_action_kind": kind, "next_action_due_on": dueOn, "due_at": due, "updated_at": tx.now}
	if !c.DueAt.Equal(due) {
		updates["escalated_at"] = nil
		c.EscalatedAt = nil
	}
	if err := tx.Model(&Followup{}).Where("id = ?", c.ID).Updates(updates).Error; err != nil {
		return err
	}
	c.NextActionKind, c.NextActionDueOn, c.DueAt = kind, &dueOn, due
	c.fillNextAction()
	return s.caseEvent(ctx, tx, c.ID, "next_action", fmt.Sprintf("%s due %s: %s", kind, dueOn, why))
}

// setNextActionOn gives the case a next action due by the end of a day at
// its station.
func (s *Service) setNextActionOn(ctx context.Context, tx *txDB, c *Followup, loc *time.Location, kind NextActionKind, day Date, why string) error {
	return s.setNextAction(ctx, tx, c, kind, day, endOfDay(day, loc), why)
}

// contactDue gives the case a contact due within the priority's due time
// from now (a new or changed finding she must be told).
func (s *Service) contactDue(ctx context.Context, tx *txDB, c *Followup, loc *time.Location, p Priority, st Settings, why string) error {
	due := tx.now.Add(dueAfter(p, st))
	return s.setNextAction(ctx, tx, c, ActionContact, DateOf(due.In(loc)), due, why)
}

// stationLocation reads a station's time zone in tx.
func stationLocation(tx *gorm.DB, stationID int64) (*time.Location, error) {
	var st Station
	if err := tx.Select("id", "timezone").First(&st, stationID).Error; err != nil {
		return nil, err
	}
	return st.Location(), nil
}

// SuggestedNextAction is what the case page proposes after she is
// reached, from the advice of the case's findings (domain.md §0,
// Recommendations): a redraw where the advice is to retest, an external
// result where it is an avidity test or an obstetrician, and otherwise a
// contact. The counselor confirms or changes it; nothing applies it on
// its own.
func SuggestedNextAction(fs []Finding) NextActionKind {
	kind := ActionContact
	for _, f := range fs {
		if f.Code == "RUBV_IGG_EQUIVOCAL" {
			continue // counts as not immune: vaccination, not a redraw
		}
		switch strings.TrimPrefix(f.Code, f.Pathogen+"_") {
		case "IGM_POS_IGG_NEG", "IGM_EQUIVOCAL", "IGG_EQUIVOCAL", "IGG_LOSS":
			return ActionRetest
		case "IGM_POS_IGG_POS", "IGM_PERSISTENT", "SEROCONVERSION":
			if f.Pathogen != "HSV" {
				kind = ActionExternalResult
			}
		}
	}
	return kind
}
