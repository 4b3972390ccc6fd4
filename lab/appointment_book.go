package lab

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// NewAppointment books a client into a slot. RecollectionID marks a redraw
// after a rejected tube and FollowupID a retest from a follow-up case; both
// are exempt from the one-screening-a-year rule.
type NewAppointment struct {
	ClientID       int64
	SlotID         int64
	RecollectionID *int64
	FollowupID     *int64
}

// BookAppointment books a woman into a slot of her station, in one
// transaction with its audit row. Nurses and admins. Errors, in the order
// they are checked: CodeNotFound (client of another station, or no such
// client or slot), CodeValidation (slot at another station, unknown
// recollection or follow-up), CodeSlotInPast, CodeOpenAppointment, the
// eligibility codes (CodeNoConsent, CodeGestationTooLate,
// CodeAlreadyScreened), CodeSlotFull.
func (s *Service) BookAppointment(ctx context.Context, in NewAppointment) (*Appointment, error) {
	if err := ActorFrom(ctx).require(RoleNurse, RoleAdmin); err != nil {
		return nil, err
	}
	return s.book(ctx, in)
}

// book is BookAppointment without its role check (a counselor books a
// retest through BookRetest). A screening costs MySQL two round trips:
// START TRANSACTION with the read of loadClientAndSlot, and its writes
// with the COMMIT (write_batch.go).
func (s *Service) book(ctx context.Context, in NewAppointment) (*Appointment, error) {
	var ap *Appointment
	var idAt int
	err := s.inTxBatch(ctx, func(tx *txDB, b *writeBatch) error {
		var err error
		ap, idAt, err = s.bookQueued(ctx, tx, b, in)
		return err
	}, func(b *writeBatch) {
		ap.ID = b.insertedIDOf(idAt)
	})
	if err != nil {
		if isDuplicate(err) {
			return nil, openAppointmentRace()
		}
		return nil, err
	}
	return ap, nil
}

// bookIn books in the caller's transaction.
func (s *Service) bookIn(ctx context.Context, tx *txDB, in NewAppointment) (*Appointment, error) {
	var b writeBatch
	ap, idAt, err := s.bookQueued(ctx, tx, &b, in)
	if err == nil {
		err = b.runEach(tx)
	}
	if err != nil {
		if isDuplicate(err) {
			return nil, openAppointmentRace()
		}
		return nil, err
	}
	ap.ID = b.insertedIDOf(idAt)
	return ap, nil
}

// bookQueued decides the booking on what it reads in tx and queues its
// writes in b: the place taken, the appointment (whose id the statement
// at the returned index makes) and the audit row. A retest's or redraw's
// further writes need the appointment's id, so they run the queue first.
func (s *Service) bookQueued(ctx context.Context, tx *txDB, b *writeBatch, in NewAppointment) (*Appointment, int, error) {
	a := ActorFrom(ctx)
	// Her row, the slot's (both locked until the commit) and what the
	// booking rules read about her, in one round trip.
	c, sl, facts, err := s.loadClientAndSlot(ctx, tx, in.ClientID, in.SlotID)
	if err != nil {
		return nil, 0, err
	}
	kind, err := s.bookingKind(tx, in)
	if err != nil {
		return nil, 0, err
	}
	if in.RecollectionID != nil && in.FollowupID == nil {
		// The redraw of a retest's tube is still that case's retest.
		if in.FollowupID, err = recollectionCase(tx, *in.RecollectionID); err != nil {
			return nil, 0, err
		}
	}
	now := tx.now
	if err := slotNotStarted(sl, now); err != nil {
		return nil, 0, err
	}
	if facts.OpenID != nil {
		if err := refuseIfOpenAppointment(tx, c.ID); err != nil {
			return nil, 0, err
		}
		return nil, 0, openAppointmentRace()
	}
	if err := facts.check(c, c.Category, c.LMPDate, sl, kind); err != nil {
		return nil, 0, err
	}
	if kind == KindRetest {
		if err := checkRetestInterval(tx, *in.FollowupID, sl); err != nil {
			return nil, 0, err
		}
	}
	// Where the read locked the slot's row, its count holds until the
	// commit; elsewhere the update's condition decides (queueTakePlace).
	// The slot row is written before the appointment: inserting
	// first would make MySQL's foreign-key check lock the slot row in
	// share mode and deadlock concurrent bookings (shared/STACK.md).
	if err := placeLeft(sl); err != nil {
		return nil, 0, err
	}
	queueTakePlace(b, sl.ID)
	ap := Appointment{
		ClientID: c.ID, StationID: c.StationID, SlotID: sl.ID, Kind: kind, Day: sl.Day,
		Category: c.Category, LMPDate: c.LMPDate, RecollectionID: in.RecollectionID,
		FollowupID: in.FollowupID, BookedAt: now, Start: sl.StartTime,
	}
	if a.UserID != 0 {
		ap.BookedBy = &a.UserID
	}
	ap.setStatus(Booked, now)
	idAt := queueAppointment(b, &ap)
	var apID any = insertedID{}
	if in.RecollectionID != nil || in.FollowupID != nil {
		if err := b.runEach(tx); err != nil {
			return nil, 0, err
		}
		ap.ID = b.insertedIDOf(idAt)
		apID = ap.ID
	}
	if in.RecollectionID != nil {
		if err := tx.Model(&Recollection{}).Where("id = ?", *in.RecollectionID).Update("appointment_id", ap.ID).Error; err != nil {
			return nil, 0, err
		}
	}
	if in.FollowupID != nil {
		if err := s.retestScheduled(ctx, tx, *in.FollowupID, &ap, "booked for "+string(ap.Day)); err != nil {
			return nil, 0, err
		}
	}
	err = s.queueAudit(ctx, tx, b, "appointment.book", "appointment", apID, map[string]any{
		"client_id": c.ID, "slot_id": sl.ID, "date": sl.Day, "start": sl.StartTime,
		"kind": kind, "category": c.Category})
	if err != nil {
		return nil, 0, err
	}
	return &ap, idAt, nil
}

