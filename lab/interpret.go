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
	// EarlierIgG and EarlierIgM are the earlier sample's interpretations,
	// set on paired findings only (lab/interpret_pair.go), so a screen can show
	// "negative → positive". EarlierIgM is "" when that sample had no IgM.
	EarlierIgG string `json:"earlier_igg,omitempty"`
	EarlierIgM string `json:"earlier_igm,omitempty"`
}

// Interpret turns the interpretations of a sample's results (by analyte
// code) and whether she was pregnant at booking into one finding per
// pathogen, exactly as the table of domain.md §0: a missing IgM counts as
// negative; with no IgG result there is no finding; the first matching row
// wins. deferralDays fills the rubella vaccination advice. abnormal is true
// when any finding needs action.
func Interpret(results map[string]Interpretation, pregnant bool, deferralDays int) (findings []Finding, abnormal bool) {
	for _, p := range Pathogens {
		f, _, ok := rowFinding(p.Code, results, pregnant, deferralDays)
		if !ok {
			continue
		}
		findings = append(findings, f)
		abnormal = abnormal || f.Abnormal
	}
	return findings, abnormal
}

// rowFinding is one pathogen's finding and the number of the §0 row that
// gave it; ok is false when the sample has no IgG result for it.
func rowFinding(pathogen string, results map[string]Interpretation, pregnant bool, deferralDays int) (f Finding, row int, ok bool) {
	g, ok := results[pathogen+"_IGG"]
	if !ok {
		return Finding{}, 0, false
	}
	m, tested := results[pathogen+"_IGM"]
	f = Finding{Pathogen: pathogen, IgG: string(g), IgM: string(m)} // IgM "" = not tested
	if !tested {
		m = Negative // for the rules only: the report says "not tested"
	}
	pick := func(ifPregnant, otherwise Priority) Priority {
		return priority(pathogen, pregnant, ifPregnant, otherwise)
	}
	switch {
	case m == Positive && g == Positive:
		row, f.Code, f.Abnormal, f.Priority = 1, pathogen+"_IGM_POS_IGG_POS", true, pick(Urgent, High)
	case m == Positive:
		row, f.Code, f.Abnormal, f.Priority = 2, pathogen+"_IGM_POS_IGG_NEG", true, pick(Urgent, High)
	case m == Equivocal:
		row, f.Code, f.Abnormal, f.Priority = 3, pathogen+"_IGM_EQUIVOCAL", true, pick(High, Routine)
	case g == Equivocal && pathogen == "RUBV":
		row, f.Code, f.Abnormal, f.Priority = 4, "RUBV_IGG_EQUIVOCAL", true, Routine
	case g == Equivocal:
		row, f.Code, f.Abnormal, f.Priority = 5, pathogen+"_IGG_EQUIVOCAL", true, Routine
	case g == Negative && pathogen == "RUBV":
		row, f.Code, f.Abnormal, f.Priority = 6, "RUBV_SUSCEPTIBLE", true, Routine
	case g == Negative:
		row, f.Code = 7, pathogen+"_SUSCEPTIBLE"
	default: // g positive
		row, f.Code = 8, pathogen+"_PAST_INFECTION"
	}
	f.Recommendation, f.RecommendationEn = recommend(f.Code, pathogen, pregnant, deferralDays)
	return f, row, true
}

