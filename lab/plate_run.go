package lab

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"gorm.io/gorm"
)

// runPlate is a run's stored plate: the layout and formula it was read
// with, and the cut-off of that reading.
type runPlate struct {
	ID          int64 `gorm:"primaryKey"`
	RunID       int64
	AnalyteCode string
	Layout      string
	Formula     string
	Cutoff      *float64
	ReadBy      *int64
	ReadAt      *time.Time
}

func (runPlate) TableName() string { return "run_plates" }

// RunPlate is a run laid out on its plate.
type RunPlate struct {
	RunID    int64       `json:"run_id"`
	Analytes []string    `json:"analytes"`
	Layout   PlateLayout `json:"layout"`
	Formula  KitFormula  `json:"formula"`
	Wells    []Well      `json:"wells"`
	// Cutoff and ReadAt are set once an OD file was entered.
	Cutoff *float64   `json:"cutoff,omitempty"`
	ReadAt *time.Time `json:"read_at,omitempty"`
}

// PlateODInput is what reading a plate needs besides the OD file: the
// analyte (needed only when the run has several), the kit's formula (the
// default when nil) and whether to enter the values or only show them.
type PlateODInput struct {
	Analyte string
	Formula *KitFormula
	Enter   bool
}

// PlateOutcome is a plate's reading and, when entered, how many results
// were entered.
type PlateOutcome struct {
	PlateReading
	Analyte string `json:"analyte"`
	Entered int    `json:"entered"`
}

// RunPlate lays a run out on its plate: the stored layout, else the
// default, with the run's samples in the order they were scanned into it.
// Lab technicians. CodeNotFound; CodePlateFull when the samples do not fit.
func (s *Service) RunPlate(ctx context.Context, runID int64) (*RunPlate, error) {
	if err := ActorFrom(ctx).require(RoleLabTech); err != nil {
		return nil, err
	}
	return s.runPlate(s.read(ctx), runID)
}

func (s *Service) runPlate(db *gorm.DB, runID int64) (*RunPlate, error) {
	var run Run
	if err := db.First(&run, runID).Error; err != nil {
		if isNotFound(err) {
			return nil, notFound("run")
		}
		return nil, err
	}
	p := &RunPlate{RunID: runID, Layout: DefaultPlateLayout(), Formula: DefaultKitFormula(), Analytes: []string{}}
	if err := db.Table("run_analytes").Where("run_id = ?", runID).Order("id").Pluck("analyte_code", &p.Analytes).Error; err != nil {
		return nil, err
	}
	var stored []runPlate
	if err := db.Where("run_id = ?", runID).Limit(1).Find(&stored).Error; err != nil {
		return nil, err
	}
	if len(stored) == 1 {
		if err := json.Unmarshal([]byte(stored[0].Layout), &p.Layout); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(stored[0].Formula), &p.Formula); err != nil {
			return nil, err
		}
		p.Cutoff, p.ReadAt = stored[0].Cutoff, stored[0].ReadAt
	}
	var accessions []string
	if err := db.Table("run_samples").Select("samples.accession").
		Joins("JOIN samples ON samples.id = run_samples.sample_id").
		Where("run_samples.run_id = ? AND run_samples.removed_at IS NULL", runID).
		Order("run_samples.id").Pluck("samples.accession", &accessions).Error; err != nil {
		return nil, err
	}
	wells, err := LayOutPlate(p.Layout, accessions)
	if err != nil {
		return nil, err
	}
	p.Wells = wells
	return p, nil
}