// bookingKind tells a screening from a retest or a redraw. Recollection
// requests and follow-up cases arrive with the samples and follow-up
// workflows; until a record exists, naming one is a validation error.
func (s *Service) bookingKind(tx *txDB, in NewAppointment) (AppointmentKind, error) {
	var v Validation
	kind := KindScreening
	if in.RecollectionID != nil {
		if ok, err := s.recollectionOpenFor(tx, *in.RecollectionID, in.ClientID); err != nil {
			return "", err
		} else if !ok {
			v.Add("recollection_id", "not_found", "no open recollection request for her with that id")
		}
		kind = KindRedraw
	}
	if in.FollowupID != nil {
		if ok, err := s.followupOpenFor(tx, *in.FollowupID, in.ClientID); err != nil {
			return "", err
		} else if !ok {
			v.Add("followup_id", "not_found", "no open follow-up case for her with that id")
		}
		kind = KindRetest
	}
	if in.RecollectionID != nil && in.FollowupID != nil {
		v.Add("followup_id", "not_allowed", "a booking is a redraw or a retest, not both")
	}
	return kind, v.Err()
}

// Reschedule moves a booked appointment to another slot of her station in
// one transaction: one place taken in the new slot, one given back in the
// old. The eligibility rules are checked again for the new date. Nurses and
// admins. CodeNotFound, CodeInvalidState (only booked appointments move),
// CodeValidation, CodeSlotInPast, the eligibility codes, CodeSlotFull.
func (s *Service) Reschedule(ctx context.Context, id, slotID int64) (*Appointment, error) {
	if err := ActorFrom(ctx).require(RoleNurse, RoleAdmin); err != nil {
		return nil, err
	}
	var ap *Appointment
	err := s.inTx(ctx, func(tx *txDB) error {
		var err error
		if ap, err = s.lockAppointment(ctx, tx, id); err != nil {
			return err
		}
		if _, err := nextStatus(ap.Status, "reschedule"); err != nil {
			return err
		}
		if ap.SlotID == slotID {
			return &Error{Code: CodeValidation, Message: "that is already her slot",
				Fields: []FieldError{{Field: "slot_id", Code: "unchanged"}}}
		}
		sl, err := loadSlot(tx.DB, slotID, ap.StationID)
		if err != nil {
			return err
		}
		now := tx.now
		if err := slotNotStarted(sl, now); err != nil {
			return err
		}
		var c Client
		if err := tx.First(&c, ap.ClientID).Error; err != nil {
			return err
		}
		// The appointment's own copy of her category and LMP is judged.
		if err := s.eligibleFor(tx, &c, ap.Category, ap.LMPDate, sl, ap.Kind, ap.ID); err != nil {
			return err
		}
		if ap.Kind == KindRetest && ap.FollowupID != nil {
			if err := checkRetestInterval(tx, *ap.FollowupID, sl); err != nil {
				return err
			}
		}
		// Touch the two slot rows in id order, so that two reschedules
		// crossing between the same slots queue instead of deadlocking.
		oldSlot := ap.SlotID
		if sl.ID < oldSlot {
			err = takePlace(tx, sl.ID)
			if err == nil {
				err = freePlace(tx, oldSlot)
			}
		} else {
			err = freePlace(tx, oldSlot)
			if err == nil {
				err = takePlace(tx, sl.ID)
			}
		}
		if err != nil {
			return err
		}
		from := map[string]any{"slot_id": oldSlot, "date": ap.Day}
		res := tx.Model(&Appointment{}).Where("id = ? AND status = ? AND slot_id = ?", ap.ID, Booked, oldSlot).
			Updates(map[string]any{"slot_id": sl.ID, "day": sl.Day, "updated_at": now})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return fmt.Errorf("appointment %d changed under its row lock", ap.ID)
		}
		ap.SlotID, ap.Day, ap.UpdatedAt, ap.Start = sl.ID, sl.Day, now, sl.StartTime
		if ap.FollowupID != nil {
			if err := s.retestScheduled(ctx, tx, *ap.FollowupID, ap, "moved to "+string(ap.Day)); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, "appointment.reschedule", "appointment", ap.ID, map[string]Change{
			"slot_id": {from["slot_id"], sl.ID}, "date": {from["date"], sl.Day}})
	})
	if err != nil {
		return nil, err
	}
	return ap, nil
}

