package lab

import (
	"fmt"
	"strconv"
)

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

// bookingFacts is everything the booking rules read about her, fetched in
// one query (one round trip instead of three): her open appointment if
// any, her other screenings in the calendar year of the appointment, and
// the two settings the rules use (NULL when never changed from the
// default).
type bookingFacts struct {
	OpenID       *int64
	OpenDay      Date
	ThatYear     int
	PerYear      *string
	MaxGestation *string
}

func loadBookingFacts(tx *txDB, clientID int64, day Date, except int64) (bookingFacts, error) {
	y := day.Year()
	var f bookingFacts
	err := tx.Raw(`SELECT
		(SELECT id FROM appointments WHERE open_client_id = ? LIMIT 1) AS open_id,
		(SELECT day FROM appointments WHERE open_client_id = ? LIMIT 1) AS open_day,
		(SELECT COUNT(*) FROM appointments WHERE client_id = ? AND id <> ? AND day BETWEEN ? AND ? AND status NOT IN (?, ?)) AS that_year,
		(SELECT value FROM settings WHERE name = 'screenings_per_year') AS per_year,
		(SELECT value FROM settings WHERE name = 'max_gestation_days') AS max_gestation`,
		clientID, clientID, clientID, except, Date(fmt.Sprintf("%04d-01-01", y)), Date(fmt.Sprintf("%04d-12-31", y)),
		Cancelled, NoShow).Find(&f).Error
	return f, err
}

// settings returns the programme settings with the two the rules read.
func (f bookingFacts) settings() (Settings, error) {
	s := DefaultSettings()
	for name, v := range map[string]*string{"screenings_per_year": f.PerYear, "max_gestation_days": f.MaxGestation} {
		if v == nil {
			continue
		}
		r, _ := settingRule(name)
		n, err := strconv.Atoi(*v)
		if err != nil {
			return s, fmt.Errorf("setting %s: stored value %q is not a whole number", name, *v)
		}
		*r.field(&s) = n
	}
	return s, nil
}

// openAppointment answers CodeOpenAppointment for her open appointment, as
// refuseIfOpenAppointment does.
func (f bookingFacts) openAppointment() error {
	if f.OpenID == nil {
		return nil
	}
	return &Error{
		Code:    CodeOpenAppointment,
		Message: "she already has an open appointment on " + string(f.OpenDay) + "; reschedule or cancel it first",
		Extra:   map[string]any{"appointment_id": *f.OpenID},
	}
}

// check applies the booking rules (CheckEligibility) to her booking of
// kind on the slot's day.
func (f bookingFacts) check(c *Client, cat Category, lmp *Date, sl *Slot, kind AppointmentKind) error {
	settings, err := f.settings()
	if err != nil {
		return err
	}
	return CheckEligibility(Eligibility{
		Consent: c.ConsentGiven, Category: cat, LMP: lmp, On: sl.Day,
		ScreeningsThatYear: f.ThatYear, Exempt: kind != KindScreening,
	}, settings)
}
