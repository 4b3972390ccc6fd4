package fhir

import (
	"fmt"
	"strings"

	"torchlab/lab"
)

// Lang is the language of the texts an export writes: the report's
// conclusion and the names of what was tested.
type Lang string

// The languages of the woman's report: Simplified Chinese (the default)
// and English.
const (
	Zh Lang = "zh"
	En Lang = "en"
)

// ParseLang reads ?lang=: "" is Chinese.
func ParseLang(s string) (Lang, bool) {
	switch Lang(s) {
	case "", Zh:
		return Zh, true
	case En:
		return En, true
	}
	return "", false
}

// tag is the language as a BCP 47 tag, for Resource.language.
func (l Lang) tag() string {
	if l == En {
		return "en"
	}
	return "zh-CN"
}

type words struct {
	interp    map[lab.Interpretation]string
	notTested string
	// line is one finding: pathogen, IgG, IgM; stop ends it before advice.
	line, stop string
	// bounds are a kit's cut-offs: negative below, positive from.
	bounds string
}

var text = map[Lang]words{
	Zh: {interp: map[lab.Interpretation]string{lab.Negative: "阴性", lab.Equivocal: "灰区", lab.Positive: "阳性"},
		notTested: "未检测", line: "%s：IgG %s，IgM %s", stop: "。", bounds: "阴性 < %g；阳性 ≥ %g"},
	En: {interp: map[lab.Interpretation]string{lab.Negative: "negative", lab.Equivocal: "equivocal", lab.Positive: "positive"},
		notTested: "not tested", line: "%s: IgG %s, IgM %s", stop: ". ", bounds: "negative < %g; positive ≥ %g"},
}

func (l Lang) pathogen(code string) string {
	for _, p := range lab.Pathogens {
		if p.Code == code {
			if l == En {
				return p.NameEn
			}
			return p.NameZh
		}
	}
	return code
}

func (l Lang) analyte(r lab.ReportResult) string {
	if l == En || r.NameZh == "" {
		return r.NameEn
	}
	return r.NameZh
}

// conclusion says the findings as the printed report does, one line per
// pathogen: its IgG and IgM readings (earlier → now for paired sera) and
// the advice, in the report's language.
func (l Lang) conclusion(findings []lab.Finding) string {
	w := text[l]
	reading := func(i string) string {
		if i == "" {
			return w.notTested
		}
		return w.interp[lab.Interpretation(i)]
	}
	var lines []string
	for _, f := range findings {
		igg, igm := reading(f.IgG), reading(f.IgM)
		if f.EarlierIgG != "" {
			igg = reading(f.EarlierIgG) + "→" + igg
			if f.EarlierIgM != "" || f.IgM != "" {
				igm = reading(f.EarlierIgM) + "→" + igm
			}
		}
		line := fmt.Sprintf(w.line, l.pathogen(f.Pathogen), igg, igm)
		advice := f.Recommendation
		if l == En {
			advice = f.RecommendationEn
		}
		if advice != "" {
			line += w.stop + advice
		}
		lines = append(lines, strings.TrimSpace(line))
	}
	return strings.Join(lines, "\n")
}
