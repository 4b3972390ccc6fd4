package loadgen_test

import (
	"testing"

	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// The day list is in slot time order, then by appointment, across its
// pages: its ids are sorted in one statement and its rows read by them in
// another, and the rows must keep that order. The seed books a day's
// women in no particular time order, so the ids alone are not it.
func TestDayListInSlotOrder(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		p := seedSmall(t, d)
		var day lab.Date
		if err := p.db.SQL.QueryRow(`SELECT day FROM appointments GROUP BY day ORDER BY COUNT(*) DESC, day LIMIT 1`).Scan(&day); err != nil {
			t.Fatal(err)
		}
		var items []lab.DayListEntry
		for offset := 0; ; offset += 5 {
			l, err := p.svc.ListAppointments(p.admin, lab.AppointmentFilter{Date: string(day), Page: lab.Page{Limit: 5, Offset: offset}})
			if err != nil {
				t.Fatal(err)
			}
			items = append(items, l.Items...)
			if len(l.Items) < 5 {
				break
			}
		}
		if len(items) < 15 {
			t.Fatalf("%s has %d appointments, too few to tell an order", day, len(items))
		}
		idsOutOfOrder := false
		for i := 1; i < len(items); i++ {
			a, b := items[i-1], items[i]
			if a.Start > b.Start || (a.Start == b.Start && a.ID >= b.ID) {
				t.Fatalf("%s: %d at %s is listed before %d at %s", day, a.ID, a.Start, b.ID, b.Start)
			}
			if a.ID > b.ID {
				idsOutOfOrder = true
			}
		}
		if !idsOutOfOrder {
			t.Fatalf("%s: the appointments' ids are already in time order, so the test proves nothing", day)
		}
	})
}
