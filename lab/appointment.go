package lab

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// AppointmentStatus is where an appointment stands (API.md, Enumerations).
type AppointmentStatus string

// Appointment statuses.
const (
	Booked    AppointmentStatus = "booked"
	CheckedIn AppointmentStatus = "checked_in"
	Collected AppointmentStatus = "collected"
	Cancelled AppointmentStatus = "cancelled"
	NoShow    AppointmentStatus = "no_show"
)

// AppointmentKind says why she was booked: her yearly screening, a retest
// from a follow-up case, or a redraw after a rejected tube.
type AppointmentKind string

// Appointment kinds.
const (
	KindScreening AppointmentKind = "screening"
	KindRetest    AppointmentKind = "retest"
	KindRedraw    AppointmentKind = "redraw"
)

// appointmentMoves is the appointment state machine: for each move, the
// statuses it may start from and the status it leads to.
var appointmentMoves = map[string]struct {
	from []AppointmentStatus
	to   AppointmentStatus
}{
	"check in":   {[]AppointmentStatus{Booked}, CheckedIn},
	"cancel":     {[]AppointmentStatus{Booked, CheckedIn}, Cancelled},
	"no-show":    {[]AppointmentStatus{Booked}, NoShow},
	"reschedule": {[]AppointmentStatus{Booked}, Booked},
	"collect":    {[]AppointmentStatus{CheckedIn}, Collected},
}

// nextStatus returns the status a move leads to from st, or CodeInvalidState
// (with current_state) when the move is not allowed from st.
func nextStatus(st AppointmentStatus, move string) (AppointmentStatus, error) {
	m := appointmentMoves[move]
	for _, f := range m.from {
		if f == st {
			return m.to, nil
		}
	}
	return "", invalidState("appointment", string(st), move)
}

// isOpen reports whether the status holds the client's one open booking.
func (st AppointmentStatus) isOpen() bool { return st == Booked || st == CheckedIn }

// Appointment is one woman booked into one slot. Category and last
// menstrual period are copied from her record at booking: interpretation
// and follow-up priority use this copy, as it was on the day.
type Appointment struct {
	ID             int64             `json:"id" gorm:"primaryKey"`
	ClientID       int64             `json:"client_id"`
	StationID      int64             `json:"station_id"`
	SlotID         int64             `json:"slot_id"`
	Status         AppointmentStatus `json:"status"`
	Kind           AppointmentKind   `json:"kind"`
	Day            Date              `json:"date"`
	Category       Category          `json:"category"`
	LMPDate        *Date             `json:"lmp_date"`
	RecollectionID *int64            `json:"recollection_id"`
	FollowupID     *int64            `json:"followup_id"`
	OpenClientID   *int64            `json:"-"`
	BookedBy       *int64            `json:"booked_by"`
	BookedAt       time.Time         `json:"booked_at"`
	CheckedInAt    *time.Time        `json:"checked_in_at,omitempty"`
	CollectedAt    *time.Time        `json:"collected_at,omitempty"`
	ClosedAt       *time.Time        `json:"closed_at,omitempty"`
	CancelReason   string            `json:"cancel_reason,omitempty"`
	UpdatedAt      time.Time         `json:"updated_at" gorm:"autoUpdateTime:false"`
	// Start is the slot's time of day, filled in for answers.
	Start string `json:"start" gorm:"-"`
}

// appointmentColumns are the columns queueAppointment writes: every
// column of Appointment but its id (a test holds the list to the model).
const appointmentColumns = `client_id, station_id, slot_id, status, kind, day, category, lmp_date, recollection_id,
	followup_id, open_client_id, booked_by, booked_at, checked_in_at, collected_at, closed_at, cancel_reason, updated_at`

// queueAppointment queues a new appointment's INSERT in b and returns
// the statement's index, whose insertedIDOf is the appointment's id.
func queueAppointment(b *writeBatch, ap *Appointment) int {
	return b.exec(`INSERT INTO appointments (`+appointmentColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		ap.ClientID, ap.StationID, ap.SlotID, ap.Status, ap.Kind, ap.Day, ap.Category, ap.LMPDate, ap.RecollectionID,
		ap.FollowupID, ap.OpenClientID, ap.BookedBy, ap.BookedAt, ap.CheckedInAt, ap.CollectedAt, ap.ClosedAt, ap.CancelReason, ap.UpdatedAt)
}

