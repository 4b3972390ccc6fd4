package lab

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseValue(t *testing.T) {
	tests := []struct {
		in   string
		x    float64
		q    string
		code string
	}{
		{"12.5", 12.5, "", ""},
		{"12.50", 12.5, "", ""},
		{"0", 0, "", ""},
		{"007", 7, "", ""},
		{" 3 ", 3, "", ""},
		{"１２．５", 12.5, "", ""},
		{"<0.1", 0.1, Below, ""},
		{"< 0.1", 0.1, Below, ""},
		{"≤0.1", 0.1, BelowOrEqual, ""},
		{"<=0.1", 0.1, BelowOrEqual, ""},
		{">650", 650, Above, ""},
		{"≥10", 10, AboveOrEqual, ""},
		{">=10", 10, AboveOrEqual, ""},
		{"＞１０", 10, Above, ""},
		{"0.000000000000000000000000000001", 1e-30, "", ""},
		// Go's number syntax, and what is not a plain decimal.
		{"0x1p4", 0, "", "not_numeric"},
		{"0x10", 0, "", "not_numeric"},
		{"1_0.5", 0, "", "not_numeric"},
		{"1e308", 0, "", "not_numeric"},
		{"1e-400", 0, "", "not_numeric"},
		{"1E2", 0, "", "not_numeric"},
		{"Inf", 0, "", "not_numeric"},
		{"+Inf", 0, "", "not_numeric"},
		{"infinity", 0, "", "not_numeric"},
		{"NaN", 0, "", "not_numeric"},
		{"+5", 0, "", "not_numeric"},
		{".5", 0, "", "not_numeric"},
		{"5.", 0, "", "not_numeric"},
		{"1,5", 0, "", "not_numeric"},
		{"1.2.3", 0, "", "not_numeric"},
		{"n/a", 0, "", "not_numeric"},
		{"<", 0, "", "not_numeric"},
		{"<>5", 0, "", "not_numeric"},
		{"5<", 0, "", "not_numeric"},
		{"٣", 0, "", "not_numeric"},
		{"②", 0, "", "not_numeric"},
		{"-2", 0, "", "negative"},
		{"-0", 0, "", "negative"},
		{"<-1", 0, "", "negative"},
		{"<0", 0, "", "negative"},
		{strings.Repeat("9", 33), 0, "", "too_long"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			x, q, err := parseValue(tc.in)
			code := ""
			if err != nil {
				code = err.code
			}
			if code != tc.code || (code == "" && (x != tc.x || q != tc.q)) {
				t.Fatalf("parseValue(%q) = %v, %q, %q; want %v, %q, %q", tc.in, x, q, code, tc.x, tc.q, tc.code)
			}
		})
	}
}

func TestJudgeCensored(t *testing.T) {
	tests := []struct {
		value  string
		l, h   float64
		want   Interpretation
		placed bool
	}{
		{">10", 8, 10, Positive, true},   // the positive cut-off is ≤ 10
		{">10", 10, 10, Positive, true},  // no grey zone
		{">9", 8, 10, "", false},         // 9.5 equivocal, 11 positive
		{">2", 1, 3, "", false},          // equivocal or positive
		{"≥10", 8, 10, Positive, true},   // ≥ the cut-off itself
		{"≥9.99", 8, 10, "", false},      // 9.99 is equivocal
		{"<0.1", 0.1, 3, Negative, true}, // 0.1 ≤ the negative bound
		{"<0.1", 1, 3, Negative, true},
		{"<1", 1, 3, Negative, true},   // below 1 is below L
		{"≤1", 1, 3, "", false},        // 1 itself is equivocal
		{"≤0.9", 1, 3, Negative, true}, // ≤ 0.9 < L
		{"<5", 1, 3, "", false},        // the example: any of the three
		{"<2", 1, 3, "", false},        // negative or equivocal
		{"<2", 0, 3, Equivocal, true},  // L = 0: nothing is negative
		{"≤2", 0, 3, Equivocal, true},
		{"<4", 0, 3, "", false},
		{"<4", 0, 0, Positive, true}, // H = 0: everything is positive
	}
	for _, tc := range tests {
		t.Run(tc.value, func(t *testing.T) {
			x, q, err := parseValue(tc.value)
			if err != nil || q == "" {
				t.Fatalf("%q is not censored: %v", tc.value, err)
			}
			got, ok := judgeCensored(q, x, tc.l, tc.h)
			if ok != tc.placed || got != tc.want {
				t.Fatalf("%s with L=%g H=%g: %q, %v; want %q, %v", tc.value, tc.l, tc.h, got, ok, tc.want, tc.placed)
			}
			// Placed means every value it stands for reads the same.
			if ok {
				for _, v := range censoredSamples(q, x) {
					if Judge(v, tc.l, tc.h) != got {
						t.Fatalf("%s placed %s, but %g reads %s", tc.value, got, v, Judge(v, tc.l, tc.h))
					}
				}
			}
		})
	}
}

