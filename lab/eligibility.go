package lab

import (
	"fmt"
	"strconv"

	"gorm.io/gorm"
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
// first rule that refuses and whose detail says it in words.
func CheckEligibility(e Eligibility, s Settings) error {
	if refusals := eligibilityRefusals(e, s); len(refusals) > 0 {
		return refusals[0]
	}
	return nil
}

// eligibilityRefusals lists every booking rule that refuses her, in the
// order CheckEligibility applies them: booking stops at the first, the
// pre-check (ClientEligibility) shows them all.
func eligibilityRefusals(e Eligibility, s Settings) []*Error {
	var out []*Error
	if !e.Consent {
		out = append(out, Errorf(CodeNoConsent, "she has not given her recorded consent to the processing of her health data; record it before booking"))
	}
	if e.Exempt {
		return out
	}
	if e.Category == Pregnant && e.LMP != nil {
		days := GestationDays(*e.LMP, e.On)
		if days > s.MaxGestationDays {
			out = append(out, Errorf(CodeGestationTooLate, "on %s she is %d weeks %d days pregnant; the programme screens up to %d weeks %d days",
				e.On, days/7, days%7, s.MaxGestationDays/7, s.MaxGestationDays%7))
		}
	}
	if e.ScreeningsThatYear >= s.ScreeningsPerYear {
		what := "a free screening"
		if s.ScreeningsPerYear > 1 {
			what = fmt.Sprintf("%d free screenings", s.ScreeningsPerYear)
		}
		out = append(out, Errorf(CodeAlreadyScreened, "she already has %s in %d", what, e.On.Year()))
	}
	return out
}

// bookingFacts is everything the booking rules read about her, fetched in
// one query (one round trip instead of three): whether she has an open
// appointment, her other screenings in the calendar year of the
// appointment, and the two settings the rules use (NULL when never
// changed from the default).
type bookingFacts struct {
	OpenID       *int64
	ThatYear     int
	PerYear      *string
	MaxGestation *string
}

// bookingFactsColumns selects bookingFacts, in that order, for the client
// whose id is the SQL expression client, in the calendar year of the date
// expression day, not counting the appointment whose id is the expression
// except. Booking (with her row and the slot's) and rescheduling both
// read them through it. Where except and day are ? placeholders, except's
// comes first.
//
// Only her open appointment's id is read: the day the refusal names is
// read when there is one (refuseIfOpenAppointment), not on every booking.
// Her screenings are counted over her own rows (ix_appointments_client),
// with the year and status tested per row rather than in WHERE: measured
// on MariaDB at a million women, that spares the optimizer estimating
// three other indexes on every booking. The year is the first four
// characters of the date, which both databases give for a DATE and the
// text SQLite keeps. The two statuses are the code's own constants.
func bookingFactsColumns(client, day, except string) string {
	return `(SELECT id FROM appointments WHERE open_client_id = ` + client + ` LIMIT 1),
		(SELECT COUNT(CASE WHEN a.id <> ` + except + ` AND SUBSTR(a.day, 1, 4) = SUBSTR(` + day + `, 1, 4)
			AND a.status NOT IN ('` + string(Cancelled) + `', '` + string(NoShow) + `') THEN 1 END)
			FROM appointments a WHERE a.client_id = ` + client + `),
		(SELECT value FROM settings WHERE name = 'screenings_per_year'),
		(SELECT value FROM settings WHERE name = 'max_gestation_days')`
}

// scanTargets are where a row's bookingFactsColumns go, in their order.
func (f *bookingFacts) scanTargets() []any {
	return []any{&f.OpenID, &f.ThatYear, &f.PerYear, &f.MaxGestation}
}

// loadBookingFacts reads bookingFacts for her booking on day, not counting
// appointment except (the one being moved).
func loadBookingFacts(tx *gorm.DB, clientID int64, day Date, except int64) (bookingFacts, error) {
	var f bookingFacts
	err := queryRowOn(tx, f.scanTargets(), `SELECT `+bookingFactsColumns("clients.id", "?", "?")+` FROM clients WHERE clients.id = ?`,
		except, day, clientID)
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

// check applies the booking rules (CheckEligibility) to her booking of
// kind on the slot's day.
func (f bookingFacts) check(c *Client, cat Category, lmp *Date, sl *Slot, kind AppointmentKind) error {
	refusals, err := f.refusals(c, cat, lmp, sl.Day, kind)
	if err != nil || len(refusals) == 0 {
		return err
	}
	return refusals[0]
}

// refusals lists every booking rule refusing her booking of kind on day
// (eligibilityRefusals), with the settings the facts carry.
func (f bookingFacts) refusals(c *Client, cat Category, lmp *Date, day Date, kind AppointmentKind) ([]*Error, error) {
	settings, err := f.settings()
	if err != nil {
		return nil, err
	}
	return eligibilityRefusals(Eligibility{
		Consent: c.ConsentGiven, Category: cat, LMP: lmp, On: day,
		ScreeningsThatYear: f.ThatYear, Exempt: kind != KindScreening,
	}, settings), nil
}
