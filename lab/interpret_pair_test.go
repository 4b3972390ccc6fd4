package lab

import (
	"reflect"
	"strings"
	"testing"
)

// expect is one finding a pair should give, with its per-pathogen
// exceptions as in TestInterpretTable.
type expect struct {
	want
	except map[string]want
}

var (
	seroconversion = expect{want{"P_SEROCONVERSION", true, Urgent, High}, hsvRoutine("P_SEROCONVERSION")}
	igmPersistent  = expect{want{"P_IGM_PERSISTENT", true, High, Routine}, hsvRoutine("P_IGM_PERSISTENT")}
	igmNotConfirm  = expect{want{"P_IGM_NOT_CONFIRMED", false, "", ""}, nil}
	iggLoss        = expect{want{"P_IGG_LOSS", true, High, High}, nil}
	susceptible    = expect{want{"P_SUSCEPTIBLE", false, "", ""}, map[string]want{"RUBV": {"RUBV_SUSCEPTIBLE", true, Routine, Routine}}}
	pastInfection  = expect{want{"P_PAST_INFECTION", false, "", ""}, nil}
	iggEquivocal   = expect{want{"P_IGG_EQUIVOCAL", true, Routine, Routine}, map[string]want{"RUBV": {"RUBV_IGG_EQUIVOCAL", true, Routine, Routine}}}
	igmPosIgGPos   = expect{want{"P_IGM_POS_IGG_POS", true, Urgent, High}, hsvRoutine("P_IGM_POS_IGG_POS")}
	igmPosIgGNeg   = expect{want{"P_IGM_POS_IGG_NEG", true, Urgent, High}, hsvRoutine("P_IGM_POS_IGG_NEG")}
	igmEquivocal   = expect{want{"P_IGM_EQUIVOCAL", true, High, Routine}, hsvRoutine("P_IGM_EQUIVOCAL")}
)

