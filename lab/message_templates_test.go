package lab

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// saved tries a template as an admin would save it and returns the field
// errors' codes.
func saved(t *testing.T, ev MessageEvent, body string) []string {
	t.Helper()
	err := CheckTemplate(ev, body)
	if err == nil {
		return nil
	}
	var e *Error
	if !errors.As(err, &e) || e.Code != CodeValidation {
		t.Fatalf("CheckTemplate(%q) = %v, want a validation error", body, err)
	}
	var codes []string
	for _, f := range e.Fields {
		if f.Field != "body" {
			t.Fatalf("field %q, want body", f.Field)
		}
		codes = append(codes, f.Code)
	}
	return codes
}

// No template can carry a result: every forbidden word, in every event's
// template of every language, written plainly, in capitals or full-width
// letters, or split by spaces, hyphens and invisible characters, is
// refused when the template is saved.
func TestEveryForbiddenWordIsRefused(t *testing.T) {
	spellings := map[string]func(w string) string{
		"as is":      func(w string) string { return w },
		"capitals":   strings.ToUpper,
		"full width": func(w string) string { return toFullWidth(strings.ToUpper(w)) },
		"spaced": func(w string) string {
			return strings.Join(strings.Split(w, ""), " ")
		},
		"zero width": func(w string) string { return strings.Join(strings.Split(w, ""), "\u200b") },
	}
	for _, ev := range MessageEvents {
		for _, lang := range MessageLangs {
			def := defaultTemplates[ev][lang]
			for _, w := range ForbiddenTemplateWords() {
				for how, spell := range spellings {
					for _, body := range []string{def + " " + spell(w), spell(w) + "，" + def, def + "（" + spell(w) + "）"} {
						if codes := saved(t, ev, body); !contains(codes, "forbidden_word") {
							t.Errorf("%s/%s: %q %s saved (%v)", ev, lang, w, how, codes)
						}
					}
				}
			}
		}
	}
	// The words of a result, hidden inside others.
	for _, body := range []string{"{name}: seronegative", "{name}: posi-tive", "{name}: IgM+", "{name}：TOXO_IGM", "{name}：由阴转阳",
		"{name}: i.g.g", "{name}: past infection", "{name}: not immune", "{name}: 风疹病毒抗体", "{name}: 12.5 IU/mL"} {
		if codes := saved(t, EventReportReady, body); !contains(codes, "forbidden_word") {
			t.Errorf("%q saved (%v)", body, codes)
		}
	}
	// Ordinary words that merely contain a short code are kept.
	for _, body := range []string{"{name}: a bigger room", "{name}: your report is ready; the result is with your counselor"} {
		if codes := saved(t, EventReportReady, body); codes != nil {
			t.Errorf("%q refused: %v", body, codes)
		}
	}
}

func toFullWidth(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r > ' ' && r < 0x7f {
			r += 0xfee0
		}
		b.WriteRune(r)
	}
	return b.String()
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// Placeholders outside the event's list, and stray braces, are refused.
func TestTemplatePlaceholders(t *testing.T) {
	tests := []struct {
		name string
		ev   MessageEvent
		body string
		want string
	}{
		{"a placeholder of the list", EventAppointment, "{surname}女士：{date} {time}，{station}，{station_phone}", ""},
		{"time outside an appointment", EventReportReady, "{name}: {time}", "unknown_placeholder"},
		{"a result placeholder", EventReportReady, "{name}: {result}", "unknown_placeholder"},
		{"a finding placeholder", EventRetestDue, "{name}: {findings}", "unknown_placeholder"},
		{"a stray brace", EventReportReady, "{name}: {station", "unknown_placeholder"},
		{"empty", EventReportReady, "  ", "required"},
		{"too long", EventReportReady, strings.Repeat("请", maxTemplateRunes+1), "too_long"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			codes := saved(t, tc.ev, tc.body)
			if tc.want == "" && codes != nil || tc.want != "" && !contains(codes, tc.want) {
				t.Fatalf("codes = %v, want %q", codes, tc.want)
			}
		})
	}
}

// every finding code Interpret and InterpretPair can give, for every
// pathogen, pregnant or not.
func everyFindingCode() map[string]bool {
	codes := map[string]bool{}
	values := []Interpretation{"", Negative, Equivocal, Positive}
	for _, p := range Pathogens {
		for _, g1 := range values {
			for _, m1 := range values {
				for _, g0 := range values {
					for _, m0 := range values {
						now, earlier := map[string]Interpretation{}, map[string]Interpretation{}
						for code, v := range map[string]Interpretation{p.Code + "_IGG": g1, p.Code + "_IGM": m1} {
							if v != "" {
								now[code] = v
							}
						}
						for code, v := range map[string]Interpretation{p.Code + "_IGG": g0, p.Code + "_IGM": m0} {
							if v != "" {
								earlier[code] = v
							}
						}
						for _, pregnant := range []bool{false, true} {
							fs, _ := InterpretPair(now, earlier, pregnant, 90)
							for _, f := range fs {
								codes[f.Code] = true
							}
						}
					}
				}
			}
		}
	}
	return codes
}

