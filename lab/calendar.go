package lab

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"gorm.io/gorm"
)

// The programme's working calendar: Monday to Friday are working days,
// less the public holidays an admin lists, plus the weekend days an admin
// lists as make-up working days (调休: China moves weekend days around its
// public holidays). One calendar for the whole programme; a day is read in
// the station's time zone. Turnaround "within 5 working days" counts by it
// (domain.md §1: results within 5 working days).

// WorkCalendar is the calendar's two lists, each in date order.
type WorkCalendar struct {
	Holidays []Date `json:"holidays"`
	Workdays []Date `json:"workdays"`
}

// CalendarInput replaces both lists of the calendar: nil (absent) is
// refused, an empty list clears it.
type CalendarInput struct {
	Holidays []string
	Workdays []string
}

// calendarMax bounds each list: decades of holidays, far below anything
// that would slow a statistics fill.
const calendarMax = 2000

const (
	calendarHoliday = "holiday"
	calendarWorkday = "workday"
)

type calendarDay struct {
	Day  Date `gorm:"primaryKey"`
	Kind string
}

func (calendarDay) TableName() string { return "calendar_days" }

// WorkingDays answers which days are working days (lab/stats counts the
// turnaround "within 5 working days" by it).
type WorkingDays struct {
	holidays, workdays map[Date]bool
}

// isWorking reports whether d is a working day.
func (w WorkingDays) isWorking(d Date) bool {
	switch {
	case w.workdays[d]:
		return true
	case w.holidays[d]:
		return false
	}
	return d.Weekday() <= 5
}

// WithinWorkingDays reports whether the release day comes no more than n
// working days after the collection day: the working days after the
// collection day, up to and including the release day, number n or fewer
// (a release on the collection day, or on a holiday after it, adds none).
func (w WorkingDays) WithinWorkingDays(collected, released Date, n int) bool {
	count := 0
	for d := collected.AddDays(1); d <= released; d = d.AddDays(1) {
		if w.isWorking(d) {
			if count++; count > n {
				return false
			}
		}
	}
	return true
}

// LoadWorkingDays reads the calendar.
func LoadWorkingDays(db *gorm.DB) (WorkingDays, error) {
	w := WorkingDays{holidays: map[Date]bool{}, workdays: map[Date]bool{}}
	var rows []calendarDay
	if err := db.Find(&rows).Error; err != nil {
		return w, err
	}
	for _, r := range rows {
		if r.Kind == calendarWorkday {
			w.workdays[r.Day] = true
		} else {
			w.holidays[r.Day] = true
		}
	}
	return w, nil
}

// CalendarStamp is the calendar as text, to tell whether it changed; with
// lock its rows are read locked, as they are committed.
func CalendarStamp(db *gorm.DB, lock bool) (string, error) {
	if lock {
		db = db.Clauses(lockForUpdate)
	}
	var rows []calendarDay
	if err := db.Order("day").Find(&rows).Error; err != nil {
		return "", err
	}
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(string(r.Day) + r.Kind)
	}
	return b.String(), nil
}

// calendar lists the days in date order.
func (w WorkingDays) calendar() WorkCalendar {
	out := WorkCalendar{Holidays: []Date{}, Workdays: []Date{}}
	for d := range w.holidays {
		out.Holidays = append(out.Holidays, d)
	}
	for d := range w.workdays {
		out.Workdays = append(out.Workdays, d)
	}
	sort.Slice(out.Holidays, func(i, j int) bool { return out.Holidays[i] < out.Holidays[j] })
	sort.Slice(out.Workdays, func(i, j int) bool { return out.Workdays[i] < out.Workdays[j] })
	return out
}

// Calendar returns the working calendar. Admins.
func (s *Service) Calendar(ctx context.Context) (WorkCalendar, error) {
	if err := ActorFrom(ctx).require(RoleAdmin); err != nil {
		return WorkCalendar{}, err
	}
	w, err := LoadWorkingDays(s.read(ctx))
	if err != nil {
		return WorkCalendar{}, err
	}
	return w.calendar(), nil
}

