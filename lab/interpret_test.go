package lab

import (
	"strconv"
	"strings"
	"testing"
)

func TestJudgeAtTheBounds(t *testing.T) {
	tests := []struct {
		value, l, h float64
		want        Interpretation
	}{
		{0, 1, 3, Negative},
		{0.999, 1, 3, Negative},
		{1, 1, 3, Equivocal}, // L itself is in the grey zone
		{2.999, 1, 3, Equivocal},
		{3, 1, 3, Positive}, // H itself is positive
		{300, 1, 3, Positive},
		{9.99, 10, 10, Negative}, // L = H: no grey zone
		{10, 10, 10, Positive},
		{0.85, 0.85, 1.0, Equivocal}, // CMV IgM
		{0.849, 0.85, 1.0, Negative},
		{1.10, 0.91, 1.10, Positive}, // HSV IgM
	}
	for _, tc := range tests {
		if got := Judge(tc.value, tc.l, tc.h); got != tc.want {
			t.Errorf("Judge(%v, %v, %v) = %s, want %s", tc.value, tc.l, tc.h, got, tc.want)
		}
	}
}

// The recommendations of domain.md §0, word for word, by finding code
// (P for the pathogen); "RUBV_SUSCEPTIBLE pregnant" is the pregnant
// variant. deferral_days is 90 in these tests.
var specTexts = map[string][2]string{
	"P_IGM_POS_IGG_POS": {"可能为近期感染，建议进行IgG亲和力检测；孕期请尽快到产科就诊。",
		"Possible recent infection: an IgG avidity test is advised; if pregnant, see an obstetrician soon."},
	"HSV_IGM": {"单纯疱疹病毒IgM阳性不能单独判断近期感染；如有生殖器疱疹病史或症状，请告知产科医生。",
		"A positive HSV IgM cannot on its own date an infection; if you have had genital herpes or have symptoms, tell your obstetrician."},
	"P_SEROCONVERSION": {"两次检测显示IgG由阴转阳，提示近期原发感染；孕期请尽快到产科就诊。",
		"IgG turned positive between the two samples: a recent primary infection; if pregnant, see an obstetrician soon."},
	"P_IGM_PERSISTENT": {"IgM持续阳性而IgG稳定，多为既往感染后IgM持续存在，建议IgG亲和力检测确认。",
		"IgM stays positive with stable IgG: most often a lingering IgM after a past infection; an IgG avidity test confirms it."},
	"P_IGM_NOT_CONFIRMED": {"复查IgM转阴且IgG仍为阴性，首次IgM阳性可能为假阳性。",
		"On the retest IgM is negative and IgG still negative: the first positive IgM was probably a false positive."},
	"P_IGG_LOSS": {"IgG由阳转阴，与既往结果不符，需核对标本后重新采血。",
		"IgG turned negative, against the earlier result: the samples must be checked and blood drawn again."},
	"RUBV_IGG_EQUIVOCAL": {"风疹抗体处于灰区，按无免疫力处理：建议接种风疹疫苗（接种前须排除妊娠），接种后90天内避免怀孕。",
		"Rubella antibody in the grey zone counts as not immune: vaccination is advised (pregnancy excluded first), then avoid pregnancy for 90 days."},
	"RUBV_IGG_EQUIVOCAL pregnant": {"风疹抗体处于灰区，按无免疫力处理：孕期避免接触风疹患者，产后接种疫苗。",
		"Rubella antibody in the grey zone counts as not immune: avoid contact with rubella during pregnancy, be vaccinated after delivery."},
	"P_IGM_POS_IGG_NEG": {"IgM阳性，可能为早期感染或假阳性，建议2周后复查。",
		"IgM positive: early infection or a false-positive IgM; a redraw in 2 weeks is advised."},
	"P_IGM_EQUIVOCAL": {"结果处于灰区，建议2周后复查。", "Result in the grey zone: a redraw in 2 weeks is advised."},
	"P_IGG_EQUIVOCAL": {"结果处于灰区，建议2周后复查。", "Result in the grey zone: a redraw in 2 weeks is advised."},
	"RUBV_SUSCEPTIBLE": {"对风疹病毒无免疫力，建议接种风疹疫苗（接种前须排除妊娠），接种后90天内避免怀孕。",
		"Not immune to rubella: vaccination is advised (pregnancy excluded first), then avoid pregnancy for 90 days."},
	"RUBV_SUSCEPTIBLE pregnant": {"对风疹病毒无免疫力，孕期避免接触风疹患者，产后接种疫苗；孕期不可接种。",
		"Not immune to rubella: avoid contact with rubella during pregnancy and be vaccinated after delivery, never during pregnancy."},
	"TOXO_SUSCEPTIBLE": {"未感染过弓形虫，注意饮食卫生，避免生肉，避免接触猫粪。",
		"No past toxoplasma infection: eat no raw meat and avoid cat litter."},
	"CMV_SUSCEPTIBLE": {"未感染过巨细胞病毒，注意手卫生，避免接触幼儿唾液和尿液。",
		"No past CMV infection: wash hands, avoid young children's saliva and urine."},
	"HSV_SUSCEPTIBLE":     {"", ""}, // §0 gives no advice
	"TOXO_PAST_INFECTION": {"既往感染或已有免疫力。", "Past infection or immunity."},
	"RUBV_PAST_INFECTION": {"既往感染或已有免疫力。", "Past infection or immunity."},
	"CMV_PAST_INFECTION":  {"既往感染巨细胞病毒，仍可能再次感染，注意手卫生。", "Past CMV infection; reinfection is still possible: wash hands."},
	"HSV_PAST_INFECTION": {"既往感染单纯疱疹病毒（病毒可潜伏），如有症状请就诊。",
		"Past HSV infection (the virus can lie dormant); see a doctor if symptoms appear."},
}