// The analytes as migration 00004 seeds them: code, Chinese and English
// names.
var seededAnalytes = [][3]string{
	{"TOXO_IGG", "弓形虫IgG抗体", "Toxoplasma IgG antibody"}, {"TOXO_IGM", "弓形虫IgM抗体", "Toxoplasma IgM antibody"},
	{"RUBV_IGG", "风疹病毒IgG抗体", "Rubella virus IgG antibody"}, {"RUBV_IGM", "风疹病毒IgM抗体", "Rubella virus IgM antibody"},
	{"CMV_IGG", "巨细胞病毒IgG抗体", "Cytomegalovirus IgG antibody"}, {"CMV_IGM", "巨细胞病毒IgM抗体", "Cytomegalovirus IgM antibody"},
	{"HSV_IGG", "单纯疱疹病毒IgG抗体", "Herpes simplex virus IgG antibody"}, {"HSV_IGM", "单纯疱疹病毒IgM抗体", "Herpes simplex virus IgM antibody"},
}

// Every default template of every event, rendered in both languages for a
// woman and a station, states no result: no finding code, no
// interpretation, no analyte or pathogen name, no forbidden word. And the
// defaults pass the check an admin's template must pass.
func TestDefaultMessagesStateNoResult(t *testing.T) {
	codes := everyFindingCode()
	if len(codes) < 4*8 {
		t.Fatalf("only %d finding codes enumerated", len(codes))
	}
	var banned []string
	for code := range codes {
		banned = append(banned, code)
	}
	banned = append(banned, "negative", "equivocal", "positive", "阴性", "灰区", "阳性", "IgG", "IgM", "TORCH")
	for _, p := range Pathogens {
		banned = append(banned, p.Code, p.NameZh, p.NameEn)
	}
	for _, a := range seededAnalytes {
		banned = append(banned, a[0], a[1], a[2])
	}
	for _, ev := range MessageEvents {
		for _, lang := range MessageLangs {
			def := defaultTemplates[ev][lang]
			if def == "" {
				t.Fatalf("%s has no default in %s", ev, lang)
			}
			if err := CheckTemplate(ev, def); err != nil {
				t.Errorf("%s/%s default refused: %v", ev, lang, err)
			}
			vals := messageValues{phName: "王芳", phSurname: "王", phDate: formatDay("2026-03-03", lang), phTime: "09:30",
				phStation: "东城区计生服务站", phStationPhone: "01064001234"}
			text := renderTemplate(def, vals)
			if strings.ContainsAny(text, "{}") {
				t.Errorf("%s/%s left a placeholder: %q", ev, lang, text)
			}
			lower := strings.ToLower(text)
			for _, b := range banned {
				if strings.Contains(lower, strings.ToLower(b)) {
					t.Errorf("%s/%s: %q names %q", ev, lang, text, b)
				}
			}
			if w := forbiddenWordIn(text); w != "" {
				t.Errorf("%s/%s: %q holds %q", ev, lang, text, w)
			}
		}
	}
}

func TestRenderTakesValuesLiterally(t *testing.T) {
	got := renderTemplate("{name}，{station}", messageValues{phName: "{station}", phStation: "站"})
	if got != "{station}，站" {
		t.Fatalf("got %q", got)
	}
}

// Messages go out between 09:00 and 20:00 at her station.
func TestSendHours(t *testing.T) {
	sh := time.FixedZone("CST", 8*3600)
	at := func(h, m int) time.Time { return time.Date(2026, 3, 2, h, m, 0, 0, sh) }
	tests := []struct {
		name string
		t    time.Time
		want time.Time
	}{
		{"before nine waits for nine", at(6, 10), at(9, 0)},
		{"at nine goes", at(9, 0), at(9, 0)},
		{"in the afternoon goes", at(15, 45), at(15, 45)},
		{"just before eight pm goes", at(19, 59), at(19, 59)},
		{"at eight pm waits for the morning", at(20, 0), time.Date(2026, 3, 3, 9, 0, 0, 0, sh)},
		{"at midnight waits for nine", at(0, 0), at(9, 0)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := inSendHours(tc.t.UTC(), sh); !got.Equal(tc.want) {
				t.Fatalf("got %s, want %s", got.In(sh), tc.want)
			}
		})
	}
}

func TestMessageBackoff(t *testing.T) {
	want := []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 4 * time.Minute}
	for i, w := range want {
		if got := messageBackoff(i + 1); got != w {
			t.Errorf("attempt %d: %s, want %s", i+1, got, w)
		}
	}
	if got := messageBackoff(30); got != time.Hour {
		t.Errorf("attempt 30: %s, want an hour", got)
	}
}
