package lab

import (
	"context"
)

// SlotPatch changes a slot; nil fields stay as they are.
type SlotPatch struct {
	Capacity *int
	Closed   *bool
}

// lockSlot loads a slot of a station the actor manages slots for, locked
// until the transaction ends. A slot of another station is CodeNotFound,
// as for creating slots; roles as for creating slots.
func (s *Service) lockSlot(ctx context.Context, tx *txDB, id int64) (*Slot, error) {
	if err := ActorFrom(ctx).require(RoleAdmin, RoleNurse); err != nil {
		return nil, err
	}
	var sl Slot
	if err := tx.Clauses(lockForUpdate).First(&sl, id).Error; err != nil {
		if isNotFound(err) {
			return nil, notFound("slot")
		}
		return nil, err
	}
	if !ActorFrom(ctx).canSeeStation(sl.StationID) {
		return nil, notFound("slot")
	}
	return &sl, nil
}

// UpdateSlot changes a slot's capacity or closes and reopens it, in one
// transaction with its audit row. The slot row is locked, so a booking
// cannot slip between the count and the change. CodeCapacityBelowBooked
// for a capacity under the places booked (equal is allowed);
// CodeValidation for a capacity out of range or an empty patch.
func (s *Service) UpdateSlot(ctx context.Context, id int64, p SlotPatch) (*Slot, error) {
	var sl *Slot
	err := s.inTx(ctx, func(tx *txDB) error {
		var err error
		if sl, err = s.lockSlot(ctx, tx, id); err != nil {
			return err
		}
		var v Validation
		if p.Capacity == nil && p.Closed == nil {
			v.Add("capacity", "required", "capacity, closed or both")
		}
		if p.Capacity != nil {
			checkCapacity(&v, *p.Capacity)
		}
		if err := v.Err(); err != nil {
			return err
		}
		changes := map[string]Change{}
		if p.Capacity != nil && *p.Capacity != sl.Capacity {
			if *p.Capacity < sl.Booked {
				return &Error{Code: CodeCapacityBelowBooked,
					Message: "the slot has more places booked than that; cancel or move bookings first",
					Fields:  []FieldError{{Field: "capacity", Code: string(CodeCapacityBelowBooked)}},
					Extra:   map[string]any{"booked": sl.Booked}}
			}
			changes["capacity"] = Change{sl.Capacity, *p.Capacity}
			sl.Capacity = *p.Capacity
		}
		if p.Closed != nil && *p.Closed != sl.Closed {
			changes["closed"] = Change{sl.Closed, *p.Closed}
			sl.Closed = *p.Closed
		}
		if len(changes) == 0 {
			return nil
		}
		if err := tx.Model(&Slot{}).Where("id = ?", sl.ID).
			Updates(map[string]any{"capacity": sl.Capacity, "closed": sl.Closed}).Error; err != nil {
			return err
		}
		return s.audit(ctx, tx, "slot.update", "slot", sl.ID, changes)
	})
	if err != nil {
		return nil, err
	}
	return sl, nil
}

// DeleteSlot removes a slot no appointment has ever used, in one
// transaction with its audit row. A slot with a booking, or whose
// cancelled or missed appointments are its history, is CodeSlotInUse:
// close it instead.
func (s *Service) DeleteSlot(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *txDB) error {
		sl, err := s.lockSlot(ctx, tx, id)
		if err != nil {
			return err
		}
		var used int64
		if err := tx.Model(&Appointment{}).Where("slot_id = ?", sl.ID).Count(&used).Error; err != nil {
			return err
		}
		if sl.Booked > 0 || used > 0 {
			return &Error{Code: CodeSlotInUse,
				Message: "appointments use this slot; close it to new bookings instead",
				Extra:   map[string]any{"booked": sl.Booked}}
		}
		if err := tx.Delete(&Slot{}, sl.ID).Error; err != nil {
			return err
		}
		return s.audit(ctx, tx, "slot.delete", "slot", sl.ID, map[string]any{
			"station_id": sl.StationID, "date": sl.Day, "start": sl.StartTime, "capacity": sl.Capacity})
	})
}
