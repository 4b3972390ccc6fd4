package lab

import (
	"context"
	"strings"
)

// RecordCorrectiveAction closes a rejected run with the action taken and
// re-runs its samples (docs/decisions.md, "Quality control and reagent
// lots"): a new run is opened on the same analytes, on the lots given or
// else the same lots; every sample of the rejected run that is not
// released leaves it for the new run, and its entered results are cleared
// (kept as superseded) so that it waits for entry again. The rejected run
// becomes corrected and names its re-run. All in one transaction, audited.
// Lab technicians and admins. CodeNotFound, CodeInvalidState (the run is
// not rejected), CodeValidation (no action), lot codes as CreateRun.
func (s *Service) RecordCorrectiveAction(ctx context.Context, id int64, action string, lots map[string]string) (*RunDetail, error) {
	if err := ActorFrom(ctx).require(RoleLabTech, RoleAdmin); err != nil {
		return nil, err
	}
	var v Validation
	action = v.note("action", action, 1000)
	if strings.TrimSpace(action) == "" {
		v.Add("action", "required", "what was done about the failed control")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	var rerunID int64
	err := s.inTx(ctx, func(tx *txDB) error {
		r, err := lockRun(tx, id)
		if err != nil {
			return err
		}
		if r.Status != RunRejected {
			return invalidState("run", r.Status, "record corrective action for")
		}
		var ras []runAnalyte
		if err := tx.Where("run_id = ?", r.ID).Order("id").Find(&ras).Error; err != nil {
			return err
		}
		book, err := loadLotBook(tx.DB)
		if err != nil {
			return err
		}
		analytes := make([]string, len(ras))
		same := map[string]string{}
		for i, ra := range ras {
			analytes[i] = ra.AnalyteCode
			same[ra.AnalyteCode] = book.byID[ra.LotID].Lot
		}
		for k, lot := range lots {
			same[strings.ToUpper(strings.TrimSpace(k))] = lot
		}
		rerun, err := s.openRun(ctx, tx, analytes, same)
		if err != nil {
			return err
		}
		rerunID = rerun.ID
		moved, err := s.moveToRerun(ctx, tx, r.ID, rerun.ID, analytes)
		if err != nil {
			return err
		}
		now := tx.now
		if err := tx.Model(&Run{}).Where("id = ?", r.ID).Updates(map[string]any{"status": RunCorrected,
			"corrective_action": action, "corrected_at": now, "rerun_id": rerun.ID}).Error; err != nil {
			return err
		}
		return s.audit(ctx, tx, "run.corrective_action", "run", r.ID, map[string]any{"action": action,
			"status": Change{r.Status, RunCorrected}, "rerun_id": rerun.ID, "samples": moved})
	})
	if err != nil {
		return nil, err
	}
	return s.GetRun(ctx, rerunID)
}

// moveToRerun moves the unreleased samples of run from to run to: each
// leaves from, joins to, and its entered results of the run's analytes are
// superseded, so it is received (awaiting entry) again. It returns the
// accessions moved.
func (s *Service) moveToRerun(ctx context.Context, tx *txDB, from, to int64, analytes []string) ([]string, error) {
	now := tx.now
	var members []runSample
	if err := tx.Where("run_id = ? AND removed_at IS NULL", from).Order("id").Find(&members).Error; err != nil {
		return nil, err
	}
	moved := []string{}
	for _, m := range members {
		sm := Sample{}
		if err := tx.Clauses(lockForUpdate).First(&sm, m.SampleID).Error; err != nil {
			return nil, err
		}
		if err := tx.Model(&runSample{}).Where("id = ?", m.ID).Update("removed_at", now).Error; err != nil {
			return nil, err
		}
		if sm.Status == SampleReleased {
			continue // released before the failure was found: amend it if need be
		}
		if err := tx.Create(&runSample{RunID: to, SampleID: sm.ID, AddedAt: now}).Error; err != nil {
			return nil, err
		}
		if err := supersede(tx, sm.ID, ResultEntered, analytes, now); err != nil {
			return nil, err
		}
		if sm.Status == SampleResulted {
			if err := tx.Model(&Sample{}).Where("id = ?", sm.ID).Updates(map[string]any{"status": SampleReceived, "updated_at": now}).Error; err != nil {
				return nil, err
			}
		}
		if err := s.addEvent(ctx, tx, sm.ID, "rerun", strings.Join(analytes, ", ")); err != nil {
			return nil, err
		}
		moved = append(moved, sm.Accession)
	}
	return moved, nil
}

// OverrideRun releases a rejected run's hold without a re-run. Admins
// only, with a reason; audited. CodeNotFound, CodeInvalidState (the run is
// not rejected), CodeValidation (no reason).
func (s *Service) OverrideRun(ctx context.Context, id int64, reason string) (*RunDetail, error) {
	a := ActorFrom(ctx)
	if err := a.require(RoleAdmin); err != nil {
		return nil, err
	}
	var v Validation
	reason = v.note("reason", reason, 1000)
	if strings.TrimSpace(reason) == "" {
		v.Add("reason", "required", "why the run's results may be released despite the failed control")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	err := s.inTx(ctx, func(tx *txDB) error {
		r, err := lockRun(tx, id)
		if err != nil {
			return err
		}
		if r.Status != RunRejected {
			return invalidState("run", r.Status, "override")
		}
		if err := tx.Model(&Run{}).Where("id = ?", r.ID).Updates(map[string]any{"status": RunOverridden,
			"override_reason": reason, "overridden_by": nilIfZero(a.UserID)}).Error; err != nil {
			return err
		}
		return s.audit(ctx, tx, "run.override", "run", r.ID, map[string]any{"reason": reason, "status": Change{r.Status, RunOverridden}})
	})
	if err != nil {
		return nil, err
	}
	return s.GetRun(ctx, id)
}
