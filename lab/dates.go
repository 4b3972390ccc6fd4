package lab

import (
	"database/sql/driver"
	"fmt"
	"time"
)

// Date is a calendar date, YYYY-MM-DD, with no time zone: a birth date, a
// last menstrual period, a slot's day at its station. It is stored as that
// text on SQLite and as DATE on MySQL.
type Date string

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date { return Date(t.Format(time.DateOnly)) }

// Dates torchlab accepts from people lie in these years: anything else is
// a typing error, and years beyond 9999 would not even sort as text.
const (
	minYear = 1900
	maxYear = 2200
)

// ParseDate validates a YYYY-MM-DD date between the years 1900 and 2200.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return "", fmt.Errorf("%q is not a YYYY-MM-DD date", s)
	}
	if t.Year() < minYear || t.Year() > maxYear {
		return "", fmt.Errorf("%q is outside the years %d to %d", s, minYear, maxYear)
	}
	return DateOf(t), nil
}

// Time returns midnight of the date in loc.
func (d Date) Time(loc *time.Location) time.Time {
	t, _ := time.ParseInLocation(time.DateOnly, string(d), loc)
	return t
}

// After reports whether d is later than e (ISO dates compare as text).
func (d Date) After(e Date) bool { return d > e }

// DaysSince returns the whole days from e to d (negative if d is earlier).
func (d Date) DaysSince(e Date) int {
	return int(d.Time(time.UTC).Sub(e.Time(time.UTC)).Hours() / 24)
}

// AddDays returns the date n days later.
func (d Date) AddDays(n int) Date { return DateOf(d.Time(time.UTC).AddDate(0, 0, n)) }

// Year returns the calendar year.
func (d Date) Year() int { return d.Time(time.UTC).Year() }

// Weekday returns the ISO weekday, 1 = Monday … 7 = Sunday.
func (d Date) Weekday() int {
	w := int(d.Time(time.UTC).Weekday())
	if w == 0 {
		return 7
	}
	return w
}

// Value stores the date as YYYY-MM-DD text.
func (d Date) Value() (driver.Value, error) {
	if d == "" {
		return nil, nil
	}
	return string(d), nil
}

// Scan reads a date from either database: MySQL gives a time.Time (with
// parseTime), SQLite text or a time.Time.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = ""
	case time.Time:
		*d = Date(v.Format(time.DateOnly))
	case string:
		*d = Date(firstN(v, 10))
	case []byte:
		*d = Date(firstN(string(v), 10))
	default:
		return fmt.Errorf("cannot scan %T into a Date", src)
	}
	return nil
}

func firstN(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// Today returns the current date in loc.
func Today(now time.Time, loc *time.Location) Date { return DateOf(now.In(loc)) }

// AnyTime scans a time computed in SQL (such as MIN(at)), which SQLite
// returns as the text it stored rather than as a time.
type AnyTime struct {
	Time  time.Time
	Valid bool
}

// Scan reads a time.Time, or text in the forms torchlab's drivers write.
func (t *AnyTime) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case nil:
		t.Valid = false
		return nil
	case time.Time:
		t.Time, t.Valid = v, true
		return nil
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return fmt.Errorf("cannot scan %T into a time", src)
	}
	for _, layout := range []string{"2006-01-02 15:04:05.999999999 -0700 MST", "2006-01-02 15:04:05.999999999-07:00", time.RFC3339Nano, "2006-01-02 15:04:05.999999999"} {
		if parsed, err := time.Parse(layout, s); err == nil {
			t.Time, t.Valid = parsed.UTC(), true
			return nil
		}
	}
	return fmt.Errorf("cannot read %q as a time", s)
}

// Value writes the time (GORM needs both directions to accept the type).
func (t AnyTime) Value() (driver.Value, error) {
	if !t.Valid {
		return nil, nil
	}
	return t.Time, nil
}
