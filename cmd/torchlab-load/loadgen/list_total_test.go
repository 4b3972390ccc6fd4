package loadgen_test

import (
	"database/sql"
	"fmt"
	"testing"

	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// A list's total is counted only when its page cannot tell it (a full
// page, or an empty page past the first); at every limit and offset around
// the list's end it must still be the number of matches, and the page must
// hold what is left of them.
func TestListTotalsAtEveryPage(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		p := seedSmall(t, d)
		db, svc, admin := p.db, p.svc, p.admin
		count := func(q string, args ...any) int {
			t.Helper()
			var n int
			if err := db.SQL.QueryRow(q, args...).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		var day string
		if err := db.SQL.QueryRow("SELECT day FROM appointments GROUP BY day ORDER BY COUNT(*) DESC, day LIMIT 1").Scan(&day); err != nil {
			t.Fatal(err)
		}
		day = day[:10]
		one := int64(1)

		lists := []struct {
			name   string
			want   int
			list   func(lab.Page) (int, *int64, error)
			untold bool // told only by a page that reaches the end
		}{
			{"closed cases", count("SELECT COUNT(*) FROM followups WHERE status = 'closed'"), func(p lab.Page) (int, *int64, error) {
				l, err := svc.ListFollowups(admin, lab.FollowupFilter{Status: lab.CaseClosed, Page: p})
				return len(l.Items), l.Total, err
			}, true},
			{"closed cases of station 1", count("SELECT COUNT(*) FROM followups WHERE status = 'closed' AND station_id = 1"), func(p lab.Page) (int, *int64, error) {
				l, err := svc.ListFollowups(admin, lab.FollowupFilter{Status: lab.CaseClosed, StationID: &one, Page: p})
				return len(l.Items), l.Total, err
			}, false},
			{"open cases of station 1", count("SELECT COUNT(*) FROM followups WHERE status = 'open' AND station_id = 1"), func(p lab.Page) (int, *int64, error) {
				l, err := svc.ListFollowups(admin, lab.FollowupFilter{Status: lab.CaseOpen, StationID: &one, Page: p})
				return len(l.Items), l.Total, err
			}, false},
			{"active cases", count("SELECT COUNT(*) FROM followups WHERE status IN ('open', 'in_progress')"), func(p lab.Page) (int, *int64, error) {
				l, err := svc.ListFollowups(admin, lab.FollowupFilter{Status: "open,in_progress", Page: p})
				return len(l.Items), l.Total, err
			}, true},
			{"day list " + day, count("SELECT COUNT(*) FROM appointments WHERE day = ?", day), func(p lab.Page) (int, *int64, error) {
				l, err := svc.ListAppointments(admin, lab.AppointmentFilter{Date: day, Page: p})
				return len(l.Items), l.Total, err
			}, false},
			{"stations", 2, func(p lab.Page) (int, *int64, error) {
				l, err := svc.ListStations(admin, p)
				return len(l.Items), l.Total, err
			}, false},
			{"recollections", count("SELECT COUNT(*) FROM recollections"), func(p lab.Page) (int, *int64, error) {
				l, err := svc.ListRecollections(admin, lab.RecollectionFilter{Page: p})
				return len(l.Items), l.Total, err
			}, false},
		}
		// Each case of a queue page shows its own latest contact, or none.
		for _, st := range []lab.FollowupStatus{lab.CaseInProgress, lab.CaseClosed} {
			page, err := svc.ListFollowups(admin, lab.FollowupFilter{Status: st, Page: lab.Page{Limit: 200}})
			if err != nil {
				t.Fatal(err)
			}
			withContact := 0
			for _, c := range page.Items {
				var channel, result string
				err := db.SQL.QueryRow("SELECT channel, result FROM followup_contacts WHERE followup_id = ? ORDER BY id DESC LIMIT 1", c.ID).
					Scan(&channel, &result)
				switch {
				case err == sql.ErrNoRows && c.LastContact == nil:
				case err != nil:
					t.Fatalf("case %d: %v (queue shows %+v)", c.ID, err, c.LastContact)
				case c.LastContact == nil || c.LastContact.Channel != channel || c.LastContact.Result != result:
					t.Fatalf("case %d: queue shows %+v, latest contact %s %s", c.ID, c.LastContact, channel, result)
				default:
					withContact++
				}
			}
			if withContact == 0 {
				t.Fatalf("no %s case of the seed has a contact", st)
			}
		}

		// Several statuses in one request: the cases of each, in the
		// queue's order (overdue first, then priority, then due time).
		active, err := svc.ListFollowups(admin, lab.FollowupFilter{Status: "open, in_progress,open", Page: lab.Page{Limit: 200}})
		if err != nil {
			t.Fatal(err)
		}
		rank := map[lab.Priority]int{lab.Urgent: 0, lab.High: 1, lab.Routine: 2}
		kinds := map[lab.FollowupStatus]int{}
		for i, c := range active.Items {
			kinds[c.Status]++
			if i == 0 {
				continue
			}
			p := active.Items[i-1]
			before := !p.Overdue && c.Overdue ||
				p.Overdue == c.Overdue && (rank[p.Priority] > rank[c.Priority] ||
					p.Priority == c.Priority && p.DueAt.After(c.DueAt))
			if before {
				t.Fatalf("case %d (%v %s %s) comes after case %d (%v %s %s)", c.ID, c.Overdue, c.Priority, c.DueAt, p.ID, p.Overdue, p.Priority, p.DueAt)
			}
		}
		if kinds[lab.CaseOpen] == 0 || kinds[lab.CaseInProgress] == 0 || len(kinds) != 2 {
			t.Fatalf("active cases by status: %v", kinds)
		}
		if _, err := svc.ListFollowups(admin, lab.FollowupFilter{Status: "open,done"}); lab.ErrorCode(err) != lab.CodeValidation {
			t.Fatalf("status open,done: %v", err)
		}

		for _, l := range lists {
			n := l.want
			if n < 2 {
				t.Fatalf("%s: the seed made %d, too few to page", l.name, n)
			}
			for _, limit := range []int{1, n - 1, n, n + 1, 200} {
				if limit > lab.MaxPageLimit {
					continue
				}
				for _, offset := range []int{0, 1, n - limit, n - 1, n, n + 3} {
					if offset < 0 {
						continue
					}
					got, total, err := l.list(lab.Page{Limit: limit, Offset: offset})
					if err != nil {
						t.Fatalf("%s limit %d offset %d: %v", l.name, limit, offset, err)
					}
					page := min(limit, max(0, n-offset))
					// Across all stations the queue gives its total only
					// when the page reaches the list's end; otherwise none.
					if l.untold && !(offset+page == n && (page > 0 || offset == 0)) {
						if total != nil || got != page {
							t.Fatalf("%s limit %d offset %d: %d items, total %s; want %d and no total",
								l.name, limit, offset, got, show(total), page)
						}
						continue
					}
					if total == nil || int(*total) != n || got != page {
						t.Fatalf("%s limit %d offset %d: %d items, total %s; want %d of %d",
							l.name, limit, offset, got, show(total), page, n)
					}
				}
			}
		}
	})
}

func show(p *int64) string {
	if p == nil {
		return "none"
	}
	return fmt.Sprint(*p)
}
