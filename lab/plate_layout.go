package lab

import (
	"context"
	"encoding/json"
)

// SetRunPlateLayout stores the layout a run's plate is to be laid out by
// (where the kit's insert asks for other wells than the default), checked
// against the run's samples, with its audit row. Lab technicians.
// CodeNotFound; CodeValidation for a layout naming a well that does not
// exist or one twice, or without a cut-off calibrator; CodePlateFull when
// the run's samples would not fit; CodeInvalidState once the plate was
// read (its results were entered on the layout it had).
func (s *Service) SetRunPlateLayout(ctx context.Context, runID int64, l PlateLayout) (*RunPlate, error) {
	if err := ActorFrom(ctx).require(RoleLabTech); err != nil {
		return nil, err
	}
	err := s.inTx(ctx, func(tx *txDB) error {
		p, err := s.runPlate(tx.DB, runID)
		if err != nil {
			return err
		}
		if p.ReadAt != nil {
			return Errorf(CodeInvalidState, "the plate was read and its results entered on its layout; it can no longer change")
		}
		var accessions []string
		for _, w := range p.Wells {
			if w.Kind == WellSample {
				accessions = append(accessions, w.Accession)
			}
		}
		if _, err := LayOutPlate(l, accessions); err != nil {
			return err
		}
		layout, err := json.Marshal(l)
		if err != nil {
			return err
		}
		formula, err := json.Marshal(p.Formula)
		if err != nil {
			return err
		}
		var existing []runPlate
		if err := tx.Where("run_id = ?", runID).Limit(1).Find(&existing).Error; err != nil {
			return err
		}
		row := runPlate{RunID: runID, Layout: string(layout), Formula: string(formula)}
		if len(existing) == 1 {
			row = existing[0]
			row.Layout = string(layout)
		}
		if err := tx.Save(&row).Error; err != nil {
			return err
		}
		return s.audit(ctx, tx, "run.plate_layout", "run", runID, map[string]any{"layout": l})
	})
	if err != nil {
		return nil, err
	}
	return s.RunPlate(ctx, runID)
}
