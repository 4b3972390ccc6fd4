package lab

import (
	"context"

	"gorm.io/gorm"
)

// Analyte is one antibody test of the programme (domain.md §0, §5).
type Analyte struct {
	ID       int64  `json:"-" gorm:"primaryKey"`
	Code     string `json:"code"`
	Pathogen string `json:"pathogen"`
	Antibody string `json:"antibody"`
	NameZh   string `json:"name_zh"`
	NameEn   string `json:"name_en"`
	LOINC    string `json:"loinc" gorm:"column:loinc"`
	Unit     string `json:"unit"`
	Position int    `json:"-"`
	// PlausibleMin and PlausibleMax bound the values that can be true
	// (nil: no bound); an admin sets them (SetPlausibleRange).
	PlausibleMin *float64 `json:"plausible_min"`
	PlausibleMax *float64 `json:"plausible_max"`
}

// Panel is a set of analytes a sample is ordered with. Panels are data:
// TORCH8 (all eight, the default) and NFPCP (the national programme's
// five) are seeded by migration.
type Panel struct {
	ID        int64  `json:"-" gorm:"primaryKey"`
	Code      string `json:"code"`
	NameZh    string `json:"name_zh"`
	NameEn    string `json:"name_en"`
	IsDefault bool   `json:"is_default"`
	// Analytes are the panel's analyte codes in report order.
	Analytes []string `json:"analytes" gorm:"-"`
}

type panelAnalyte struct {
	ID          int64 `gorm:"primaryKey"`
	PanelCode   string
	AnalyteCode string
	Position    int
}

// loadPanel returns a panel by code, or the default panel for "". Unknown
// codes are CodeValidation on the field panel.
func loadPanel(db *gorm.DB, code string) (*Panel, error) {
	var p Panel
	q := db.Model(&Panel{})
	if code == "" {
		q = q.Where("is_default = ?", true)
	} else {
		q = q.Where("code = ?", code)
	}
	if err := q.First(&p).Error; err != nil {
		if isNotFound(err) {
			return nil, &Error{Code: CodeValidation, Message: "no such panel: " + code,
				Fields: []FieldError{{Field: "panel", Code: "invalid", Detail: "TORCH8 or NFPCP"}}}
		}
		return nil, err
	}
	if err := db.Model(&panelAnalyte{}).Where("panel_code = ?", p.Code).Order("position").
		Pluck("analyte_code", &p.Analytes).Error; err != nil {
		return nil, err
	}
	return &p, nil
}

// Panels lists the panels with their analytes.
func (s *Service) Panels(ctx context.Context) ([]Panel, error) {
	var codes []string
	if err := s.read(ctx).Model(&Panel{}).Order("id").Pluck("code", &codes).Error; err != nil {
		return nil, err
	}
	out := make([]Panel, 0, len(codes))
	for _, c := range codes {
		p, err := s.panel(s.read(ctx), c)
		if err != nil {
			return nil, err
		}
		out = append(out, *p)
	}
	return out, nil
}