// Every row of domain.md §0's paired table, for each pathogen, pregnant and
// not: the paired finding first, replacing a row 1–3 finding and followed
// by a row 4–8 one; and the pairs that match no paired row, which give
// Interpret's answer.
func TestInterpretPairTable(t *testing.T) {
	const none Interpretation = "" // no IgM result
	type sample struct{ g, m Interpretation }
	rows := []struct {
		name            string
		earlier, now    sample
		want            []expect
		paired          bool // the first finding is the paired one
		sameAsInterpret bool
	}{
		{"seroconversion, row 1 replaced", sample{Negative, Negative}, sample{Positive, Positive}, []expect{seroconversion}, true, false},
		{"seroconversion, IgM positive both times", sample{Negative, Positive}, sample{Positive, Positive}, []expect{seroconversion}, true, false},
		{"seroconversion, row 3 replaced", sample{Negative, Negative}, sample{Positive, Equivocal}, []expect{seroconversion}, true, false},
		{"seroconversion, then row 8", sample{Negative, Negative}, sample{Positive, Negative}, []expect{seroconversion, pastInfection}, true, false},
		{"seroconversion without IgM", sample{Negative, none}, sample{Positive, none}, []expect{seroconversion, pastInfection}, true, false},
		{"IgM persistent, row 1 replaced", sample{Positive, Positive}, sample{Positive, Positive}, []expect{igmPersistent}, true, false},
		{"IgM not confirmed, then row 6/7", sample{Negative, Positive}, sample{Negative, Negative}, []expect{igmNotConfirm, susceptible}, true, false},
		{"IgG loss, then row 6/7", sample{Positive, Negative}, sample{Negative, Negative}, []expect{iggLoss, susceptible}, true, false},
		{"IgG loss without IgM, then row 6/7", sample{Positive, none}, sample{Negative, none}, []expect{iggLoss, susceptible}, true, false},
		{"IgG loss, row 2 replaced", sample{Positive, Positive}, sample{Negative, Positive}, []expect{iggLoss}, true, false},
		{"IgG loss, row 3 replaced", sample{Positive, Negative}, sample{Negative, Equivocal}, []expect{iggLoss}, true, false},

		{"equivocal to positive IgG is no seroconversion", sample{Equivocal, Negative}, sample{Positive, Negative}, []expect{pastInfection}, false, true},
		{"equivocal to positive IgG with IgM", sample{Equivocal, Positive}, sample{Positive, Positive}, []expect{igmPosIgGPos}, false, true},
		{"negative to equivocal IgG", sample{Negative, Negative}, sample{Equivocal, Negative}, []expect{iggEquivocal}, false, true},
		{"positive to equivocal IgG is no loss", sample{Positive, Negative}, sample{Equivocal, Negative}, []expect{iggEquivocal}, false, true},
		{"equivocal to negative IgG is no loss", sample{Equivocal, Negative}, sample{Negative, Negative}, []expect{susceptible}, false, true},
		{"IgM equivocal then positive is not persistent", sample{Positive, Equivocal}, sample{Positive, Positive}, []expect{igmPosIgGPos}, false, true},
		{"IgM untested earlier: not persistent", sample{Positive, none}, sample{Positive, Positive}, []expect{igmPosIgGPos}, false, true},
		{"IgM untested now: not 'not confirmed'", sample{Negative, Positive}, sample{Negative, none}, []expect{susceptible}, false, true},
		{"IgM untested earlier: not 'not confirmed'", sample{Negative, none}, sample{Negative, Negative}, []expect{susceptible}, false, true},
		{"IgM positive then equivocal", sample{Negative, Positive}, sample{Negative, Equivocal}, []expect{igmEquivocal}, false, true},
		{"IgM negative then positive", sample{Negative, Negative}, sample{Negative, Positive}, []expect{igmPosIgGNeg}, false, true},
		{"IgM positive then negative with IgG positive", sample{Positive, Positive}, sample{Positive, Negative}, []expect{pastInfection}, false, true},
		{"unchanged immunity", sample{Positive, Negative}, sample{Positive, Negative}, []expect{pastInfection}, false, true},
		{"no IgG earlier", sample{none, Positive}, sample{Positive, Positive}, []expect{igmPosIgGPos}, false, true},
	}
	for _, p := range Pathogens {
		for _, r := range rows {
			for _, pregnant := range []bool{true, false} {
				name := p.Code + " " + r.name
				if pregnant {
					name += " pregnant"
				}
				t.Run(name, func(t *testing.T) {
					sampleMap := func(s sample) map[string]Interpretation {
						in := map[string]Interpretation{}
						if s.g != none {
							in[p.Code+"_IGG"] = s.g
						}
						if s.m != none {
							in[p.Code+"_IGM"] = s.m
						}
						return in
					}
					now, earlier := sampleMap(r.now), sampleMap(r.earlier)
					fs, abnormal := InterpretPair(now, earlier, pregnant, 90)
					if len(fs) != len(r.want) {
						t.Fatalf("findings = %+v, want %d", fs, len(r.want))
					}
					wantAbnormal := false
					for i, e := range r.want {
						w := e.want
						if x, ok := e.except[p.Code]; ok {
							w = x
						}
						checkFinding(t, fs[i], p.Code, w, pregnant)
						wantAbnormal = wantAbnormal || w.abnormal
						// The paired finding shows both samples; the row finding only this one.
						g, m, eg, em := string(r.now.g), string(r.now.m), "", ""
						if r.paired && i == 0 {
							eg, em = string(r.earlier.g), string(r.earlier.m)
						}
						if fs[i].IgG != g || fs[i].IgM != m || fs[i].EarlierIgG != eg || fs[i].EarlierIgM != em {
							t.Fatalf("finding %d interpretations: %+v", i, fs[i])
						}
					}
					if abnormal != wantAbnormal {
						t.Fatalf("abnormal = %v, want %v", abnormal, wantAbnormal)
					}
					if r.sameAsInterpret {
						only, onlyAbnormal := Interpret(now, pregnant, 90)
						if !reflect.DeepEqual(fs, only) || abnormal != onlyAbnormal {
							t.Fatalf("pair %+v, alone %+v", fs, only)
						}
					}
				})
			}
		}
	}
}

