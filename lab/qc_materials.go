package lab

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"
)

// Control material levels.
const (
	LevelNegative     = "negative"
	LevelLowPositive  = "low_positive"
	LevelHighPositive = "high_positive"
)

// QCMaterial is a control material of one analyte: a quantitative control
// with its target mean and SD, or a qualitative ELISA control with the
// interpretation it must read as (Expected).
type QCMaterial struct {
	ID          int64     `json:"id" gorm:"primaryKey"`
	AnalyteCode string    `json:"analyte"`
	Lot         string    `json:"lot"`
	Level       string    `json:"level"`
	TargetMean  *float64  `json:"target_mean"`
	TargetSD    *float64  `json:"target_sd"`
	Expected    string    `json:"expected,omitempty"`
	ValidUntil  Date      `json:"valid_until"`
	CreatedBy   *int64    `json:"created_by,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
}

func (QCMaterial) TableName() string { return "qc_materials" }

// qualitative reports whether the material is read as an interpretation.
func (m QCMaterial) qualitative() bool { return m.Expected != "" }

// NewQCMaterial is a control material as the technician registers it.
type NewQCMaterial struct {
	Analyte    string
	Lot        string
	Level      string
	TargetMean *float64
	TargetSD   *float64
	Expected   string
	ValidUntil string
}

// CreateQCMaterial registers a control material. Lab technicians and
// admins. CodeNotFound (no such analyte), CodeValidation (a level other
// than negative, low_positive, high_positive; neither a mean with an SD
// above zero nor an expected interpretation, or both; a bad date),
// CodeConflict (the analyte has that lot at that level).
func (s *Service) CreateQCMaterial(ctx context.Context, in NewQCMaterial) (*QCMaterial, error) {
	a := ActorFrom(ctx)
	if err := a.require(RoleLabTech, RoleAdmin); err != nil {
		return nil, err
	}
	var v Validation
	m := QCMaterial{AnalyteCode: strings.ToUpper(strings.TrimSpace(in.Analyte)), Level: strings.TrimSpace(in.Level),
		Expected: strings.ToLower(strings.TrimSpace(in.Expected)), CreatedBy: nilIfZero(a.UserID)}
	if m.AnalyteCode == "" {
		v.Add("analyte", "required", "the analyte's code")
	}
	m.Lot = v.text("lot", in.Lot, oneLine)
	if m.Lot == "" || len(m.Lot) > 32 {
		v.Add("lot", "required", "the control material's lot, at most 32 characters")
	}
	switch m.Level {
	case LevelNegative, LevelLowPositive, LevelHighPositive:
	default:
		v.Add("level", "invalid", "negative, low_positive or high_positive")
	}
	finite := func(x *float64) bool { return x != nil && !math.IsNaN(*x) && !math.IsInf(*x, 0) }
	switch {
	case m.Expected != "":
		if !Interpretation(m.Expected).Valid() {
			v.Add("expected", "invalid", "negative, equivocal or positive")
		}
		if in.TargetMean != nil || in.TargetSD != nil {
			v.Add("target_mean", "not_allowed", "a qualitative control has an expected interpretation, not a mean")
		}
	default:
		if !finite(in.TargetMean) {
			v.Add("target_mean", "required", "the target mean, or an expected interpretation for a qualitative control")
		}
		if !finite(in.TargetSD) || *in.TargetSD <= 0 {
			v.Add("target_sd", "required", "the target SD, above zero")
		}
		m.TargetMean, m.TargetSD = in.TargetMean, in.TargetSD
	}
	until, err := ParseDate(in.ValidUntil)
	if err != nil {
		v.Add("valid_until", "invalid", "a YYYY-MM-DD date")
	}
	m.ValidUntil = until
	if err := v.Err(); err != nil {
		return nil, err
	}
	err = s.inTx(ctx, func(tx *txDB) error {
		m.CreatedAt = tx.now
		var n int64
		if err := tx.Model(&Analyte{}).Where("code = ?", m.AnalyteCode).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return notFound("analyte")
		}
		if err := tx.Create(&m).Error; err != nil {
			if isDuplicate(err) {
				return &Error{Code: CodeConflict, Message: "the analyte already has that control lot at that level",
					Fields: []FieldError{{Field: "lot", Code: "taken"}}}
			}
			return err
		}
		return s.auditKey(ctx, tx, "qc.material.create", "qc_material", fmt.Sprint(m.ID), m)
	})
	if err != nil {
		return nil, err
	}
	return &m, nil
}

// ListQCMaterials returns every control material, by analyte and level.
// Lab technicians and admins.
func (s *Service) ListQCMaterials(ctx context.Context) ([]QCMaterial, error) {
	if err := ActorFrom(ctx).require(RoleLabTech, RoleAdmin); err != nil {
		return nil, err
	}
	var ms []QCMaterial
	err := s.read(ctx).Order("analyte_code, level, id").Find(&ms).Error
	return ms, err
}
