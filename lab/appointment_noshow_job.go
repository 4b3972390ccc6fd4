package lab

import (
	"context"
)

// MarkNoShows marks every booking whose slot's day has ended at its station
// as no_show, each in its own transaction with its audit row, and returns
// how many it marked. Several torchlab processes may run it at once: the
// update applies only while the appointment is still booked, so each one is
// marked, and audited, exactly once.
func (s *Service) MarkNoShows(ctx context.Context) (int, error) {
	ctx = SystemContext(ctx, "(end-of-day job)")
	marked := 0
	for {
		var ids []int64
		err := s.read(ctx).Model(&Appointment{}).
			Joins("JOIN slots ON slots.id = appointments.slot_id").
			Where("appointments.status = ? AND slots.day_ends_at <= ?", Booked, s.now()).
			Order("appointments.id").Limit(500).Pluck("appointments.id", &ids).Error
		if err != nil || len(ids) == 0 {
			return marked, err
		}
		progress := 0
		for _, id := range ids {
			counted := false // a run that is retried counts once
			err := s.inTx(ctx, func(tx *txDB) error {
				counted = false
				now := tx.now
				res := tx.Model(&Appointment{}).Where("id = ? AND status = ?", id, Booked).Updates(map[string]any{
					"status": NoShow, "open_client_id": nil, "closed_at": now, "updated_at": now,
				})
				if res.Error != nil || res.RowsAffected == 0 {
					return res.Error // another process got there first
				}
				var ap Appointment
				if err := tx.Select("id", "kind", "day", "followup_id").First(&ap, id).Error; err != nil {
					return err
				}
				if err := s.retestMissed(ctx, tx, &ap, ap.Day, "missed"); err != nil {
					return err
				}
				counted = true
				return s.audit(ctx, tx, "appointment.no_show", "appointment", id,
					map[string]any{"status": Change{Booked, NoShow}, "by": "end of the slot's day"})
			})
			if err != nil {
				return marked + progress, err
			}
			if counted {
				progress++
			}
		}
		marked += progress
		if len(ids) < 500 {
			return marked, nil
		}
	}
}