// slotNotStarted refuses a slot whose start has passed (CodeSlotInPast).
func slotNotStarted(sl *Slot, now time.Time) error {
	if sl.StartsAt.After(now) {
		return nil
	}
	return &Error{Code: CodeSlotInPast, Message: "that slot has already started; choose a later one",
		Fields: []FieldError{{Field: "slot_id", Code: string(CodeSlotInPast)}}}
}

// eligibleFor applies the booking rules (CheckEligibility) to her booking
// of kind into the slot, counting her other screenings that year but the
// appointment being moved.
func (s *Service) eligibleFor(tx *txDB, c *Client, cat Category, lmp *Date, sl *Slot, kind AppointmentKind, except int64) error {
	facts, err := loadBookingFacts(tx.DB, c.ID, sl.Day, except)
	if err != nil {
		return err
	}
	return facts.check(c, cat, lmp, sl, kind)
}

// recollectionCase returns the follow-up case whose retest tube the
// recollection redraws, if any.
func recollectionCase(tx *txDB, recollectionID int64) (*int64, error) {
	var row struct{ FollowupID *int64 }
	err := tx.Table("recollections").Select("appointments.followup_id").
		Joins("JOIN samples ON samples.id = recollections.sample_id").
		Joins("JOIN appointments ON appointments.id = samples.appointment_id").
		Where("recollections.id = ?", recollectionID).Take(&row).Error
	if isNotFound(err) {
		return nil, nil
	}
	return row.FollowupID, err
}

// clientAndSlotSQL reads what loadClientAndSlot returns; its arguments
// are the slot's id, then the client's.
var clientAndSlotSQL = `SELECT clients.id, clients.station_id, clients.category, clients.lmp_date, clients.consent_given,
	slots.id, slots.station_id, slots.day, slots.start_time, slots.end_time, slots.starts_at, slots.day_ends_at,
	slots.capacity, slots.booked, slots.closed,
	` + bookingFactsColumns("clients.id", "slots.day", "0") + `
	FROM clients LEFT JOIN slots ON slots.id = ? WHERE clients.id = ?`

// loadClientAndSlot is loadClient, loadSlot and loadBookingFacts in one
// round trip: the client the actor may see (CodeNotFound otherwise), the
// slot, which must exist (CodeNotFound) and be at her station
// (CodeValidation), and what the booking rules read about her in the
// slot's calendar year (bookingFactsColumns). Only the client's fields a
// booking reads are filled: id, station, category, LMP and consent. It
// runs past GORM (database_direct.go).
func (s *Service) loadClientAndSlot(ctx context.Context, tx *txDB, clientID, slotID int64) (*Client, *Slot, bookingFacts, error) {
	var (
		c     Client
		facts bookingFacts
		// The slot's columns are NULL when there is no such slot.
		slotRowID, slotStation sql.Null[int64]
		day                    sql.Null[Date]
		start, end             sql.Null[string]
		startsAt, dayEndsAt    sql.Null[time.Time]
		capacity, booked       sql.Null[int]
		closed                 sql.Null[bool]
	)
	query := clientAndSlotSQL
	if s.batching() {
		// Her row and the slot's stay locked until the commit, which
		// the booking's writes go with (write_batch.go): bookings into
		// one slot, and of one woman, queue here.
		query += " FOR UPDATE"
	}
	err := queryRowDirect(tx, query, slotID, clientID).Scan(append([]any{
		&c.ID, &c.StationID, &c.Category, &c.LMPDate, &c.ConsentGiven,
		&slotRowID, &slotStation, &day, &start, &end, &startsAt, &dayEndsAt, &capacity, &booked, &closed,
	}, facts.scanTargets()...)...)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, nil, bookingFacts{}, notFound("client")
	case err != nil:
		return nil, nil, bookingFacts{}, err
	case !ActorFrom(ctx).canSeeStation(c.StationID):
		return nil, nil, bookingFacts{}, notFound("client")
	case !slotRowID.Valid:
		return nil, nil, bookingFacts{}, notFound("slot")
	}
	sl := Slot{ID: slotRowID.V, StationID: slotStation.V, Day: day.V, StartTime: start.V, EndTime: end.V,
		StartsAt: startsAt.V, DayEndsAt: dayEndsAt.V, Capacity: capacity.V, Booked: booked.V, Closed: closed.V}
	if sl.StationID != c.StationID {
		return nil, nil, bookingFacts{}, &Error{Code: CodeValidation, Message: "the slot is at another station than hers",
			Fields: []FieldError{{Field: "slot_id", Code: "other_station"}}}
	}
	return &c, &sl, facts, nil
}
