package lab

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// moveFacts is what a move's check reads beyond the appointment: her
// slot's time, her station's zone and whether her consent stands, all
// read with the appointment in one statement (appointmentForMove).
type moveFacts struct {
	Slot         Slot
	Location     *time.Location
	ConsentGiven bool
}

// move applies one state move to an appointment in a transaction with its
// audit row. check may refuse it for reasons beyond the state machine, at
// now, the transaction's time;
// apply may change more (such as freeing the slot's place). On MySQL a
// move is two round trips: START TRANSACTION with appointmentForMove, and the
// appointment's update and audit row with the COMMIT (write_batch.go),
// plus what apply writes.
func (s *Service) move(ctx context.Context, id int64, move, action string,
	check func(ap *Appointment, f *moveFacts, now time.Time) error,
	apply func(tx *txDB, ap *Appointment) error, details map[string]any) (*Appointment, error) {
	if err := ActorFrom(ctx).require(RoleNurse, RoleAdmin); err != nil {
		return nil, err
	}
	var ap *Appointment
	err := s.inTxBatch(ctx, func(tx *txDB, b *writeBatch) error {
		var f *moveFacts
		var err error
		if ap, f, err = s.appointmentForMove(ctx, tx.DB, id, true); err != nil {
			return err
		}
		next, err := nextStatus(ap.Status, move)
		if err != nil {
			return err
		}
		ap.Start = f.Slot.StartTime
		if check != nil {
			if err := check(ap, f, tx.now); err != nil {
				return err
			}
		}
		from := ap.Status
		now := tx.now
		ap.setStatus(next, now)
		if next == CheckedIn {
			ap.CheckedInAt = &now
		}
		if apply != nil {
			if err := apply(tx, ap); err != nil {
				return err
			}
		}
		// Update only where the status is still the one read, so that two
		// moves racing on one appointment cannot both succeed.
		b.execChecked(func(*txDB) error { return fmt.Errorf("appointment %d changed under its row lock", ap.ID) },
			`UPDATE appointments SET status = ?, open_client_id = ?, checked_in_at = ?, closed_at = ?,
			cancel_reason = ?, updated_at = ? WHERE id = ? AND status = ?`,
			ap.Status, ap.OpenClientID, ap.CheckedInAt, ap.ClosedAt, ap.CancelReason, ap.UpdatedAt, ap.ID, from)
		d := map[string]any{"status": Change{from, next}}
		for k, v := range details {
			d[k] = v
		}
		return s.queueAudit(ctx, tx, b, action, "appointment", ap.ID, d)
	}, nil)
	if err != nil {
		return nil, err
	}
	return ap, nil
}

// appointmentForMove reads an appointment the actor may see
// (CodeNotFound) with its moveFacts, in one statement; with lock, its row
// stays locked until db's transaction ends.
func (s *Service) appointmentForMove(ctx context.Context, db *gorm.DB, id int64, lock bool) (*Appointment, *moveFacts, error) {
	var row struct {
		Appointment  `gorm:"embedded"`
		SlotStart    string
		SlotStartsAt time.Time
		Timezone     string
		ConsentGiven bool
	}
	q := db.Table("appointments")
	if lock {
		q = q.Clauses(lockForUpdate)
	}
	// Scalar subqueries, not joins: a locking read locks the rows of every
	// table it joins (MySQL), and a move must lock her appointment only,
	// not the slot others book into or her station's row.
	err := q.Select(`appointments.*,
			(SELECT start_time FROM slots WHERE slots.id = appointments.slot_id) AS slot_start,
			(SELECT starts_at FROM slots WHERE slots.id = appointments.slot_id) AS slot_starts_at,
			(SELECT timezone FROM stations WHERE stations.id = appointments.station_id) AS timezone,
			(SELECT consent_given FROM clients WHERE clients.id = appointments.client_id) AS consent_given`).
		Where("appointments.id = ?", id).Take(&row).Error
	if isNotFound(err) || (err == nil && !ActorFrom(ctx).canSeeStation(row.StationID)) {
		return nil, nil, notFound("appointment")
	}
	if err != nil {
		return nil, nil, err
	}
	ap := row.Appointment
	f := &moveFacts{
		Slot:         Slot{ID: ap.SlotID, StationID: ap.StationID, Day: ap.Day, StartTime: row.SlotStart, StartsAt: row.SlotStartsAt},
		Location:     location(row.Timezone),
		ConsentGiven: row.ConsentGiven,
	}
	return &ap, f, nil
}

// CheckIn records that she has arrived: booked → checked_in, not before
// the appointment's day at the station (CodeTooEarly). CodeNotFound,
// CodeInvalidState.
func (s *Service) CheckIn(ctx context.Context, id int64) (*Appointment, error) {
	return s.move(ctx, id, "check in", "appointment.check_in", func(ap *Appointment, f *moveFacts, now time.Time) error {
		if today := Today(now, f.Location); ap.Day.After(today) {
			return Errorf(CodeTooEarly, "her appointment is on %s; check her in on that day, or reschedule it to today", ap.Day)
		}
		if !f.ConsentGiven {
			return consentWithdrawn()
		}
		return nil
	}, nil, nil)
}

// Cancel cancels a booked or checked-in appointment and gives its place
// back to the slot. reason is optional (at most 200 characters).
func (s *Service) Cancel(ctx context.Context, id int64, reason string) (*Appointment, error) {
	var v Validation
	reason = v.text("reason", reason, severalLines)
	if utf8.RuneCountInString(reason) > 200 {
		v.Add("reason", "too_long", "at most 200 characters")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return s.move(ctx, id, "cancel", "appointment.cancel", nil, func(tx *txDB, ap *Appointment) error {
		ap.CancelReason = reason
		if err := freePlace(tx, ap.SlotID); err != nil {
			return err
		}
		return s.retestMissed(ctx, tx, ap, "", "cancelled")
	}, map[string]any{"reason": reason})
}

// MarkNoShow records that she did not come: booked → no_show, only once
// the slot has started (CodeTooEarly). Her place stays counted: the time
// has passed. The end-of-day job does the same for every booking left. A
// missed retest makes its case's retest due the next day.
func (s *Service) MarkNoShow(ctx context.Context, id int64) (*Appointment, error) {
	return s.move(ctx, id, "no-show", "appointment.no_show", func(_ *Appointment, f *moveFacts, now time.Time) error {
		if f.Slot.StartsAt.After(now) {
			return Errorf(CodeTooEarly, "her slot has not started yet")
		}
		return nil
	}, func(tx *txDB, ap *Appointment) error {
		return s.retestMissed(ctx, tx, ap, ap.Day, "missed")
	}, nil)
}

// consentWithdrawn refuses to go on with a woman who has withdrawn her
// consent to the processing of her health data since she was booked.
func consentWithdrawn() error {
	return Errorf(CodeNoConsent, "she has withdrawn her consent to the processing of her health data; record it again first")
}

// GetAppointment returns one appointment the actor may see.
func (s *Service) GetAppointment(ctx context.Context, id int64) (*Appointment, error) {
	ap, err := s.loadAppointment(ctx, s.read(ctx), id)
	if err != nil {
		return nil, err
	}
	var sl Slot
	if err := s.read(ctx).First(&sl, ap.SlotID).Error; err != nil {
		return nil, err
	}
	ap.Start = sl.StartTime
	return ap, nil
}