// priority is a finding's priority by pregnancy, except for HSV: its
// serology cannot date an infection, so it is routine either way (§0, HSV
// note).
func priority(pathogen string, pregnant bool, ifPregnant, otherwise Priority) Priority {
	switch {
	case pathogen == "HSV":
		return Routine
	case pregnant:
		return ifPregnant
	}
	return otherwise
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

// The HSV IgM text of §0, for every HSV finding that rests on a positive
// or equivocal IgM: it never advises avidity testing.
const (
	hsvIgMZh = "单纯疱疹病毒IgM阳性不能单独判断近期感染；如有生殖器疱疹病史或症状，请告知产科医生。"
	hsvIgMEn = "A positive HSV IgM cannot on its own date an infection; if you have had genital herpes or have symptoms, tell your obstetrician."
)

// recommend returns the advice for a finding in the words of domain.md §0.
// §0 gives none for HSV_SUSCEPTIBLE; none is invented.
func recommend(code, pathogen string, pregnant bool, deferralDays int) (zh, en string) {
	generic := strings.TrimPrefix(code, pathogen+"_")
	d := strconv.Itoa(deferralDays)
	switch {
	case pathogen == "HSV" && (generic == "IGM_POS_IGG_POS" || generic == "IGM_POS_IGG_NEG" ||
		generic == "IGM_EQUIVOCAL" || generic == "IGM_PERSISTENT"):
		return hsvIgMZh, hsvIgMEn
	case generic == "IGM_POS_IGG_POS":
		return "可能为近期感染，建议进行IgG亲和力检测；孕期请尽快到产科就诊。",
			"Possible recent infection: an IgG avidity test is advised; if pregnant, see an obstetrician soon."
	case generic == "IGM_POS_IGG_NEG":
		return "IgM阳性，可能为早期感染或假阳性，建议2周后复查。",
			"IgM positive: early infection or a false-positive IgM; a redraw in 2 weeks is advised."
	case code == "RUBV_IGG_EQUIVOCAL" && pregnant:
		return "风疹抗体处于灰区，按无免疫力处理：孕期避免接触风疹患者，产后接种疫苗。",
			"Rubella antibody in the grey zone counts as not immune: avoid contact with rubella during pregnancy, be vaccinated after delivery."
	case code == "RUBV_IGG_EQUIVOCAL":
		return "风疹抗体处于灰区，按无免疫力处理：建议接种风疹疫苗（接种前须排除妊娠），接种后" + d + "天内避免怀孕。",
			"Rubella antibody in the grey zone counts as not immune: vaccination is advised (pregnancy excluded first), then avoid pregnancy for " + d + " days."
	case generic == "IGM_EQUIVOCAL" || generic == "IGG_EQUIVOCAL":
		return "结果处于灰区，建议2周后复查。", "Result in the grey zone: a redraw in 2 weeks is advised."
	case code == "RUBV_SUSCEPTIBLE" && pregnant:
		return "对风疹病毒无免疫力，孕期避免接触风疹患者，产后接种疫苗；孕期不可接种。",
			"Not immune to rubella: avoid contact with rubella during pregnancy and be vaccinated after delivery, never during pregnancy."
	case code == "RUBV_SUSCEPTIBLE":
		return "对风疹病毒无免疫力，建议接种风疹疫苗（接种前须排除妊娠），接种后" + d + "天内避免怀孕。",
			"Not immune to rubella: vaccination is advised (pregnancy excluded first), then avoid pregnancy for " + d + " days."
	case code == "TOXO_SUSCEPTIBLE":
		return "未感染过弓形虫，注意饮食卫生，避免生肉，避免接触猫粪。",
			"No past toxoplasma infection: eat no raw meat and avoid cat litter."
	case code == "CMV_SUSCEPTIBLE":
		return "未感染过巨细胞病毒，注意手卫生，避免接触幼儿唾液和尿液。",
			"No past CMV infection: wash hands, avoid young children's saliva and urine."
	case code == "CMV_PAST_INFECTION":
		return "既往感染巨细胞病毒，仍可能再次感染，注意手卫生。",
			"Past CMV infection; reinfection is still possible: wash hands."
	case code == "HSV_PAST_INFECTION":
		return "既往感染单纯疱疹病毒（病毒可潜伏），如有症状请就诊。",
			"Past HSV infection (the virus can lie dormant); see a doctor if symptoms appear."
	case code == "TOXO_PAST_INFECTION" || code == "RUBV_PAST_INFECTION":
		return "既往感染或已有免疫力。", "Past infection or immunity."
	case generic == "SEROCONVERSION":
		return "两次检测显示IgG由阴转阳，提示近期原发感染；孕期请尽快到产科就诊。",
			"IgG turned positive between the two samples: a recent primary infection; if pregnant, see an obstetrician soon."
	case generic == "IGM_PERSISTENT":
		return "IgM持续阳性而IgG稳定，多为既往感染后IgM持续存在，建议IgG亲和力检测确认。",
			"IgM stays positive with stable IgG: most often a lingering IgM after a past infection; an IgG avidity test confirms it."
	case generic == "IGM_NOT_CONFIRMED":
		return "复查IgM转阴且IgG仍为阴性，首次IgM阳性可能为假阳性。",
			"On the retest IgM is negative and IgG still negative: the first positive IgM was probably a false positive."
	case generic == "IGG_LOSS":
		return "IgG由阳转阴，与既往结果不符，需核对标本后重新采血。",
			"IgG turned negative, against the earlier result: the samples must be checked and blood drawn again."
	}
	return "", ""
}