// censoredSamples are values a censored value may stand for.
func censoredSamples(q string, x float64) []float64 {
	switch q {
	case Below:
		return []float64{0, x / 2, math.Nextafter(x, 0)}
	case BelowOrEqual:
		return []float64{0, x / 2, x}
	case Above:
		return []float64{math.Nextafter(x, math.Inf(1)), x * 2, x + 1e6}
	}
	return []float64{x, x * 2, x + 1e6}
}

// Entry, import and amendment all judge through judgeInput: one table for
// the three.
func TestJudgeInput(t *testing.T) {
	day := Date("2026-03-02")
	kits := kitBook{"TOXO_IGG": {{AnalyteCode: "TOXO_IGG", Kit: "K", Unit: "IU/mL", NegativeBelow: 1, PositiveFrom: 3, EffectiveFrom: "2000-01-01"}},
		"RUBV_IGG": {{AnalyteCode: "RUBV_IGG", Kit: "R", Unit: "IU/mL", NegativeBelow: 10, PositiveFrom: 10, EffectiveFrom: "2000-01-01"}}}
	zero, max := 0.0, 1000.0
	ranges := rangeBook{"TOXO_IGG": {&zero, &max}, "RUBV_IGG": {}}
	tests := []struct {
		name, analyte, value string
		want                 Interpretation
		qualifier            string
		code                 string
	}{
		{"plain", "TOXO_IGG", "2", Equivocal, "", ""},
		{"hexadecimal float", "TOXO_IGG", "0x1p4", "", "", "not_numeric"},
		{"underscore", "TOXO_IGG", "1_0.5", "", "", "not_numeric"},
		{"huge exponent", "RUBV_IGG", "1e308", "", "", "not_numeric"},
		{"underflow", "TOXO_IGG", "1e-400", "", "", "not_numeric"},
		{"above the plausible range", "TOXO_IGG", "1000.5", "", "", "implausible_value"},
		{"censored above it", "TOXO_IGG", ">2000", "", "", "implausible_value"},
		{"at the plausible bound", "TOXO_IGG", "1000", Positive, "", ""},
		{"no range set", "RUBV_IGG", "99999", Positive, "", ""},
		{"censored positive", "TOXO_IGG", ">650", Positive, Above, ""},
		{"censored negative", "TOXO_IGG", "<0.5", Negative, Below, ""},
		{"censored, cannot be placed", "TOXO_IGG", "<5", "", "", "censored_ambiguous"},
		{"censored at no grey zone", "RUBV_IGG", "≥10", Positive, AboveOrEqual, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, errs := judgeInput(ResultInput{Analyte: tc.analyte, Value: tc.value}, day, kits, ranges, "results[0].")
			if tc.code != "" {
				if len(errs) != 1 || errs[0].Code != tc.code || errs[0].Field != "results[0].value" || errs[0].Detail == "" {
					t.Fatalf("errors %+v; want %s on results[0].value", errs, tc.code)
				}
				return
			}
			if len(errs) > 0 || r.Interpretation != tc.want || r.ValueQualifier != tc.qualifier || r.ValueText != tc.value {
				t.Fatalf("result %+v, errors %+v; want %s %q", r, errs, tc.want, tc.qualifier)
			}
		})
	}
	_, errs := judgeInput(ResultInput{Analyte: "TOXO_IGG", Value: "2", Lot: "L\u202E1"}, day, kits, ranges, "")
	if len(errs) != 1 || errs[0].Field != "lot" || errs[0].Code != "invalid_characters" {
		t.Fatalf("a lot with an override: %+v", errs)
	}
}

// FuzzParseValue: whatever the text, parseValue never panics, and what it
// accepts is a plain decimal (with at most a qualifier) whose number is
// finite, not below zero, and the number the digits say.
func FuzzParseValue(f *testing.F) {
	for _, s := range []string{"12.5", "<0.1", "≥10", "0x1p4", "1_0.5", "1e308", "1e-400", "Inf", "NaN", "+5", ".5", "5.", "１２．５", "-1", ">= 3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		x, q, err := parseValue(s)
		if err != nil {
			if err.code == "" || err.detail == "" {
				t.Fatalf("%q refused without a code", s)
			}
			return
		}
		if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
			t.Fatalf("%q read as %v", s, x)
		}
		if q != "" && q != Below && q != BelowOrEqual && q != Above && q != AboveOrEqual {
			t.Fatalf("%q has qualifier %q", s, q)
		}
		digits := strings.TrimLeft(strings.TrimLeft(strings.TrimSpace(narrowWidth(s)), "<>=≤≥"), " ")
		if !plainDecimal.MatchString(digits) || !utf8.ValidString(s) {
			t.Fatalf("%q accepted, but %q is not a plain decimal", s, digits)
		}
		for _, r := range digits {
			if (r < '0' || r > '9') && r != '.' {
				t.Fatalf("%q accepted with %q", s, r)
			}
		}
	})
}