// specText is §0's advice for a finding code: its own row if it has one,
// else its generic P_ row; the HSV IgM findings share the HSV IgM text.
func specText(t *testing.T, code, pathogen string, pregnant bool) (zh, en string) {
	t.Helper()
	generic := "P_" + strings.TrimPrefix(code, pathogen+"_")
	if pathogen == "HSV" {
		switch generic {
		case "P_IGM_POS_IGG_POS", "P_IGM_POS_IGG_NEG", "P_IGM_EQUIVOCAL", "P_IGM_PERSISTENT":
			generic = "HSV_IGM"
		}
	}
	for _, key := range []string{code + map[bool]string{true: " pregnant"}[pregnant], code, generic} {
		if tx, ok := specTexts[key]; ok {
			return tx[0], tx[1]
		}
	}
	t.Fatalf("§0 has no text for %s", code)
	return "", ""
}

// want is one finding as §0 gives it; code has P for the pathogen.
type want struct {
	code                  string
	abnormal              bool
	pregnant, notPregnant Priority
}

// hsvRoutine is the HSV exception of rows 1–3: never urgent, always routine.
func hsvRoutine(code string) map[string]want {
	return map[string]want{"HSV": {code, true, Routine, Routine}}
}

// Every row of domain.md §0's table, for each pathogen, pregnant and not:
// code, abnormal, priority and the exact advice in both languages.
func TestInterpretTable(t *testing.T) {
	type row struct {
		name   string
		g, m   Interpretation // m "" = no IgM result
		want   want
		except map[string]want // by pathogen, where §0 says otherwise
	}
	rows := []row{
		{"1 m+ g+", Positive, Positive, want{"P_IGM_POS_IGG_POS", true, Urgent, High}, hsvRoutine("P_IGM_POS_IGG_POS")},
		{"2 m+ g-", Negative, Positive, want{"P_IGM_POS_IGG_NEG", true, Urgent, High}, hsvRoutine("P_IGM_POS_IGG_NEG")},
		{"2 m+ g?", Equivocal, Positive, want{"P_IGM_POS_IGG_NEG", true, Urgent, High}, hsvRoutine("P_IGM_POS_IGG_NEG")},
		{"3 m? g+", Positive, Equivocal, want{"P_IGM_EQUIVOCAL", true, High, Routine}, hsvRoutine("P_IGM_EQUIVOCAL")},
		{"3 m? g-", Negative, Equivocal, want{"P_IGM_EQUIVOCAL", true, High, Routine}, hsvRoutine("P_IGM_EQUIVOCAL")},
		{"3 m? g?", Equivocal, Equivocal, want{"P_IGM_EQUIVOCAL", true, High, Routine}, hsvRoutine("P_IGM_EQUIVOCAL")},
		{"4/5 g? m-", Equivocal, Negative, want{"P_IGG_EQUIVOCAL", true, Routine, Routine},
			map[string]want{"RUBV": {"RUBV_IGG_EQUIVOCAL", true, Routine, Routine}}},
		{"4/5 g? no IgM", Equivocal, "", want{"P_IGG_EQUIVOCAL", true, Routine, Routine},
			map[string]want{"RUBV": {"RUBV_IGG_EQUIVOCAL", true, Routine, Routine}}},
		{"6/7 g- m-", Negative, Negative, want{"P_SUSCEPTIBLE", false, "", ""},
			map[string]want{"RUBV": {"RUBV_SUSCEPTIBLE", true, Routine, Routine}}},
		{"6/7 g- no IgM", Negative, "", want{"P_SUSCEPTIBLE", false, "", ""},
			map[string]want{"RUBV": {"RUBV_SUSCEPTIBLE", true, Routine, Routine}}},
		{"8 g+ m-", Positive, Negative, want{"P_PAST_INFECTION", false, "", ""}, nil},
		{"8 g+ no IgM", Positive, "", want{"P_PAST_INFECTION", false, "", ""}, nil},
	}
	for _, p := range Pathogens {
		for _, r := range rows {
			for _, pregnant := range []bool{true, false} {
				name := p.Code + " " + r.name
				if pregnant {
					name += " pregnant"
				}
				t.Run(name, func(t *testing.T) {
					in := map[string]Interpretation{p.Code + "_IGG": r.g}
					if r.m != "" {
						in[p.Code+"_IGM"] = r.m
					}
					fs, abnormal := Interpret(in, pregnant, 90)
					if len(fs) != 1 {
						t.Fatalf("findings = %+v", fs)
					}
					w := r.want
					if e, ok := r.except[p.Code]; ok {
						w = e
					}
					checkFinding(t, fs[0], p.Code, w, pregnant)
					if abnormal != w.abnormal {
						t.Fatalf("abnormal = %v, want %v", abnormal, w.abnormal)
					}
					if f := fs[0]; f.IgG != string(r.g) || f.IgM != string(r.m) || f.EarlierIgG != "" || f.EarlierIgM != "" {
						t.Fatalf("interpretations on the finding: %+v", f)
					}
				})
			}
		}
	}
}

