package lab

import (
	"context"
	"math"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// Kit is one version of an assay kit's cut-offs for one analyte: values
// below NegativeBelow are negative, from PositiveFrom positive, between
// them equivocal. Versions are never changed: a new insert is a new row
// with a later EffectiveFrom, so results already judged keep their bounds.
type Kit struct {
	ID            int64     `json:"id" gorm:"primaryKey"`
	AnalyteCode   string    `json:"analyte"`
	Kit           string    `json:"kit" gorm:"column:kit"`
	Unit          string    `json:"unit"`
	NegativeBelow float64   `json:"negative_below"`
	PositiveFrom  float64   `json:"positive_from"`
	EffectiveFrom Date      `json:"effective_from"`
	CreatedBy     *int64    `json:"created_by,omitempty"`
	CreatedAt     time.Time `json:"created_at"`
}

// kitBook holds every kit version, to judge many results without a query
// each (the analyser import).
type kitBook map[string][]Kit // by analyte, EffectiveFrom ascending

func loadKitBook(db *gorm.DB) (kitBook, error) {
	var ks []Kit
	if err := db.Order("analyte_code, effective_from, id").Find(&ks).Error; err != nil {
		return nil, err
	}
	b := kitBook{}
	for _, k := range ks {
		b[k.AnalyteCode] = append(b[k.AnalyteCode], k)
	}
	return b, nil
}

// inForce returns the kit that judges a result of the analyte collected on
// day: the named kit's latest version effective by then, or, with no name,
// the analyte's latest version of any kit. ok is false when there is none.
func (b kitBook) inForce(analyte, name string, day Date) (Kit, bool) {
	var found Kit
	ok := false
	for _, k := range b[analyte] {
		if k.EffectiveFrom.After(day) {
			break
		}
		if name == "" || strings.EqualFold(k.Kit, name) {
			found, ok = k, true
		}
	}
	return found, ok
}

// AnalyteView is an analyte with the kit in force today.
type AnalyteView struct {
	Analyte
	Kit  *Kit  `json:"active_kit"`
	Kits []Kit `json:"kits"`
}

// Analytes lists the analytes with their kits, the one in force today
// (in the default zone) first.
func (s *Service) Analytes(ctx context.Context) ([]AnalyteView, error) {
	if err := ActorFrom(ctx).require(Roles...); err != nil {
		return nil, err
	}
	var as []Analyte
	if err := s.read(ctx).Order("position").Find(&as).Error; err != nil {
		return nil, err
	}
	book, err := loadKitBook(s.read(ctx))
	if err != nil {
		return nil, err
	}
	loc, _ := s.stationLocation(ctx, nil)
	today := Today(s.now(), loc)
	out := make([]AnalyteView, len(as))
	for i, a := range as {
		out[i] = AnalyteView{Analyte: a, Kits: book[a.Code]}
		if out[i].Kits == nil {
			out[i].Kits = []Kit{}
		}
		if k, ok := book.inForce(a.Code, "", today); ok {
			out[i].Kit = &k
		}
	}
	return out, nil
}

// NewKit is an admin's entry of a kit insert's cut-offs.
type NewKit struct {
	Kit           string
	Unit          string
	NegativeBelow *float64
	PositiveFrom  *float64
	EffectiveFrom string
}

// AddKit records a kit version for an analyte. Admins only. CodeNotFound
// (no such analyte), CodeValidation (bounds missing, negative, or L > H; a
// bad date), CodeConflict (that kit already has a version from that date).
func (s *Service) AddKit(ctx context.Context, analyte string, in NewKit) (*Kit, error) {
	a := ActorFrom(ctx)
	if err := a.require(RoleAdmin); err != nil {
		return nil, err
	}
	analyte = strings.ToUpper(strings.TrimSpace(analyte))
	var v Validation
	in.Kit, in.Unit = v.text("kit", in.Kit, oneLine), v.text("unit", in.Unit, oneLine)
	if in.Kit == "" || utf8.RuneCountInString(in.Kit) > 64 {
		v.Add("kit", "required", "the kit's name, at most 64 characters")
	}
	if in.Unit == "" || utf8.RuneCountInString(in.Unit) > 16 {
		v.Add("unit", "required", "the unit of its values, such as IU/mL or index")
	}
	bound := func(field string, x *float64) {
		switch {
		case x == nil:
			v.Add(field, "required", "a number from the kit insert")
		case *x < 0 || math.IsNaN(*x) || math.IsInf(*x, 0):
			v.Add(field, "negative", "not below zero")
		}
	}
	bound("negative_below", in.NegativeBelow)
	bound("positive_from", in.PositiveFrom)
	if in.NegativeBelow != nil && in.PositiveFrom != nil && *in.NegativeBelow > *in.PositiveFrom {
		v.Add("positive_from", "below_negative", "positive_from must be at least negative_below")
	}
	day, err := ParseDate(in.EffectiveFrom)
	if err != nil {
		v.Add("effective_from", "invalid", "a YYYY-MM-DD date")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	k := Kit{AnalyteCode: analyte, Kit: in.Kit, Unit: in.Unit, NegativeBelow: *in.NegativeBelow,
		PositiveFrom: *in.PositiveFrom, EffectiveFrom: day, CreatedBy: nilIfZero(a.UserID)}
	err = s.inTx(ctx, func(tx *txDB) error {
		k.CreatedAt = tx.now
		var n int64
		if err := tx.Model(&Analyte{}).Where("code = ?", analyte).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return notFound("analyte")
		}
		if err := tx.Create(&k).Error; err != nil {
			if isDuplicate(err) {
				return &Error{Code: CodeConflict, Message: "that kit already has cut-offs from that date",
					Fields: []FieldError{{Field: "effective_from", Code: "taken"}}}
			}
			return err
		}
		if err := bumpReference(tx); err != nil {
			return err
		}
		return s.auditKey(ctx, tx, "kit.add", "analyte", analyte, k)
	})
	if err != nil {
		return nil, err
	}
	return &k, nil
}

// panelBook caches panels by code for many samples.
type panelBook map[string]map[string]bool

func loadPanelBook(db *gorm.DB) (panelBook, error) {
	var rows []panelAnalyte
	if err := db.Find(&rows).Error; err != nil {
		return nil, err
	}
	b := panelBook{}
	for _, r := range rows {
		if b[r.PanelCode] == nil {
			b[r.PanelCode] = map[string]bool{}
		}
		b[r.PanelCode][r.AnalyteCode] = true
	}
	return b, nil
}

func (b panelBook) analytes(panel string) []string {
	out := make([]string, 0, len(b[panel]))
	for a := range b[panel] {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}
