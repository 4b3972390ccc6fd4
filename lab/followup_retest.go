package lab

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// The retest's part in a case's watch: the earliest day a retest may be
// drawn (domain.md §0, Paired sera), and the next action as the retest is
// booked, missed and drawn.

// caseSamplesIn holds a sample that is the case's: its own samples and
// the tubes of the retests booked from it; its arguments are the case's
// id twice. The union is a derived table, which MariaDB reads first and
// then takes each sample by its key. Asked as "id IN (…) OR
// appointment_id IN (…)", or as IN over the union itself, it read every
// sample for each case instead (840,000 at a million women: seconds a
// case page).
const caseSamplesIn = `id IN (SELECT id FROM (SELECT sample_id AS id FROM followup_samples WHERE followup_id = ?
	UNION SELECT cs.id FROM samples cs JOIN appointments ca ON ca.id = cs.appointment_id WHERE ca.followup_id = ?) case_samples)`

// retestEarliest is the first day her case's retest may be drawn: the
// latest draw the case has read or booked (its samples, and the tubes of
// the retests booked from it) plus the setting retest_min_days, so that
// the pair is two weeks apart. ok is false when the case has no draw.
func retestEarliest(tx *gorm.DB, caseID int64, loc *time.Location, minDays int) (earliest Date, ok bool, err error) {
	var last AnyTime
	err = queryRowOn(tx, []any{&last}, `SELECT MAX(collected_at) FROM samples WHERE `+caseSamplesIn, caseID, caseID)
	if err != nil || !last.Valid {
		return "", false, err
	}
	return DateOf(last.Time.In(loc)).AddDays(minDays), true, nil
}

// checkRetestInterval refuses a retest drawn before the earliest day
// (CodeRetestTooEarly, naming it). A redraw after a rejected tube is not
// a retest and has no such limit.
func checkRetestInterval(tx *txDB, caseID int64, sl *Slot) error {
	st, err := loadSettings(tx.DB)
	if err != nil {
		return err
	}
	loc, err := stationLocation(tx.DB, sl.StationID)
	if err != nil {
		return err
	}
	earliest, ok, err := retestEarliest(tx.DB, caseID, loc, st.RetestMinDays)
	if err != nil || !ok || sl.Day >= earliest {
		return err
	}
	return &Error{Code: CodeRetestTooEarly,
		Message: fmt.Sprintf("a retest is drawn at least %d days after the draw it is read against: the earliest day is %s", st.RetestMinDays, earliest),
		Fields:  []FieldError{{Field: "slot_id", Code: string(CodeRetestTooEarly), Detail: "from " + string(earliest)}},
		Extra:   map[string]any{"earliest_on": earliest}}
}

// lockOpenCase reads a case for update when it is still open (nil when it
// is closed or gone).
func lockOpenCase(tx *txDB, id int64) (*Followup, error) {
	var cs []Followup
	if err := tx.Clauses(lockForUpdate).Where("id = ? AND status <> ?", id, CaseClosed).Limit(1).Find(&cs).Error; err != nil {
		return nil, err
	}
	if len(cs) == 0 {
		return nil, nil
	}
	return &cs[0], nil
}

// retestScheduled makes the retest (or redraw) booked from a case its next
// action, due on the day it is booked for. A woman nobody has reached yet
// keeps her first contact when it is due sooner: she must be told her
// result within its priority's time, and a booking (a nurse's, say) cannot
// postpone that.
func (s *Service) retestScheduled(ctx context.Context, tx *txDB, caseID int64, ap *Appointment, why string) error {
	c, err := lockOpenCase(tx, caseID)
	if err != nil || c == nil {
		return err
	}
	loc, err := stationLocation(tx.DB, c.StationID)
	if err != nil {
		return err
	}
	why = fmt.Sprintf("%s %d %s", ap.Kind, ap.ID, why)
	if firstContactStands(c, endOfDay(ap.Day, loc)) {
		return s.caseEvent(ctx, tx, c.ID, "next_action_kept", "her first contact is due sooner: "+why)
	}
	return s.setNextActionOn(ctx, tx, c, loc, ActionRetest, ap.Day, why)
}

// bookedRetestDay is the day of the case's retest booked from today on
// and not yet drawn, if there is one.
func bookedRetestDay(tx *txDB, caseID int64, today Date) (Date, bool, error) {
	var days []Date
	err := tx.Model(&Appointment{}).Where("followup_id = ? AND status IN ? AND day >= ?", caseID,
		[]AppointmentStatus{Booked, CheckedIn}, today).Order("day").Limit(1).Pluck("day", &days).Error
	if err != nil || len(days) == 0 {
		return "", false, err
	}
	return days[0], true, nil
}

// firstContactStands reports whether a case nobody has reached still waits
// for its first contact, due before the given time.
func firstContactStands(c *Followup, due time.Time) bool {
	return c.ReachedAt == nil && c.NextActionKind == ActionContact && c.DueAt.Before(due)
}

// retestMissed gives the case of a retest she missed (a no-show, on the
// appointment's day) or that was cancelled (today, when day is "") a
// retest due the next day: it must be booked again, or another next
// action chosen, or the case lapses.
func (s *Service) retestMissed(ctx context.Context, tx *txDB, ap *Appointment, day Date, what string) error {
	if ap.FollowupID == nil {
		return nil
	}
	c, err := lockOpenCase(tx, *ap.FollowupID)
	if err != nil || c == nil {
		return err
	}
	loc, err := stationLocation(tx.DB, c.StationID)
	if err != nil {
		return err
	}
	if day == "" {
		day = Today(tx.now, loc)
	}
	return s.setNextActionOn(ctx, tx, c, loc, ActionRetest, day.AddDays(1), fmt.Sprintf("%s %d %s on %s", ap.Kind, ap.ID, what, day))
}

// retestDrawn gives the case of a retest just drawn the lab's time: the
// retest's results are due before the tube would expire (the setting
// specimen_stability_days); if they are not released by then, the case
// lapses and someone must find the tube.
func (s *Service) retestDrawn(ctx context.Context, tx *txDB, ap *Appointment, accession string) error {
	if ap.FollowupID == nil {
		return nil
	}
	c, err := lockOpenCase(tx, *ap.FollowupID)
	if err != nil || c == nil {
		return err
	}
	st, err := loadSettings(tx.DB)
	if err != nil {
		return err
	}
	loc, err := stationLocation(tx.DB, c.StationID)
	if err != nil {
		return err
	}
	day := Today(tx.now, loc).AddDays(st.SpecimenStabilityDays)
	why := fmt.Sprintf("%s drawn as %s; its results are due", ap.Kind, accession)
	if firstContactStands(c, endOfDay(day, loc)) {
		return s.caseEvent(ctx, tx, c.ID, "next_action_kept", "her first contact is due sooner: "+why)
	}
	return s.setNextActionOn(ctx, tx, c, loc, ActionRetest, day, why)
}
