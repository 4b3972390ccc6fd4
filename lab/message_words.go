package lab

import (
	"strings"
	"unicode"
)

// A message to a woman never states a result (API.md, "Episodes,
// outcomes and reminders"). Templates are written per event, never per
// finding, and no placeholder carries a result, so the only way a result
// could reach a message is a word an admin types into a template. The
// words below are refused when a template is saved (CheckTemplate). They
// are chosen by what would make a message read as a result, or tell
// anyone who sees her phone what she was tested for:
//
//   - interpretations, the words a value is judged by: positive,
//     negative, equivocal and their kin (grey zone, borderline, reactive,
//     detected), and normal / abnormal, which state a result as surely;
//   - what a finding means: infection, immunity, susceptibility,
//     antibodies, seroconversion, a diagnosis;
//   - what was tested: the pathogens, "virus", the analytes' codes and
//     names (IgM, IgG, avidity, PCR, TORCH) and the unit of a value (IU).
//
// The list errs towards refusing: a refused word costs an admin a
// rephrasing, a word let through could tell a woman her result by text.
// "Result" and "report" themselves are allowed ("your report is ready"
// states none), and so is "pregnancy outcome", which is not a test's.

// forbiddenZh are matched anywhere in a template, with spaces and
// punctuation taken out ("阳 性" is 阳性).
var forbiddenZh = []string{
	// interpretations
	"阳性", "阴性", "灰区", "可疑", "弱阳", "临界", "转阳", "转阴", "正常", "异常", "偏高", "偏低", "升高", "超标", "未见", "检出",
	// what a finding means
	"感染", "免疫", "易感", "抗体", "血清转换", "既往", "原发", "确诊", "诊断",
	// what was tested
	"弓形虫", "风疹", "巨细胞", "疱疹", "病毒", "亲和力",
}

// forbiddenEn are matched in the words of a template (runs of Latin
// letters, a word spelt out letter by letter taken as one word): a word
// that contains one of them is refused ("seronegative" holds
// "negative"). The short ones marked in forbiddenEnPrefix must begin a
// word, so that "bigger" does not hold "igg".
var forbiddenEn = []string{
	// interpretations
	"positive", "negative", "equivocal", "borderline", "grey", "gray", "reactive", "detected",
	"normal", "abnormal", "elevated", "indeterminate", "inconclusive",
	// what a finding means
	"infect", "immun", "suscept", "antibod", "seroconver", "diagnos",
	// what was tested
	"toxo", "rubella", "rubv", "cytomegalo", "cmv", "herpes", "hsv", "virus", "viral",
	"igm", "igg", "avidity", "pcr", "torch", "iu",
}

var forbiddenEnPrefix = map[string]bool{
	"toxo": true, "rubv": true, "cmv": true, "hsv": true, "igm": true, "igg": true, "pcr": true, "iu": true,
}

// ForbiddenTemplateWords lists the words no template may hold, Chinese
// then English, for the UI and the tests.
func ForbiddenTemplateWords() []string {
	return append(append([]string{}, forbiddenZh...), forbiddenEn...)
}

// invisible are characters that show nothing and could split a word:
// zero-width spaces and joiners, the word joiner, the soft hyphen and the
// byte-order mark.
func invisible(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\u00ad', '\ufeff':
		return true
	}
	return false
}

// forbiddenWordIn returns the first forbidden word a text holds, or "".
// Full-width letters count as their ASCII forms and case is ignored.
func forbiddenWordIn(text string) string {
	text = strings.ToLower(narrowWidth(text))
	var compact strings.Builder
	for _, r := range text {
		if invisible(r) || unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) {
			continue
		}
		compact.WriteRune(r)
	}
	for _, w := range forbiddenZh {
		if strings.Contains(compact.String(), w) {
			return w
		}
	}
	for _, word := range latinWords(text) {
		for _, w := range forbiddenEn {
			if forbiddenEnPrefix[w] && strings.HasPrefix(word, w) || !forbiddenEnPrefix[w] && strings.Contains(word, w) {
				return w
			}
		}
	}
	return ""
}

// latinWords splits text into its runs of Latin letters. A hyphen or an
// invisible character inside a word does not end it ("posi-tive"), and
// letters spelt out one by one ("I g M", "i.g.m") make one word.
func latinWords(text string) []string {
	var words []string
	var cur []rune
	end := func() {
		if len(cur) > 0 {
			words = append(words, string(cur))
			cur = cur[:0]
		}
	}
	rs := []rune(text)
	for i, r := range rs {
		switch {
		case r >= 'a' && r <= 'z':
			cur = append(cur, r)
		case invisible(r):
		case r == '-' && len(cur) > 0 && i+1 < len(rs) && rs[i+1] >= 'a' && rs[i+1] <= 'z':
		default:
			end()
		}
	}
	end()
	// Join runs of one-letter words: "i g m" is "igm".
	var out []string
	var spelt strings.Builder
	for _, w := range words {
		if len(w) == 1 {
			spelt.WriteString(w)
			continue
		}
		if spelt.Len() > 0 {
			out = append(out, spelt.String())
			spelt.Reset()
		}
		out = append(out, w)
	}
	if spelt.Len() > 0 {
		out = append(out, spelt.String())
	}
	return out
}