// placeLeft refuses a booking into a slot, as read, that is closed
// (CodeSlotClosed) or full (CodeSlotFull). Read under its row lock it is
// the answer; read without, takePlaceSQL's condition has the last word.
func placeLeft(sl *Slot) error {
	if sl.Closed {
		return Errorf(CodeSlotClosed, "the slot is closed to new bookings; choose another time")
	}
	if sl.Booked >= sl.Capacity {
		return Errorf(CodeSlotFull, "the slot is full; choose another time")
	}
	return nil
}

// setStatus moves the appointment and keeps the open-booking guard in step.
func (ap *Appointment) setStatus(st AppointmentStatus, now time.Time) {
	ap.Status = st
	ap.UpdatedAt = now
	if st.isOpen() {
		id := ap.ClientID
		ap.OpenClientID = &id
	} else {
		ap.OpenClientID = nil
		if st != Collected {
			ap.ClosedAt = &now
		}
	}
}

// loadAppointment reads an appointment the actor may see (CodeNotFound).
func (s *Service) loadAppointment(ctx context.Context, db *gorm.DB, id int64) (*Appointment, error) {
	return s.loadAppointmentLocked(ctx, db, id, false)
}

// lockAppointment reads an appointment for a move, locking its row until
// the transaction ends (MySQL), so that moves racing on one appointment
// (a reschedule and a cancel) run one after the other on fresh state.
func (s *Service) lockAppointment(ctx context.Context, tx *txDB, id int64) (*Appointment, error) {
	return s.loadAppointmentLocked(ctx, tx.DB, id, true)
}

func (s *Service) loadAppointmentLocked(ctx context.Context, db *gorm.DB, id int64, lock bool) (*Appointment, error) {
	var ap Appointment
	if lock {
		db = db.Clauses(lockForUpdate)
	}
	if err := db.First(&ap, id).Error; err != nil {
		if isNotFound(err) {
			return nil, notFound("appointment")
		}
		return nil, err
	}
	if !ActorFrom(ctx).canSeeStation(ap.StationID) {
		return nil, notFound("appointment")
	}
	return &ap, nil
}

// loadSlot reads a slot for booking into; it must be at the client's
// station (CodeValidation on slot_id otherwise; a missing slot is
// CodeNotFound).
func loadSlot(db *gorm.DB, id, stationID int64) (*Slot, error) {
	var sl Slot
	if err := db.First(&sl, id).Error; err != nil {
		if isNotFound(err) {
			return nil, notFound("slot")
		}
		return nil, err
	}
	if sl.StationID != stationID {
		return nil, &Error{Code: CodeValidation, Message: "the slot is at another station than hers",
			Fields: []FieldError{{Field: "slot_id", Code: "other_station"}}}
	}
	return &sl, nil
}

// takePlaceSQL books one place in the slot with a conditional update,
// which the database applies atomically: never more than capacity, however
// many nurses book at once.
const takePlaceSQL = "UPDATE slots SET booked = booked + 1 WHERE id = ? AND booked < capacity AND closed = ?"

// takePlace takes a place (takePlaceSQL); CodeSlotFull or CodeSlotClosed
// when it is refused.
func takePlace(tx *txDB, slotID int64) error {
	res, err := execDirect(tx, takePlaceSQL, slotID, false)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n > 0 {
		return nil
	}
	return placeRefused(tx, slotID)
}

// queueTakePlace queues takePlaceSQL in b.
func queueTakePlace(b *writeBatch, slotID int64) {
	b.execChecked(func(tx *txDB) error { return placeRefused(tx, slotID) }, takePlaceSQL, slotID, false)
}

// placeRefused says why takePlaceSQL changed nothing: the slot is closed
// or full (read only on refusal).
func placeRefused(tx *txDB, slotID int64) error {
	var closed bool
	if err := tx.Model(&Slot{}).Select("closed").Where("id = ?", slotID).Scan(&closed).Error; err != nil {
		return err
	}
	if closed {
		return Errorf(CodeSlotClosed, "the slot is closed to new bookings; choose another time")
	}
	return Errorf(CodeSlotFull, "the slot is full; choose another time")
}

// freePlace gives a place back to the slot.
func freePlace(tx *txDB, slotID int64) error {
	return tx.Model(&Slot{}).Where("id = ? AND booked > 0", slotID).
		UpdateColumn("booked", gormExpr("booked - 1")).Error
}
