package lab

import (
	"cmp"
	"context"
	"fmt"
	"slices"
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

// SafetyNetItem is something that must never exist: a released abnormal
// sample without a case, an open case whose assignee cannot work it, or an
// open case left unassigned although its station has a counselor.
type SafetyNetItem struct {
	Kind       string `json:"kind"`
	Accession  string `json:"accession"`
	FollowupID *int64 `json:"followup_id,omitempty"`
	AssigneeID *int64 `json:"assignee_id,omitempty"`
	StationID  int64  `json:"station_id"`
}

// SafetyNet lists what would let an abnormal result be lost. Both lists
// must always be empty. Admins only (the metrics gauge uses the system).
func (s *Service) SafetyNet(ctx context.Context) ([]SafetyNetItem, error) {
	if err := ActorFrom(ctx).require(RoleAdmin); err != nil {
		return nil, err
	}
	db := s.read(ctx)
	items := []SafetyNetItem{}
	// The orphans' ids first, from the index of status and abnormal alone
	// (migration 00042): at a million women a quarter million released
	// abnormal samples, whose rows are read only for the orphans found,
	// normally none.
	var orphanIDs []int64
	err := db.Table("samples").
		Where("samples.status = ? AND samples.abnormal = ? AND NOT EXISTS (SELECT 1 FROM followup_samples fs WHERE fs.sample_id = samples.id)",
			SampleReleased, true).Order("samples.id").Pluck("samples.id", &orphanIDs).Error
	if err != nil {
		return nil, err
	}
	var orphans []SafetyNetItem
	for _, ids := range Chunks(orphanIDs, InListMax) {
		var part []SafetyNetItem
		if err := db.Table("samples").Select("'abnormal_without_case' AS kind, samples.accession, samples.station_id").
			Where("samples.id IN ?", ids).Order("samples.id").Scan(&part).Error; err != nil {
			return nil, err
		}
		orphans = append(orphans, part...)
	}
	// Sorted here, not by the query: asked in id order, MariaDB walked
	// every case by its key (200,000 at a million women) where it can go
	// from each user to her active cases.
	var stranded []SafetyNetItem
	err = db.Table("followups").
		Select("'assignee_inactive' AS kind, followups.sample_accession AS accession, followups.id AS followup_id, followups.assignee_id, followups.station_id").
		Joins("JOIN users ON users.id = followups.assignee_id").
		Where("followups.status IN ? AND (users.active = ? OR users.role <> ? OR users.station_id IS NULL OR users.station_id <> followups.station_id)",
			[]FollowupStatus{CaseOpen, CaseInProgress}, false, RoleCounselor).Scan(&stranded).Error
	if err != nil {
		return nil, err
	}
	slices.SortFunc(stranded, func(a, b SafetyNetItem) int { return cmp.Compare(*a.FollowupID, *b.FollowupID) })
	var waiting []SafetyNetItem
	err = db.Table("followups").
		Select("'unassigned_with_counselor' AS kind, followups.sample_accession AS accession, followups.id AS followup_id, followups.station_id").
		Where("followups.status <> ? AND followups.assignee_id IS NULL AND EXISTS (SELECT 1 FROM users u WHERE u.role = ? AND u.active = ? AND u.station_id = followups.station_id)",
			CaseClosed, RoleCounselor, true).Order("followups.id").Scan(&waiting).Error
	if err != nil {
		return nil, err
	}
	items = append(append(append(items, orphans...), stranded...), waiting...)
	return items, nil
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
