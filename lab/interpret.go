package lab

import (
	"strconv"
	"strings"
)

// Interpretation is one value judged against its kit's bounds.
type Interpretation string

// The three interpretations (阴性 / 灰区 / 阳性).
const (
	Negative  Interpretation = "negative"
	Equivocal Interpretation = "equivocal"
	Positive  Interpretation = "positive"
)

// Valid reports whether i is one of the three.
func (i Interpretation) Valid() bool { return i == Negative || i == Equivocal || i == Positive }

// Judge interprets a value against a kit's bounds L = negativeBelow and
// H = positiveFrom: value < L is negative, L ≤ value < H equivocal, value ≥ H
// positive. L = H means no grey zone (domain.md §0).
func Judge(value, negativeBelow, positiveFrom float64) Interpretation {
	switch {
	case value < negativeBelow:
		return Negative
	case value < positiveFrom:
		return Equivocal
	}
	return Positive
}

// Priority is how soon a counselor must act on a finding.
type Priority string

// Priorities, most pressing first.
const (
	Urgent  Priority = "urgent"
	High    Priority = "high"
	Routine Priority = "routine"
)

// rank orders priorities: a higher rank is more pressing.
func (p Priority) rank() int {
	switch p {
	case Urgent:
		return 3
	case High:
		return 2
	case Routine:
		return 1
	}
	return 0
}

// Higher reports whether p is more pressing than q.
func (p Priority) Higher(q Priority) bool { return p.rank() > q.rank() }

// Pathogens in report order, with their names.
var Pathogens = []struct{ Code, NameZh, NameEn string }{
	{"TOXO", "弓形虫", "Toxoplasma"},
	{"RUBV", "风疹病毒", "Rubella virus"},
	{"CMV", "巨细胞病毒", "Cytomegalovirus"},
	{"HSV", "单纯疱疹病毒", "Herpes simplex virus"},
}

// Finding is what one pathogen's IgG/IgM pattern means, with what to do.
type Finding struct {
	Code     string   `json:"code"`
	Pathogen string   `json:"pathogen"`
	IgG      string   `json:"igg"`
	IgM      string   `json:"igm"` // "" when the panel has no IgM test
	Abnormal bool     `json:"abnormal"`
	Priority Priority `json:"priority,omitempty"`
	// Recommendation is the advice in the words of domain.md §0, in
	// Chinese and English; empty where §0 gives none.
	Recommendation   string `json:"recommendation"`
	RecommendationEn string `json:"recommendation_en"`
}

// Interpret turns the interpretations of a sample's results (by analyte
// code) and whether she was pregnant at booking into one finding per
// pathogen, exactly as the table of domain.md §0: a missing IgM counts as
// negative; with no IgG result there is no finding; the first matching row
// wins. deferralDays fills the rubella vaccination advice. abnormal is true
// when any finding needs action.
func Interpret(results map[string]Interpretation, pregnant bool, deferralDays int) (findings []Finding, abnormal bool) {
	pick := func(ifPregnant, otherwise Priority) Priority {
		if pregnant {
			return ifPregnant
		}
		return otherwise
	}
	for _, p := range Pathogens {
		g, ok := results[p.Code+"_IGG"]
		if !ok {
			continue
		}
		m, tested := results[p.Code+"_IGM"]
		f := Finding{Pathogen: p.Code, IgG: string(g), IgM: string(m)} // IgM "" = not tested
		if !tested {
			m = Negative // for the rules only: the report says "not tested"
		}
		switch {
		case m == Positive && g == Positive:
			f.Code, f.Abnormal, f.Priority = p.Code+"_IGM_POS_IGG_POS", true, pick(Urgent, High)
		case m == Positive:
			f.Code, f.Abnormal, f.Priority = p.Code+"_IGM_POS_IGG_NEG", true, pick(Urgent, High)
		case m == Equivocal:
			f.Code, f.Abnormal, f.Priority = p.Code+"_IGM_EQUIVOCAL", true, pick(High, Routine)
		case g == Equivocal:
			f.Code, f.Abnormal, f.Priority = p.Code+"_IGG_EQUIVOCAL", true, Routine
		case g == Negative && p.Code == "RUBV":
			f.Code, f.Abnormal, f.Priority = "RUBV_SUSCEPTIBLE", true, Routine
		case g == Negative:
			f.Code = p.Code + "_SUSCEPTIBLE"
		default: // g positive
			f.Code = p.Code + "_PAST_INFECTION"
		}
		f.Recommendation, f.RecommendationEn = recommend(f.Code, p.Code, pregnant, deferralDays)
		findings = append(findings, f)
		abnormal = abnormal || f.Abnormal
	}
	return findings, abnormal
}

// HighestPriority returns the most pressing priority among the findings
// ("" when none needs action).
func HighestPriority(fs []Finding) Priority {
	var top Priority
	for _, f := range fs {
		if f.Priority.Higher(top) {
			top = f.Priority
		}
	}
	return top
}

// recommend returns the advice for a finding in the words of domain.md §0.
// §0 gives none for HSV_SUSCEPTIBLE; none is invented.
func recommend(code, pathogen string, pregnant bool, deferralDays int) (zh, en string) {
	generic := strings.TrimPrefix(code, pathogen+"_")
	switch {
	case generic == "IGM_POS_IGG_POS":
		return "可能为近期感染，建议进行IgG亲和力检测；孕期请尽快到产科就诊。",
			"Possible recent infection: an IgG avidity test is advised; if pregnant, see an obstetrician soon."
	case generic == "IGM_POS_IGG_NEG":
		return "IgM阳性，可能为早期感染或假阳性，建议2周后复查。",
			"IgM positive: early infection or a false-positive IgM; a redraw in 2 weeks is advised."
	case generic == "IGM_EQUIVOCAL" || generic == "IGG_EQUIVOCAL":
		return "结果处于灰区，建议2周后复查。", "Result in the grey zone: a redraw in 2 weeks is advised."
	case code == "RUBV_SUSCEPTIBLE" && pregnant:
		return "对风疹病毒无免疫力，孕期避免接触风疹患者，产后接种疫苗；孕期不可接种。",
			"Not immune to rubella: avoid contact with rubella during pregnancy and be vaccinated after delivery, never during pregnancy."
	case code == "RUBV_SUSCEPTIBLE":
		d := strconv.Itoa(deferralDays)
		return "对风疹病毒无免疫力，建议接种风疹疫苗，接种后" + d + "天内避免怀孕。",
			"Not immune to rubella: vaccination is advised, then avoid pregnancy for " + d + " days."
	case code == "TOXO_SUSCEPTIBLE":
		return "未感染过弓形虫，注意饮食卫生，避免生肉，避免接触猫粪。",
			"No past toxoplasma infection: eat no raw meat and avoid cat litter."
	case code == "CMV_SUSCEPTIBLE":
		return "未感染过巨细胞病毒，注意手卫生，避免接触幼儿唾液和尿液。",
			"No past CMV infection: wash hands, avoid young children's saliva and urine."
	case generic == "PAST_INFECTION":
		return "既往感染或已有免疫力。", "Past infection or immunity."
	}
	return "", ""
}