// checkFinding asserts one finding against §0: code, pathogen, abnormal,
// priority, and the advice word for word in both languages.
func checkFinding(t *testing.T, f Finding, pathogen string, w want, pregnant bool) {
	t.Helper()
	code, prio := strings.Replace(w.code, "P_", pathogen+"_", 1), w.notPregnant
	if pregnant {
		prio = w.pregnant
	}
	if f.Code != code || f.Pathogen != pathogen || f.Abnormal != w.abnormal || f.Priority != prio {
		t.Fatalf("finding = %+v, want %s abnormal=%v priority=%q", f, code, w.abnormal, prio)
	}
	zh, en := specText(t, code, pathogen, pregnant)
	if f.Recommendation != zh || f.RecommendationEn != en {
		t.Fatalf("%s advises\n  %q / %q\nwant\n  %q / %q", code, f.Recommendation, f.RecommendationEn, zh, en)
	}
}

func TestInterpretNoIgGNoFinding(t *testing.T) {
	fs, abnormal := Interpret(map[string]Interpretation{"TOXO_IGM": Positive, "CMV_IGG": Positive}, false, 28)
	if len(fs) != 1 || fs[0].Pathogen != "CMV" || abnormal {
		t.Fatalf("findings = %+v", fs)
	}
}

func TestRecommendationWording(t *testing.T) {
	// {deferral_days} is the setting, whatever it is.
	for _, days := range []int{28, 90} {
		d := strconv.Itoa(days)
		fs, _ := Interpret(map[string]Interpretation{"RUBV_IGG": Negative}, false, days)
		if fs[0].Recommendation != "对风疹病毒无免疫力，建议接种风疹疫苗（接种前须排除妊娠），接种后"+d+"天内避免怀孕。" ||
			fs[0].RecommendationEn != "Not immune to rubella: vaccination is advised (pregnancy excluded first), then avoid pregnancy for "+d+" days." {
			t.Fatalf("rubella, not pregnant: %+v", fs[0])
		}
		fs, _ = Interpret(map[string]Interpretation{"RUBV_IGG": Equivocal}, false, days)
		if !strings.Contains(fs[0].Recommendation, "接种后"+d+"天内") || !strings.Contains(fs[0].RecommendationEn, "for "+d+" days") {
			t.Fatalf("rubella grey zone, not pregnant: %+v", fs[0])
		}
	}
	// No text advises ending a pregnancy; HSV never defers conception, is
	// never urgent and never advises avidity; every vaccination text says
	// to exclude pregnancy first, and a pregnant woman is never told to be
	// vaccinated now.
	all := map[string]Interpretation{}
	for _, p := range Pathogens {
		all[p.Code+"_IGG"], all[p.Code+"_IGM"] = Positive, Positive
	}
	patterns := []map[string]Interpretation{all}
	for _, g := range []Interpretation{Negative, Equivocal, Positive} {
		for _, m := range []Interpretation{"", Negative, Equivocal, Positive} {
			for _, p := range Pathogens {
				in := map[string]Interpretation{p.Code + "_IGG": g}
				if m != "" {
					in[p.Code+"_IGM"] = m
				}
				patterns = append(patterns, in)
			}
		}
	}
	for _, pattern := range patterns {
		for _, pregnant := range []bool{true, false} {
			fs, _ := Interpret(pattern, pregnant, 28)
			for _, f := range fs {
				checkWording(t, f, pregnant)
			}
		}
	}
}

