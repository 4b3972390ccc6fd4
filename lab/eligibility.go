package lab

import "fmt"

// Category is why a woman is screened; it decides the gestation rule here
// and, later, the priority of her follow-up.
type Category string

// The three categories (domain.md §0).
const (
	Newlywed Category = "newlywed"
	Planning Category = "planning"
	Pregnant Category = "pregnant"
)

// Valid reports whether c is one of the three categories.
func (c Category) Valid() bool { return c == Newlywed || c == Planning || c == Pregnant }

// The eligibility codes: each names the rule that refused a booking.
const (
	CodeNoConsent         Code = "no_consent"
	CodeGestationTooLate  Code = "gestation_too_late"
	CodeAlreadyScreened   Code = "already_screened"
	CodeNotFemale         Code = "not_female"
	CodeSlotInPast        Code = "slot_in_past"
	CodeSlotFull          Code = "slot_full"
	CodeOpenAppointment   Code = "open_appointment_exists"
	CodeDuplicateNationID Code = "duplicate_national_id"
)

// Eligibility is what the booking rules look at.
type Eligibility struct {
	Consent  bool
	Category Category
	// LMP is the last menstrual period (pregnant women).
	LMP *Date
	// On is the appointment's date at the station.
	On Date
	// ScreeningsThatYear counts her other appointments in On's calendar
	// year that are not cancelled or no-show.
	ScreeningsThatYear int
	// Exempt marks a retest booked from a follow-up case or a redraw after
	// a rejected tube: free whatever was screened before.
	Exempt bool
}

// GestationDays returns the days from the last menstrual period to on.
func GestationDays(lmp, on Date) int { return on.DaysSince(lmp) }

// CheckEligibility applies domain.md §0's booking rules in order: consent
// (never exempt), then the gestation limit and the one free screening a
// year (both waived for retests and redraws, which continue a screening
// already under way). It returns nil or a 422 error whose code names the
// rule and whose detail says it in words.
func CheckEligibility(e Eligibility, s Settings) error {
	if !e.Consent {
		return Errorf(CodeNoConsent, "she has not given her recorded consent to the processing of her health data; record it before booking")
	}
	if e.Exempt {
		return nil
	}
	if e.Category == Pregnant && e.LMP != nil {
		days := GestationDays(*e.LMP, e.On)
		if days > s.MaxGestationDays {
			return Errorf(CodeGestationTooLate, "on %s she is %d weeks %d days pregnant; the programme screens up to %d weeks %d days",
				e.On, days/7, days%7, s.MaxGestationDays/7, s.MaxGestationDays%7)
		}
	}
	if e.ScreeningsThatYear >= s.ScreeningsPerYear {
		what := "a free screening"
		if s.ScreeningsPerYear > 1 {
			what = fmt.Sprintf("%d free screenings", s.ScreeningsPerYear)
		}
		return Errorf(CodeAlreadyScreened, "she already has %s in %d", what, e.On.Year())
	}
	return nil
}
