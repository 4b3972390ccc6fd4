package lab

import "testing"

func TestPregnancyDates(t *testing.T) {
	if got := EDDFromLMP("2026-02-01"); got != "2026-11-08" {
		t.Fatalf("EDD = %s", got)
	}
	if got := LMPFromEDD("2026-11-08"); got != "2026-02-01" {
		t.Fatalf("LMP = %s", got)
	}
	if ga := GestationalAgeOn("2026-02-01", "2026-05-09"); ga == nil || *ga != (GestationalAge{13, 6}) {
		t.Fatalf("13+6 = %+v", ga)
	}
	if GestationalAgeOn("2026-02-01", "2026-01-31") != nil {
		t.Fatal("a gestational age before the LMP")
	}
	st := DefaultSettings()
	tests := []struct {
		name, lmp, recorded string
		early               *Date
		from, due           Date
	}{
		{"recorded early", "2026-02-01", "2026-03-02", ptr(Date("2026-05-09")), "2026-12-20", "2027-01-19"},
		{"recorded on the last early day", "2026-02-01", "2026-05-09", ptr(Date("2026-05-09")), "2026-12-20", "2027-01-19"},
		{"recorded the day after", "2026-02-01", "2026-05-10", nil, "2026-12-20", "2027-01-19"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := PregnancyTasksOf(Date(tc.lmp), Date(tc.recorded), st)
			if (got.EarlyDueOn == nil) != (tc.early == nil) || (got.EarlyDueOn != nil && *got.EarlyDueOn != *tc.early) ||
				got.OutcomeFrom != tc.from || got.OutcomeDueOn != tc.due {
				t.Fatalf("tasks = %+v", got)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

func TestValidDefectCode(t *testing.T) {
	for code, want := range map[string]bool{
		"Q21": true, "Q21.1": true, "q90.9": true, " Q00 ": true, "Q99.12": true,
		"Q2": false, "Q21.": false, "Q21.123": false, "P21": false, "21.1": false, "Q2A": false, "": false,
	} {
		if got := ValidDefectCode(code); got != want {
			t.Errorf("ValidDefectCode(%q) = %v, want %v", code, got, want)
		}
	}
}