// checkWording holds a finding's advice to the rules that hold for every
// text of §0.
func checkWording(t *testing.T, f Finding, pregnant bool) {
	t.Helper()
	for _, text := range []string{f.Recommendation, f.RecommendationEn} {
		lower := strings.ToLower(text)
		for _, banned := range []string{"终止", "引产", "流产", "terminat", "abort"} {
			if strings.Contains(lower, banned) {
				t.Fatalf("%s advises %q: %s", f.Code, banned, text)
			}
		}
		if f.Pathogen == "HSV" && (strings.Contains(text, "避免怀孕") || strings.Contains(lower, "avoid pregnancy") ||
			strings.Contains(text, "亲和力") || strings.Contains(lower, "avidity")) {
			t.Fatalf("HSV advice %s: %s", f.Code, text)
		}
		if strings.Contains(text, "建议接种") != strings.Contains(text, "接种前须排除妊娠") ||
			strings.Contains(text, "vaccination is advised") != strings.Contains(text, "pregnancy excluded first") {
			t.Fatalf("%s advises vaccination without excluding pregnancy: %s", f.Code, text)
		}
		if pregnant && (strings.Contains(text, "建议接种") || strings.Contains(text, "vaccination is advised")) {
			t.Fatalf("%s advises a pregnant woman to be vaccinated: %s", f.Code, text)
		}
	}
	if f.Pathogen == "HSV" && f.Priority == Urgent {
		t.Fatalf("urgent HSV finding %+v", f)
	}
}

func TestHighestPriority(t *testing.T) {
	fs := []Finding{{Priority: Routine}, {Priority: ""}, {Priority: Urgent}, {Priority: High}}
	if HighestPriority(fs) != Urgent || HighestPriority(nil) != "" {
		t.Fatal("HighestPriority")
	}
}