// Every combination of two samples' readings, for each pathogen: no
// earlier sample gives Interpret's answer; at most one paired finding per
// pathogen, always first; every text keeps §0's general rules (HSV never
// urgent, never avidity).
func TestInterpretPairEveryCombination(t *testing.T) {
	readings := []Interpretation{"", Negative, Equivocal, Positive} // "" = no result
	put := func(in map[string]Interpretation, analyte string, i Interpretation) {
		if i != "" {
			in[analyte] = i
		}
	}
	for _, p := range Pathogens {
		for _, g0 := range readings {
			for _, m0 := range readings {
				for _, g1 := range readings {
					for _, m1 := range readings {
						for _, pregnant := range []bool{true, false} {
							earlier, now := map[string]Interpretation{}, map[string]Interpretation{}
							put(earlier, p.Code+"_IGG", g0)
							put(earlier, p.Code+"_IGM", m0)
							put(now, p.Code+"_IGG", g1)
							put(now, p.Code+"_IGM", m1)
							alone, aloneAbnormal := Interpret(now, pregnant, 90)
							for _, nothing := range []map[string]Interpretation{nil, {}} {
								fs, abnormal := InterpretPair(now, nothing, pregnant, 90)
								if !reflect.DeepEqual(fs, alone) || abnormal != aloneAbnormal {
									t.Fatalf("%s with no earlier sample: %+v, Interpret: %+v", p.Code, fs, alone)
								}
							}
							fs, abnormal := InterpretPair(now, earlier, pregnant, 90)
							anyAbnormal := false
							for i, f := range fs {
								checkWording(t, f, pregnant)
								anyAbnormal = anyAbnormal || f.Abnormal
								if paired := f.EarlierIgG != ""; paired && i != 0 || !paired && f.EarlierIgM != "" {
									t.Fatalf("%s %v/%v → %v/%v: %+v", p.Code, g0, m0, g1, m1, fs)
								}
							}
							if abnormal != anyAbnormal || len(fs) > 2 || (g1 == "") != (len(fs) == 0) {
								t.Fatalf("%s %v/%v → %v/%v: %+v abnormal=%v", p.Code, g0, m0, g1, m1, fs, abnormal)
							}
						}
					}
				}
			}
		}
	}
}

// A pregnant woman's Toxo IgG went from 0.5 to 45 with IgM positive
// both times. That is a documented seroconversion, urgent, and no text
// suggests avidity testing.
func TestSeroconversionIsNotPersistentIgM(t *testing.T) {
	earlier := map[string]Interpretation{"TOXO_IGG": Judge(0.5, 1, 3), "TOXO_IGM": Judge(12, 8, 10)}
	now := map[string]Interpretation{"TOXO_IGG": Judge(45, 1, 3), "TOXO_IGM": Judge(14, 8, 10)}
	fs, abnormal := InterpretPair(now, earlier, true, 90)
	if len(fs) != 1 || fs[0].Code != "TOXO_SEROCONVERSION" || fs[0].Priority != Urgent || !abnormal ||
		fs[0].EarlierIgG != "negative" || fs[0].IgG != "positive" || fs[0].EarlierIgM != "positive" || fs[0].IgM != "positive" {
		t.Fatalf("findings = %+v", fs)
	}
	if fs[0].Recommendation != "两次检测显示IgG由阴转阳，提示近期原发感染；孕期请尽快到产科就诊。" ||
		strings.Contains(fs[0].Recommendation, "亲和力") || strings.Contains(fs[0].RecommendationEn, "avidity") {
		t.Fatalf("advice = %q / %q", fs[0].Recommendation, fs[0].RecommendationEn)
	}
}

// A whole panel: the pathogens in report order, each with its paired
// finding first; only the IgG losses are delta checks.
func TestInterpretPairPanel(t *testing.T) {
	earlier := map[string]Interpretation{"TOXO_IGG": Negative, "TOXO_IGM": Negative, "RUBV_IGG": Positive, "RUBV_IGM": Negative,
		"CMV_IGG": Positive, "CMV_IGM": Negative, "HSV_IGG": Positive, "HSV_IGM": Positive}
	now := map[string]Interpretation{"TOXO_IGG": Positive, "TOXO_IGM": Negative, "RUBV_IGG": Negative, "RUBV_IGM": Negative,
		"CMV_IGG": Positive, "CMV_IGM": Negative, "HSV_IGG": Negative, "HSV_IGM": Positive}
	fs, abnormal := InterpretPair(now, earlier, false, 90)
	var codes []string
	for _, f := range fs {
		codes = append(codes, f.Code)
	}
	want := []string{"TOXO_SEROCONVERSION", "TOXO_PAST_INFECTION", "RUBV_IGG_LOSS", "RUBV_SUSCEPTIBLE", "CMV_PAST_INFECTION", "HSV_IGG_LOSS"}
	if !reflect.DeepEqual(codes, want) || !abnormal || HighestPriority(fs) != High {
		t.Fatalf("codes = %v, abnormal = %v", codes, abnormal)
	}
	delta := DeltaFindings(fs)
	if len(delta) != 2 || delta[0].Code != "RUBV_IGG_LOSS" || delta[1].Code != "HSV_IGG_LOSS" {
		t.Fatalf("delta = %+v", delta)
	}
	if DeltaFindings(fs[:2]) != nil || DeltaFindings(nil) != nil {
		t.Fatal("a delta without an IgG loss")
	}
}
