package lab

import (
	"testing"
)

// Working days after the collection day up to and including the release
// day: 5 or fewer is within 5 working days. 2026-03-02 is a Monday.
func TestWithinWorkingDays(t *testing.T) {
	cal := WorkingDays{
		holidays: map[Date]bool{"2026-05-01": true, "2026-05-04": true, "2026-05-05": true},
		workdays: map[Date]bool{"2026-04-26": true, "2026-05-09": true},
	}
	for _, tc := range []struct {
		name                string
		collected, released Date
		within              bool
	}{
		{"released the day it was drawn", "2026-03-02", "2026-03-02", true},
		{"Monday to the next Monday: five working days", "2026-03-02", "2026-03-09", true},
		{"Monday to the next Tuesday: six", "2026-03-02", "2026-03-10", false},
		{"Friday to the next Friday: five, the weekend not counted", "2026-03-06", "2026-03-13", true},
		{"drawn on a Saturday, released the next Friday: five", "2026-03-07", "2026-03-13", true},
		{"drawn on a Saturday, released the Monday after next: six", "2026-03-07", "2026-03-16", false},
		{"released on a Sunday after five working days: still five", "2026-02-27", "2026-03-08", true},
		{"holidays inside the turnaround are not counted", "2026-04-29", "2026-05-08", true},
		{"a make-up Saturday: five", "2026-05-06", "2026-05-12", true},
		{"a make-up Saturday counts towards the limit", "2026-05-06", "2026-05-13", false},
		{"a make-up Sunday before a holiday week", "2026-04-24", "2026-05-01", true},
		{"a make-up Sunday, one day too many", "2026-04-24", "2026-05-06", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := cal.WithinWorkingDays(tc.collected, tc.released, 5); got != tc.within {
				t.Fatalf("within = %v, want %v", got, tc.within)
			}
		})
	}
}

// The calendar's lists: real dates, each once, holidays on weekdays,
// make-up working days on weekends, no day in both.
func TestCheckCalendar(t *testing.T) {
	for _, tc := range []struct {
		name  string
		in    CalendarInput
		field string
		code  string
	}{
		{"both lists empty", CalendarInput{Holidays: []string{}, Workdays: []string{}}, "", ""},
		{"a holiday and a make-up Sunday", CalendarInput{Holidays: []string{"2026-05-01"}, Workdays: []string{"2026-04-26"}}, "", ""},
		{"holidays missing", CalendarInput{Workdays: []string{}}, "holidays", "required"},
		{"workdays missing", CalendarInput{Holidays: []string{}}, "workdays", "required"},
		{"not a date", CalendarInput{Holidays: []string{"2026-02-30"}, Workdays: []string{}}, "holidays[0]", "invalid"},
		{"a holiday twice", CalendarInput{Holidays: []string{"2026-05-01", "2026-05-01"}, Workdays: []string{}}, "holidays[1]", "duplicate"},
		{"a holiday on a Saturday", CalendarInput{Holidays: []string{"2026-05-02"}, Workdays: []string{}}, "holidays[0]", "weekend"},
		{"a make-up working day on a Monday", CalendarInput{Holidays: []string{}, Workdays: []string{"2026-05-04"}}, "workdays[0]", "not_weekend"},
		{"a make-up day twice", CalendarInput{Holidays: []string{}, Workdays: []string{"2026-05-09", "2026-05-09"}}, "workdays[1]", "duplicate"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := checkCalendar(tc.in)
			if tc.code == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			e, ok := err.(*Error)
			if !ok || e.Code != CodeValidation || len(e.Fields) != 1 || e.Fields[0].Field != tc.field || e.Fields[0].Code != tc.code {
				t.Fatalf("error = %v, want %s %s", err, tc.field, tc.code)
			}
		})
	}
}
