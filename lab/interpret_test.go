package lab

import (
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

// Every row of domain.md §0's table, for each pathogen, pregnant and not.
func TestInterpretTable(t *testing.T) {
	type row struct {
		name       string
		g, m       Interpretation // m "" = no IgM result
		code       string         // with P for the pathogen
		abnormal   bool
		pregnant   Priority
		notPregant Priority
	}
	rows := []row{
		{"1 m+ g+", Positive, Positive, "P_IGM_POS_IGG_POS", true, Urgent, High},
		{"2 m+ g-", Negative, Positive, "P_IGM_POS_IGG_NEG", true, Urgent, High},
		{"2 m+ g?", Equivocal, Positive, "P_IGM_POS_IGG_NEG", true, Urgent, High},
		{"3 m? g+", Positive, Equivocal, "P_IGM_EQUIVOCAL", true, High, Routine},
		{"3 m? g-", Negative, Equivocal, "P_IGM_EQUIVOCAL", true, High, Routine},
		{"3 m? g?", Equivocal, Equivocal, "P_IGM_EQUIVOCAL", true, High, Routine},
		{"4 g? m-", Equivocal, Negative, "P_IGG_EQUIVOCAL", true, Routine, Routine},
		{"4 g? no IgM", Equivocal, "", "P_IGG_EQUIVOCAL", true, Routine, Routine},
		{"6/5 g- m-", Negative, Negative, "P_SUSCEPTIBLE", false, "", ""},
		{"6/5 g- no IgM", Negative, "", "P_SUSCEPTIBLE", false, "", ""},
		{"7 g+ m-", Positive, Negative, "P_PAST_INFECTION", false, "", ""},
		{"7 g+ no IgM", Positive, "", "P_PAST_INFECTION", false, "", ""},
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
					fs, abnormal := Interpret(in, pregnant, 28)
					if len(fs) != 1 {
						t.Fatalf("findings = %+v", fs)
					}
					f := fs[0]
					code, wantAbnormal, prio := strings.Replace(r.code, "P_", p.Code+"_", 1), r.abnormal, r.notPregant
					if pregnant {
						prio = r.pregnant
					}
					if r.code == "P_SUSCEPTIBLE" && p.Code == "RUBV" { // row 5
						code, wantAbnormal, prio = "RUBV_SUSCEPTIBLE", true, Routine
					}
					if f.Code != code || f.Abnormal != wantAbnormal || abnormal != wantAbnormal || f.Priority != prio || f.Pathogen != p.Code {
						t.Fatalf("finding = %+v, want %s abnormal=%v priority=%q", f, code, wantAbnormal, prio)
					}
					if (f.Recommendation == "") != (code == "HSV_SUSCEPTIBLE") || (f.RecommendationEn == "") != (code == "HSV_SUSCEPTIBLE") {
						t.Fatalf("recommendation for %s: %q / %q", code, f.Recommendation, f.RecommendationEn)
					}
				})
			}
		}
	}
}

func TestInterpretNoIgGNoFinding(t *testing.T) {
	fs, abnormal := Interpret(map[string]Interpretation{"TOXO_IGM": Positive, "CMV_IGG": Positive}, false, 28)
	if len(fs) != 1 || fs[0].Pathogen != "CMV" || abnormal {
		t.Fatalf("findings = %+v", fs)
	}
}

func TestRecommendationWording(t *testing.T) {
	fs, _ := Interpret(map[string]Interpretation{"RUBV_IGG": Negative}, false, 90)
	if fs[0].Recommendation != "对风疹病毒无免疫力，建议接种风疹疫苗，接种后90天内避免怀孕。" ||
		fs[0].RecommendationEn != "Not immune to rubella: vaccination is advised, then avoid pregnancy for 90 days." {
		t.Fatalf("rubella, not pregnant: %+v", fs[0])
	}
	fs, _ = Interpret(map[string]Interpretation{"RUBV_IGG": Negative}, true, 90)
	if fs[0].Recommendation != "对风疹病毒无免疫力，孕期避免接触风疹患者，产后接种疫苗；孕期不可接种。" {
		t.Fatalf("rubella, pregnant: %+v", fs[0])
	}
	// No text advises ending a pregnancy, and HSV never defers conception.
	all := map[string]Interpretation{}
	for _, p := range Pathogens {
		all[p.Code+"_IGG"], all[p.Code+"_IGM"] = Positive, Positive
	}
	for _, pattern := range []map[string]Interpretation{all, {"HSV_IGG": Negative}, {"HSV_IGG": Positive}, {"HSV_IGG": Equivocal}} {
		for _, pregnant := range []bool{true, false} {
			fs, _ := Interpret(pattern, pregnant, 28)
			for _, f := range fs {
				for _, text := range []string{f.Recommendation, f.RecommendationEn} {
					for _, banned := range []string{"终止", "引产", "流产", "terminat", "abort"} {
						if strings.Contains(strings.ToLower(text), banned) {
							t.Fatalf("%s advises %q: %s", f.Code, banned, text)
						}
					}
					if f.Pathogen == "HSV" && (strings.Contains(text, "避免怀孕") || strings.Contains(text, "avoid pregnancy")) {
						t.Fatalf("HSV defers conception: %s", text)
					}
				}
			}
		}
	}
}

func TestHighestPriority(t *testing.T) {
	fs := []Finding{{Priority: Routine}, {Priority: ""}, {Priority: Urgent}, {Priority: High}}
	if HighestPriority(fs) != Urgent || HighestPriority(nil) != "" {
		t.Fatal("HighestPriority")
	}
}
