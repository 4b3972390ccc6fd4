package lab

import (
	"context"
	"fmt"
	"unicode/utf8"
)

// CodeTooEarly refuses checking in before the appointment's day, or
// marking a no-show before the slot has started.
const CodeTooEarly Code = "too_early"

// move applies one state move to an appointment in a transaction with its
// audit row. check may refuse it for reasons beyond the state machine;
// apply may change more (such as freeing the slot's place).
func (s *Service) move(ctx context.Context, id int64, move, action string,
	check func(tx *txDB, ap *Appointment, sl *Slot) error,
	apply func(tx *txDB, ap *Appointment) error, details map[string]any) (*Appointment, error) {
	if err := ActorFrom(ctx).require(RoleNurse, RoleAdmin); err != nil {
		return nil, err
	}
	var ap *Appointment
	err := s.inTx(ctx, func(tx *txDB) error {
		var err error
		if ap, err = s.lockAppointment(ctx, tx, id); err != nil {
			return err
		}
		next, err := nextStatus(ap.Status, move)
		if err != nil {
			return err
		}
		var sl Slot
		if err := tx.First(&sl, ap.SlotID).Error; err != nil {
			return err
		}
		ap.Start = sl.StartTime
		if check != nil {
			if err := check(tx, ap, &sl); err != nil {
				return err
			}
		}
		from := ap.Status
		now := s.now()
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
		res := tx.Model(&Appointment{}).Where("id = ? AND status = ?", ap.ID, from).Updates(map[string]any{
			"status": ap.Status, "open_client_id": ap.OpenClientID, "checked_in_at": ap.CheckedInAt,
			"closed_at": ap.ClosedAt, "cancel_reason": ap.CancelReason, "updated_at": ap.UpdatedAt,
		})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return fmt.Errorf("appointment %d changed under its row lock", ap.ID)
		}
		d := map[string]any{"status": Change{from, next}}
		for k, v := range details {
			d[k] = v
		}
		return s.audit(ctx, tx, action, "appointment", ap.ID, d)
	})
	if err != nil {
		return nil, err
	}
	return ap, nil
}

// CheckIn records that she has arrived: booked → checked_in, not before
// the appointment's day at the station (CodeTooEarly). CodeNotFound,
// CodeInvalidState.
func (s *Service) CheckIn(ctx context.Context, id int64) (*Appointment, error) {
	return s.move(ctx, id, "check in", "appointment.check_in", func(tx *txDB, ap *Appointment, sl *Slot) error {
		st, err := s.visibleStation(ctx, tx, ap.StationID)
		if err != nil {
			return err
		}
		if today := Today(s.now(), st.Location()); ap.Day.After(today) {
			return Errorf(CodeTooEarly, "her appointment is on %s; check her in on that day, or reschedule it to today", ap.Day)
		}
		return requireConsent(tx, ap.ClientID)
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
	return s.move(ctx, id, "no-show", "appointment.no_show", func(_ *txDB, ap *Appointment, sl *Slot) error {
		if sl.StartsAt.After(s.now()) {
			return Errorf(CodeTooEarly, "her slot has not started yet")
		}
		return nil
	}, func(tx *txDB, ap *Appointment) error {
		return s.retestMissed(ctx, tx, ap, ap.Day, "missed")
	}, nil)
}

// requireConsent refuses to go on with a woman who has withdrawn her
// consent to the processing of her health data since she was booked.
func requireConsent(tx *txDB, clientID int64) error {
	var c Client
	if err := tx.Select("consent_given").First(&c, clientID).Error; err != nil {
		return err
	}
	if !c.ConsentGiven {
		return Errorf(CodeNoConsent, "she has withdrawn her consent to the processing of her health data; record it again first")
	}
	return nil
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
