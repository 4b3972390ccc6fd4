package lab

import (
	"testing"
	"time"
)

// findings of a case, as Interpret makes them, for the rules below.
func caseOf(pregnant bool, results map[string]Interpretation) []Finding {
	fs, _ := Interpret(results, pregnant, 90)
	return abnormalOnly(fs)
}

func TestLowerPriorityByAvidity(t *testing.T) {
	toxoPos := caseOf(true, map[string]Interpretation{"TOXO_IGG": Positive, "TOXO_IGM": Positive})
	toxoAndCMV := caseOf(true, map[string]Interpretation{"TOXO_IGG": Positive, "TOXO_IGM": Positive,
		"CMV_IGG": Negative, "CMV_IGM": Positive})
	toxoNoIgG := caseOf(true, map[string]Interpretation{"TOXO_IGG": Negative, "TOXO_IGM": Positive})
	seroconversion, _ := InterpretPair(map[string]Interpretation{"TOXO_IGG": Positive, "TOXO_IGM": Positive},
		map[string]Interpretation{"TOXO_IGG": Negative, "TOXO_IGM": Positive}, true, 90)
	tests := []struct {
		name     string
		fs       []Finding
		pathogen string
		days     int
		lowered  bool
		want     Priority
	}{
		{"IgM and IgG positive, 8 weeks", toxoPos, "TOXO", 8 * 7, true, Routine},
		{"the last day before 12 weeks", toxoPos, "TOXO", 12*7 - 1, true, Routine},
		{"at 12 weeks it cannot date the infection", toxoPos, "TOXO", 12 * 7, false, Urgent},
		{"another pathogen's avidity", toxoPos, "CMV", 8 * 7, false, Urgent},
		{"the other pathogen keeps its priority", toxoAndCMV, "TOXO", 8 * 7, true, Urgent},
		{"no IgG: nothing whose avidity was measured", toxoNoIgG, "TOXO", 8 * 7, false, Urgent},
		{"a seroconversion is recent whatever the avidity", seroconversion, "TOXO", 8 * 7, false, Urgent},
		{"drawn before her last period", toxoPos, "TOXO", -3, false, Urgent},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, lowered := LowerPriorityByAvidity(tc.fs, tc.pathogen, tc.days)
			if lowered != tc.lowered || casePriority(got) != tc.want {
				t.Fatalf("lowered %v, priority %s; want %v, %s (%+v)", lowered, casePriority(got), tc.lowered, tc.want, got)
			}
			if casePriority(tc.fs) != Urgent {
				t.Fatal("the findings given were changed in place")
			}
		})
	}
}

func TestSuggestedNextAction(t *testing.T) {
	tests := []struct {
		name    string
		results map[string]Interpretation
		want    NextActionKind
	}{
		{"IgM without IgG: a redraw", map[string]Interpretation{"TOXO_IGG": Negative, "TOXO_IGM": Positive}, ActionRetest},
		{"grey IgM: a redraw", map[string]Interpretation{"CMV_IGG": Positive, "CMV_IGM": Equivocal}, ActionRetest},
		{"IgM and IgG: avidity", map[string]Interpretation{"TOXO_IGG": Positive, "TOXO_IGM": Positive}, ActionExternalResult},
		{"HSV IgM: no avidity", map[string]Interpretation{"HSV_IGG": Positive, "HSV_IGM": Positive}, ActionContact},
		{"rubella grey zone: vaccination, not a redraw", map[string]Interpretation{"RUBV_IGG": Equivocal}, ActionContact},
		{"rubella susceptible: a contact", map[string]Interpretation{"RUBV_IGG": Negative}, ActionContact},
		{"a redraw wins over avidity", map[string]Interpretation{"TOXO_IGG": Positive, "TOXO_IGM": Positive,
			"CMV_IGG": Negative, "CMV_IGM": Positive}, ActionRetest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := SuggestedNextAction(caseOf(true, tc.results)); got != tc.want {
				t.Fatalf("got %s, want %s", got, tc.want)
			}
		})
	}
	loss, _ := InterpretPair(map[string]Interpretation{"TOXO_IGG": Negative}, map[string]Interpretation{"TOXO_IGG": Positive}, false, 90)
	if got := SuggestedNextAction(abnormalOnly(loss)); got != ActionRetest {
		t.Fatalf("an IgG loss suggests %s, want a redraw", got)
	}
}

func TestParseNextAction(t *testing.T) {
	today := Date("2026-03-10")
	tests := []struct {
		name        string
		in          NextActionInput
		field, code string
	}{
		{"today", NextActionInput{"retest", "2026-03-10"}, "", ""},
		{"a year ahead", NextActionInput{"outcome", "2027-03-11"}, "", ""},
		{"yesterday", NextActionInput{"contact", "2026-03-09"}, "n.due_on", "in_past"},
		{"too far", NextActionInput{"outcome", "2027-03-12"}, "n.due_on", "too_far"},
		{"not a date", NextActionInput{"contact", "10/03/2026"}, "n.due_on", "invalid"},
		{"unknown kind", NextActionInput{"call", "2026-03-11"}, "n.kind", "invalid"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var v Validation
			parseNextAction(tc.in, today, &v, "n.")
			if tc.field == "" {
				if err := v.Err(); err != nil {
					t.Fatal(err)
				}
				return
			}
			if !v.has(tc.field, tc.code) {
				t.Fatalf("errors %v, want %s %s", v.fields, tc.field, tc.code)
			}
		})
	}
}

// A day's next action is overdue once that day has ended at the station.
func TestEndOfDayAtTheStation(t *testing.T) {
	shanghai := location("Asia/Shanghai")
	got := endOfDay("2026-03-10", shanghai)
	if want := time.Date(2026, 3, 10, 16, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Fatalf("end of 10 March in Shanghai = %s, want %s", got, want)
	}
	c := Followup{Status: CaseInProgress, DueAt: got}
	if c.overdueAt(got) || !c.overdueAt(got.Add(time.Microsecond)) {
		t.Fatal("overdue should start just after the day ends")
	}
	if (&Followup{Status: CaseClosed, DueAt: got}).overdueAt(got.Add(time.Hour)) {
		t.Fatal("a closed case is never overdue")
	}
}
