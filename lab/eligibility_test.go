package lab

import "testing"

func date(s string) *Date { d := Date(s); return &d }

func TestCheckEligibility(t *testing.T) {
	s := DefaultSettings()
	tests := []struct {
		name string
		in   Eligibility
		code Code // "" = eligible
	}{
		{"planning, first this year", Eligibility{Consent: true, Category: Planning, On: "2026-03-02"}, ""},
		{"no consent", Eligibility{Consent: false, Category: Planning, On: "2026-03-02"}, CodeNoConsent},
		{"no consent even for a retest", Eligibility{Consent: false, Category: Planning, On: "2026-03-02", Exempt: true}, CodeNoConsent},
		{"already screened this year", Eligibility{Consent: true, Category: Newlywed, On: "2026-03-02", ScreeningsThatYear: 1}, CodeAlreadyScreened},
		{"retest is exempt from the yearly limit", Eligibility{Consent: true, Category: Newlywed, On: "2026-03-02", ScreeningsThatYear: 1, Exempt: true}, ""},
		{"pregnant at 13 weeks 6 days", Eligibility{Consent: true, Category: Pregnant, LMP: date("2026-01-01"), On: Date("2026-01-01").AddDays(97)}, ""},
		{"pregnant at 14 weeks 0 days", Eligibility{Consent: true, Category: Pregnant, LMP: date("2026-01-01"), On: Date("2026-01-01").AddDays(98)}, CodeGestationTooLate},
		{"pregnant retest past the limit", Eligibility{Consent: true, Category: Pregnant, LMP: date("2026-01-01"), On: Date("2026-01-01").AddDays(110), Exempt: true}, ""},
		{"gestation is checked before the yearly limit", Eligibility{Consent: true, Category: Pregnant, LMP: date("2026-01-01"), On: "2026-06-01", ScreeningsThatYear: 1}, CodeGestationTooLate},
		{"a planning woman's LMP is not a limit", Eligibility{Consent: true, Category: Planning, LMP: date("2025-01-01"), On: "2026-03-02"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckEligibility(tc.in, s)
			if tc.code == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			e, ok := err.(*Error)
			if !ok || e.Code != tc.code || e.Message == "" {
				t.Fatalf("err = %v, want %s", err, tc.code)
			}
		})
	}
}

func TestEligibilityFollowsSettings(t *testing.T) {
	s := DefaultSettings()
	s.MaxGestationDays = 12 * 7
	s.ScreeningsPerYear = 2
	in := Eligibility{Consent: true, Category: Pregnant, LMP: date("2026-01-01"), On: Date("2026-01-01").AddDays(85)}
	if e, _ := CheckEligibility(in, s).(*Error); e == nil || e.Code != CodeGestationTooLate {
		t.Fatalf("12-week limit not applied: %v", e)
	}
	in = Eligibility{Consent: true, Category: Planning, On: "2026-03-02", ScreeningsThatYear: 1}
	if err := CheckEligibility(in, s); err != nil {
		t.Fatalf("second screening refused with a limit of 2: %v", err)
	}
}

func TestAppointmentStateMachine(t *testing.T) {
	all := []AppointmentStatus{Booked, CheckedIn, Collected, Cancelled, NoShow}
	allowed := map[string][]AppointmentStatus{
		"check in":   {Booked},
		"cancel":     {Booked, CheckedIn},
		"no-show":    {Booked},
		"reschedule": {Booked},
		"collect":    {CheckedIn},
	}
	for move, from := range allowed {
		for _, st := range all {
			_, err := nextStatus(st, move)
			ok := false
			for _, f := range from {
				ok = ok || f == st
			}
			if ok != (err == nil) {
				t.Errorf("%s from %s: err = %v", move, st, err)
			}
			if err != nil {
				e := err.(*Error)
				if e.Code != CodeInvalidState || e.Extra["current_state"] != string(st) {
					t.Errorf("%s from %s: %+v", move, st, e)
				}
			}
		}
	}
}

func TestDates(t *testing.T) {
	if Date("2026-03-02").Weekday() != 1 || Date("2026-03-08").Weekday() != 7 {
		t.Error("ISO weekdays are wrong")
	}
	if Date("2026-03-01").DaysSince("2026-02-01") != 28 || Date("2024-03-01").DaysSince("2024-02-01") != 29 {
		t.Error("DaysSince is wrong")
	}
	if GestationDays("2026-01-01", "2026-04-08") != 97 {
		t.Error("13 weeks 6 days")
	}
}

func TestSealer(t *testing.T) {
	s, err := newSealer([]byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	a, b := s.seal("national_id", "11010519491231002X"), s.seal("national_id", "11010519491231002X")
	if a == b {
		t.Fatal("the same number sealed twice gives the same ciphertext")
	}
	if got, err := s.open("national_id", a); err != nil || got != "11010519491231002X" {
		t.Fatalf("open = %q, %v", got, err)
	}
	if _, err := s.open("phone", a); err == nil {
		t.Fatal("a ciphertext opened under another purpose")
	}
	other, _ := newSealer([]byte("another key, also thirty-two by."))
	if _, err := other.open("national_id", a); err == nil {
		t.Fatal("a ciphertext opened with another key")
	}
	if s.lookupHash("national_id", "X") != s.lookupHash("national_id", "X") || s.lookupHash("national_id", "X") == other.lookupHash("national_id", "X") {
		t.Fatal("lookup hashes must be stable per key and differ between keys")
	}
}

// The pre-check lists every refusal, in the order booking applies them;
// booking's single answer is the first of them.
func TestEligibilityRefusals(t *testing.T) {
	s := DefaultSettings()
	all := Eligibility{Consent: false, Category: Pregnant, LMP: date("2026-01-01"), On: "2026-06-01", ScreeningsThatYear: 1}
	var got []Code
	for _, r := range eligibilityRefusals(all, s) {
		got = append(got, r.Code)
	}
	want := []Code{CodeNoConsent, CodeGestationTooLate, CodeAlreadyScreened}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Fatalf("refusals = %v, want %v", got, want)
	}
	if e, ok := CheckEligibility(all, s).(*Error); !ok || e.Code != CodeNoConsent {
		t.Fatalf("CheckEligibility = %v, want the first refusal", e)
	}
	all.Exempt = true
	if r := eligibilityRefusals(all, s); len(r) != 1 || r[0].Code != CodeNoConsent {
		t.Fatalf("an exempt booking is refused for %v; only consent applies", r)
	}
	if r := eligibilityRefusals(Eligibility{Consent: true, Category: Planning, On: "2026-03-02"}, s); len(r) != 0 {
		t.Fatalf("an eligible woman is refused for %v", r)
	}
}