// ReadRunPlate reads the reader's OD file for a run's plate with the kit's
// formula and, with in.Enter, enters each sample's value as its result for
// the analyte through the import's path (enterLines: the same value, state,
// panel and lot rules), all or nothing in one transaction with the plate
// stored and one audit row. Lab technicians. CodeMalformed for a file
// that is not an OD export, CodePlateInvalid for a plate the kit refuses,
// CodeValidation for a sample the rules refuse (each named in the fields).
func (s *Service) ReadRunPlate(ctx context.Context, runID int64, file io.Reader, in PlateODInput) (*PlateOutcome, error) {
	if err := ActorFrom(ctx).require(RoleLabTech); err != nil {
		return nil, err
	}
	ods, err := ParseODFile(file)
	if err != nil {
		return nil, err
	}
	var out *PlateOutcome
	compute := func(db *gorm.DB) (*RunPlate, error) {
		p, err := s.runPlate(db, runID)
		if err != nil {
			return nil, err
		}
		if in.Formula != nil {
			p.Formula = *in.Formula
		}
		analyte := in.Analyte
		switch {
		case analyte == "" && len(p.Analytes) == 1:
			analyte = p.Analytes[0]
		case analyte == "" || !hasString(p.Analytes, analyte):
			return nil, &Error{Code: CodeValidation, Message: "name the analyte the plate was read for, one of the run's",
				Fields: []FieldError{{Field: "analyte", Code: "invalid", Detail: fmt.Sprintf("one of %v", p.Analytes)}}}
		}
		r, err := ReadPlate(p.Wells, ods, p.Formula)
		if err != nil {
			return nil, err
		}
		out = &PlateOutcome{PlateReading: *r, Analyte: analyte}
		return p, nil
	}
	if !in.Enter {
		if _, err := compute(s.read(ctx)); err != nil {
			return nil, err
		}
		return out, nil
	}
	err = s.inTx(ctx, func(tx *txDB) error {
		p, err := compute(tx.DB)
		if err != nil {
			return err
		}
		lines := make([]importLine, len(out.Samples))
		for i, sm := range out.Samples {
			lines[i].Line, lines[i].Accession, lines[i].Analyte = i+1, sm.Accession, out.Analyte
			lines[i].in = ResultInput{Analyte: out.Analyte, Value: sm.Text}
		}
		if err := s.enterLines(ctx, tx, nil, lines, true); err != nil {
			return err
		}
		refused := 0
		for _, l := range lines {
			if !l.OK {
				refused++
			}
		}
		if refused > 0 {
			e := &Error{Code: CodeValidation, Message: fmt.Sprintf("%d of the plate's %d samples cannot take a result; nothing was entered", refused, len(lines))}
			for i, l := range lines {
				if !l.OK {
					e.Fields = append(e.Fields, FieldError{Field: "samples." + out.Samples[i].Accession, Code: l.Code, Detail: l.Detail})
				}
			}
			return e
		}
		out.Entered = len(lines)
		return s.storePlate(ctx, tx, p, out)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// storePlate keeps the layout, formula and cut-off the run's plate was read
// with, and writes the reading's audit row.
func (s *Service) storePlate(ctx context.Context, tx *txDB, p *RunPlate, out *PlateOutcome) error {
	layout, err := json.Marshal(p.Layout)
	if err != nil {
		return err
	}
	formula, err := json.Marshal(p.Formula)
	if err != nil {
		return err
	}
	now := tx.now
	row := runPlate{RunID: p.RunID, AnalyteCode: out.Analyte, Layout: string(layout), Formula: string(formula),
		Cutoff: &out.Cutoff, ReadBy: nilIfZero(ActorFrom(ctx).UserID), ReadAt: &now}
	var existing []runPlate
	if err := tx.Where("run_id = ?", p.RunID).Limit(1).Find(&existing).Error; err != nil {
		return err
	}
	if len(existing) == 1 {
		row.ID = existing[0].ID
	}
	if err := tx.Save(&row).Error; err != nil {
		return err
	}
	values := map[string]string{}
	for _, sm := range out.Samples {
		values[sm.Accession] = sm.Text
	}
	return s.audit(ctx, tx, "run.plate_read", "run", p.RunID, map[string]any{
		"analyte": out.Analyte, "cutoff": out.Cutoff, "formula": p.Formula, "values": values})
}

func hasString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
