package lab

import (
	"context"
	"fmt"
	"time"
)

// EscalateOverdue finds the open cases whose next action is past due,
// marks each escalated and notifies the admins, once per lapse: a new next
// action clears the mark (setNextAction), so a case that lapses again
// escalates again, reached or not. Several torchlab processes may run it
// at once: a lapse is claimed by a conditional update on the case's row
// (which the database locks), so only one process ever escalates it, and
// the notification commits with the claim.
func (s *Service) EscalateOverdue(ctx context.Context) (int, error) {
	ctx = SystemContext(ctx, "(overdue job)")
	var ids []int64
	err := s.read(ctx).Model(&Followup{}).
		Where("status <> ? AND escalated_at IS NULL AND due_at < ?", CaseClosed, s.now()).
		Order("due_at").Limit(1000).Pluck("id", &ids).Error
	if err != nil {
		return 0, err
	}
	escalated := 0
	for _, id := range ids {
		err := s.inTx(ctx, func(tx *txDB) error {
			now := tx.now
			res := tx.Model(&Followup{}).
				Where("id = ? AND escalated_at IS NULL AND status <> ? AND due_at < ?", id, CaseClosed, now).
				Update("escalated_at", now)
			if res.Error != nil || res.RowsAffected == 0 {
				return res.Error // another process claimed it, or it changed
			}
			var c Followup
			if err := tx.First(&c, id).Error; err != nil {
				return err
			}
			admins, err := activeAdmins(tx)
			if err != nil {
				return err
			}
			late := now.Sub(c.DueAt).Round(time.Minute)
			what := "nobody reached"
			if c.ReachedAt != nil {
				what = "its " + string(c.NextActionKind) + " not done"
			}
			if err := s.notify(tx, admins, NotifyOverdue, &c.ID, &c.SampleID,
				fmt.Sprintf("a %s case is overdue by %s with %s", c.Priority, late, what),
				map[string]any{"priority": c.Priority, "station_id": c.StationID, "due_at": c.DueAt,
					"next_action": c.NextActionKind}); err != nil {
				return err
			}
			if err := s.caseEvent(ctx, tx, c.ID, "escalated", "overdue by "+late.String()+": "+string(c.NextActionKind)); err != nil {
				return err
			}
			escalated++
			return s.audit(ctx, tx, "followup.escalate", "followup", c.ID, nil)
		})
		if err != nil {
			return escalated, err
		}
	}
	return escalated, nil
}

// AssignWaiting gives every open, unassigned case whose station now has an
// active counselor to one. Assignment at release and when a counselor joins
// covers the usual paths; this job catches a case opened in the instant a
// counselor joined, so that none waits unowned for long.
func (s *Service) AssignWaiting(ctx context.Context) (int, error) {
	ctx = SystemContext(ctx, "(assignment job)")
	var ids []int64
	err := s.read(ctx).Model(&Followup{}).
		Where("status <> ? AND assignee_id IS NULL AND EXISTS (SELECT 1 FROM users u WHERE u.role = ? AND u.active = ? AND u.station_id = followups.station_id)",
			CaseClosed, RoleCounselor, true).Order("id").Limit(1000).Pluck("id", &ids).Error
	if err != nil {
		return 0, err
	}
	assigned := 0
	for _, id := range ids {
		err := s.inTx(ctx, func(tx *txDB) error {
			var c Followup
			if err := tx.Clauses(lockForUpdate).First(&c, id).Error; err != nil {
				return err
			}
			if c.AssigneeID != nil || c.Status == CaseClosed {
				return nil
			}
			if err := s.assign(ctx, tx, &c, 0); err != nil {
				return err
			}
			if c.AssigneeID != nil {
				assigned++
			}
			return nil
		})
		if err != nil {
			return assigned, err
		}
	}
	return assigned, nil
}