// checkCalendar validates new lists: each a real date, listed once, a
// holiday on a weekday (a weekend day is no working day already), a
// make-up working day on a Saturday or Sunday, and no day in both lists.
func checkCalendar(in CalendarInput) (WorkingDays, error) {
	var v Validation
	w := WorkingDays{holidays: map[Date]bool{}, workdays: map[Date]bool{}}
	if in.Holidays == nil {
		v.Add("holidays", "required", "the list of holidays (an empty list clears it)")
	}
	if in.Workdays == nil {
		v.Add("workdays", "required", "the list of make-up working days (an empty list clears it)")
	}
	list := func(name string, days []string, into map[Date]bool, weekend bool) {
		if len(days) > calendarMax {
			v.Add(name, "too_many", fmt.Sprintf("at most %d days", calendarMax))
			return
		}
		for i, raw := range days {
			field := fmt.Sprintf("%s[%d]", name, i)
			d, err := ParseDate(raw)
			switch {
			case err != nil:
				v.Add(field, "invalid", "a YYYY-MM-DD date")
				continue
			case into[d]:
				v.Add(field, "duplicate", string(d)+" is listed twice")
				continue
			case weekend && d.Weekday() <= 5:
				v.Add(field, "not_weekend", string(d)+" is a weekday, a working day already")
			case !weekend && d.Weekday() > 5:
				v.Add(field, "weekend", string(d)+" is a Saturday or Sunday, no working day already")
			case weekend && w.holidays[d]:
				v.Add(field, "in_both", string(d)+" is listed as a holiday too")
			}
			into[d] = true
		}
	}
	list("holidays", in.Holidays, w.holidays, false)
	list("workdays", in.Workdays, w.workdays, true)
	return w, v.Err()
}

// UpdateCalendar replaces the working calendar and returns it. Admins.
// CodeValidation (checkCalendar's rules, naming each bad entry). The
// audit row lists the days added to and removed from each list; the kept
// calendar hooks run in the same transaction (OnCalendarChange): the kept
// statistics counted their working days by the old calendar.
func (s *Service) UpdateCalendar(ctx context.Context, in CalendarInput) (WorkCalendar, error) {
	if err := ActorFrom(ctx).require(RoleAdmin); err != nil {
		return WorkCalendar{}, err
	}
	next, err := checkCalendar(in)
	if err != nil {
		return WorkCalendar{}, err
	}
	err = s.inTx(ctx, func(tx *txDB) error {
		old, err := LoadWorkingDays(tx.DB)
		if err != nil {
			return err
		}
		diff := map[string]any{}
		for _, l := range []struct {
			name     string
			old, new map[Date]bool
		}{{"holidays", old.holidays, next.holidays}, {"workdays", old.workdays, next.workdays}} {
			added, removed := dayDiff(l.old, l.new), dayDiff(l.new, l.old)
			if len(added)+len(removed) > 0 {
				diff[l.name] = map[string][]Date{"added": added, "removed": removed}
			}
		}
		if len(diff) == 0 {
			return nil
		}
		// The hooks first: lab/stats forgets its kept days there, and a
		// fill that inserted rows and then waits for the calendar's rows
		// is waited for here, not deadlocked with.
		for _, h := range s.calendarHooks {
			if err := h(tx.DB); err != nil {
				return err
			}
		}
		if err := tx.Where("1 = 1").Delete(&calendarDay{}).Error; err != nil {
			return err
		}
		var rows []calendarDay
		for d := range next.holidays {
			rows = append(rows, calendarDay{Day: d, Kind: calendarHoliday})
		}
		for d := range next.workdays {
			rows = append(rows, calendarDay{Day: d, Kind: calendarWorkday})
		}
		if len(rows) > 0 {
			if err := tx.CreateInBatches(&rows, 500).Error; err != nil {
				return err
			}
		}
		return s.auditKey(ctx, tx, "calendar.update", "calendar", "", diff)
	})
	if err != nil {
		return WorkCalendar{}, err
	}
	return next.calendar(), nil
}

// dayDiff lists the days of b not in a, in order.
func dayDiff(a, b map[Date]bool) []Date {
	out := []Date{}
	for d := range b {
		if !a[d] {
			out = append(out, d)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// CalendarHook runs inside the transaction that changes the working
// calendar, before the calendar's rows are replaced.
type CalendarHook func(tx *gorm.DB) error

// OnCalendarChange adds a hook that every change of the working calendar
// runs: lab/stats forgets there the days it counted by the old calendar.
// Hooks are added when the service is wired, before it serves.
func (s *Service) OnCalendarChange(h CalendarHook) { s.calendarHooks = append(s.calendarHooks, h) }
