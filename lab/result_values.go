package lab

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"gorm.io/gorm"
)

// A censored value's qualifier: the analyser measured beyond its range
// and says on which side ("<0.1", ">650").
const (
	Below        = "<"
	BelowOrEqual = "<="
	Above        = ">"
	AboveOrEqual = ">="
)

// maxValueText is the longest value a result keeps as typed (value_text).
const maxValueText = 32

// plainDecimal is the only number a result value may be: digits, with a
// decimal point only between digits, and a minus sign that plainValue
// refuses with its own code. Go's own number syntax is not it: it reads
// "0x1p4" as 16, "1_0.5" as 10.5 and "Inf" as infinity, and rounds
// "1e-400" to 0.
var plainDecimal = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// qualifiers in the forms an analyser or a keyboard gives them, longest
// first, each with its stored form.
var qualifiers = []struct{ typed, stored string }{
	{"<=", BelowOrEqual}, {">=", AboveOrEqual},
	{"≤", BelowOrEqual}, {"≥", AboveOrEqual},
	{"<", Below}, {">", Above},
}

// valueError is why a value is refused: a field code and a sentence.
type valueError struct{ code, detail string }

// parseValue reads a result value as typed: a plain decimal
// (-?digits[.digits]; full-width digits, point and signs read as ASCII, as
// an input method in full-width mode types them), or a censored value, a
// qualifier (<, ≤ or <=, >, ≥ or >=) before one. It returns the number and
// the stored qualifier ("" for a plain value), or why it is refused:
// "not_numeric" for anything else (exponents, hexadecimal, underscores,
// Inf, NaN, "+5", ".5", "5."), "negative" for a value below zero,
// "too_long" past 32 characters.
func parseValue(raw string) (float64, string, *valueError) {
	s := strings.TrimSpace(narrowWidth(raw))
	if len(s) > maxValueText {
		return 0, "", &valueError{"too_long", fmt.Sprintf("at most %d characters", maxValueText)}
	}
	q := ""
	for _, c := range qualifiers {
		if rest, ok := strings.CutPrefix(s, c.typed); ok {
			q, s = c.stored, strings.TrimLeft(rest, " ")
			break
		}
	}
	if !plainDecimal.MatchString(s) {
		return 0, "", &valueError{"not_numeric", "a number such as 12.5, or a value beyond the analyser's range such as <0.1 or >650"}
	}
	if strings.HasPrefix(s, "-") {
		return 0, "", &valueError{"negative", "antibody values are not below zero"}
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
		// Unreachable within 32 digits; kept so that no text becomes a
		// number it does not say.
		return 0, "", &valueError{"not_numeric", "a number such as 12.5"}
	}
	if q == Below && x == 0 {
		return 0, "", &valueError{"negative", "below zero: antibody values are not below zero"}
	}
	return x, q, nil
}

// judgeCensored interprets a censored value against a kit's bounds L =
// negativeBelow and H = positiveFrom (Judge: below L negative, from H
// positive, between equivocal), when every value it may stand for reads
// the same; ok is false when it could read two ways. Values are never
// below zero, so "<x" stands for [0, x), "≤x" for [0, x], ">x" for
// (x, ∞) and "≥x" for [x, ∞): ">10" is positive when H ≤ 10, "<0.1"
// negative when 0.1 ≤ L, and "<5" with bounds 1 and 3 cannot be placed.
func judgeCensored(q string, x, negativeBelow, positiveFrom float64) (Interpretation, bool) {
	l, h := negativeBelow, positiveFrom
	switch q {
	case Above, AboveOrEqual:
		if x >= h {
			return Positive, true
		}
	case Below:
		switch {
		case x <= l:
			return Negative, true
		case l <= 0 && x <= h:
			return Equivocal, true
		case h <= 0:
			return Positive, true
		}
	case BelowOrEqual:
		switch {
		case x < l:
			return Negative, true
		case l <= 0 && x < h:
			return Equivocal, true
		case h <= 0:
			return Positive, true
		}
	}
	return "", false
}

// plausibleRange is the values an admin holds possible for an analyte; a
// nil bound is no bound.
type plausibleRange struct{ Min, Max *float64 }

// outside reports whether x lies outside the range.
func (r plausibleRange) outside(x float64) bool {
	return (r.Min != nil && x < *r.Min) || (r.Max != nil && x > *r.Max)
}

func (r plausibleRange) String() string {
	bound := func(b *float64, none string) string {
		if b == nil {
			return none
		}
		return strconv.FormatFloat(*b, 'f', -1, 64)
	}
	return bound(r.Min, "any") + " to " + bound(r.Max, "any")
}

// rangeBook holds every analyte's plausible range, for judging many values
// without a query each.
type rangeBook map[string]plausibleRange

func loadRangeBook(db *gorm.DB) (rangeBook, error) {
	var as []Analyte
	if err := db.Select("code, plausible_min, plausible_max").Find(&as).Error; err != nil {
		return nil, err
	}
	b := rangeBook{}
	for _, a := range as {
		b[a.Code] = plausibleRange{a.PlausibleMin, a.PlausibleMax}
	}
	return b, nil
}

// SetPlausibleRange sets the values of an analyte that are possible: a
// value outside them is refused at entry, import and amendment (422
// implausible_value), as a slipped decimal point or a stray digit. A nil
// bound is no bound. Admins only. CodeNotFound (no such analyte),
// CodeValidation (a bound below zero or not finite, min above max).
func (s *Service) SetPlausibleRange(ctx context.Context, analyte string, min, max *float64) (*Analyte, error) {
	if err := ActorFrom(ctx).require(RoleAdmin); err != nil {
		return nil, err
	}
	analyte = strings.ToUpper(strings.TrimSpace(analyte))
	var v Validation
	for _, b := range []struct {
		field string
		x     *float64
	}{{"min", min}, {"max", max}} {
		if b.x != nil && (*b.x < 0 || math.IsNaN(*b.x) || math.IsInf(*b.x, 0)) {
			v.Add(b.field, "out_of_range", "a number from zero")
		}
	}
	if min != nil && max != nil && *min > *max {
		v.Add("max", "below_min", "max must be at least min")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	var a Analyte
	err := s.inTx(ctx, func(tx *txDB) error {
		if err := tx.Where("code = ?", analyte).First(&a).Error; err != nil {
			if isNotFound(err) {
				return notFound("analyte")
			}
			return err
		}
		before := plausibleRange{a.PlausibleMin, a.PlausibleMax}.String()
		if err := tx.Model(&Analyte{}).Where("id = ?", a.ID).
			Updates(map[string]any{"plausible_min": min, "plausible_max": max}).Error; err != nil {
			return err
		}
		a.PlausibleMin, a.PlausibleMax = min, max
		if err := bumpReference(tx); err != nil {
			return err
		}
		return s.auditKey(ctx, tx, "analyte.plausible_range", "analyte", analyte,
			map[string]any{"plausible_range": Change{before, plausibleRange{min, max}.String()}})
	})
	if err != nil {
		return nil, err
	}
	return &a, nil
}
