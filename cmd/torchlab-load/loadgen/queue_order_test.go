package loadgen_test

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// The queue is sorted for one station or counselor and read by places
// across stations (lab/followup_queue.go); every page of it, at every
// filter, limit and offset, must be the cases the filter selects in the
// queue's order: overdue first, then urgent, high and the rest, then by
// due time, then by id. The seed's cases are given every
// mix of status, reached or not, priority and due time around the clock's
// now (many sharing a due time, a few due exactly now), and each page is
// compared with the whole list sorted here.
func TestQueuePagesInQueueOrder(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		p := seedSmall(t, d)
		now := time.Now().UTC().Truncate(time.Second)
		svc := lab.NewService(p.db, lab.Options{Key: labtest.Key, Clock: labtest.NewClock(now).Now})

		type row struct {
			ID         int64
			StationID  int64
			AssigneeID *int64
			Status     lab.FollowupStatus
			Priority   lab.Priority
			DueAt      time.Time
			ReachedAt  *time.Time
		}
		var ids []int64
		if err := p.db.Gorm.Table("followups").Order("id").Pluck("id", &ids).Error; err != nil {
			t.Fatal(err)
		}
		if len(ids) < 60 {
			t.Fatalf("the seed made %d cases, too few to page", len(ids))
		}
		rnd := rand.New(rand.NewPCG(9, 9))
		// A status and a priority the code does not know (none is written
		// today) are listed as the order always had them, an active case
		// and a priority after high: never off the queue.
		statuses := []lab.FollowupStatus{lab.CaseOpen, lab.CaseOpen, lab.CaseInProgress, lab.CaseInProgress, lab.CaseClosed, "unheard-of"}
		priorities := []lab.Priority{lab.Urgent, lab.High, lab.Routine, lab.Urgent, lab.High, lab.Routine, "unheard-of"}
		for _, id := range ids {
			set := map[string]any{
				"status":     statuses[rnd.IntN(len(statuses))],
				"priority":   priorities[rnd.IntN(len(priorities))],
				"due_at":     now.Add(time.Duration(rnd.IntN(7)-3) * time.Hour), // -3h … +3h, now itself included
				"reached_at": nil,
			}
			if rnd.IntN(8) == 0 {
				set["assignee_id"] = nil
			}
			if rnd.IntN(3) == 0 {
				set["reached_at"] = now.Add(-time.Hour)
			}
			if err := p.db.Gorm.Table("followups").Where("id = ?", id).Updates(set).Error; err != nil {
				t.Fatal(err)
			}
		}
		var all []row
		if err := p.db.Gorm.Table("followups").Find(&all).Error; err != nil {
			t.Fatal(err)
		}
		overdue := func(r row) bool { return r.Status != lab.CaseClosed && r.DueAt.Before(now) }
		active := func(r row) bool { return r.Status == lab.CaseOpen || r.Status == lab.CaseInProgress }
		rank := func(p lab.Priority) int {
			switch p {
			case lab.Urgent:
				return 0
			case lab.High:
				return 1
			}
			return 2
		}
		slices.SortFunc(all, func(a, b row) int {
			if oa, ob := overdue(a), overdue(b); oa != ob {
				if oa {
					return -1
				}
				return 1
			}
			return cmp.Or(cmp.Compare(rank(a.Priority), rank(b.Priority)), a.DueAt.Compare(b.DueAt), cmp.Compare(a.ID, b.ID))
		})

		var station, counselor int64 = 1, 0
		if err := p.db.Gorm.Table("followups").Select("MIN(assignee_id)").Where("station_id = ?", station).Scan(&counselor).Error; err != nil || counselor == 0 {
			t.Fatalf("no assigned case at station 1: %v", err)
		}
		couns := lab.WithActor(context.Background(), lab.Actor{UserID: counselor, Username: "couns", Role: lab.RoleCounselor, StationID: &station})
		filters := []struct {
			name   string
			ctx    context.Context
			filter lab.FollowupFilter
			keep   func(row) bool
		}{
			{"all cases", p.admin, lab.FollowupFilter{}, func(row) bool { return true }},
			{"open", p.admin, lab.FollowupFilter{Status: lab.CaseOpen}, func(r row) bool { return r.Status == lab.CaseOpen }},
			{"active", p.admin, lab.FollowupFilter{Status: "open,in_progress"}, active},
			{"closed", p.admin, lab.FollowupFilter{Status: lab.CaseClosed}, func(r row) bool { return r.Status == lab.CaseClosed }},
			{"open and closed", p.admin, lab.FollowupFilter{Status: "closed,open"},
				func(r row) bool { return r.Status == lab.CaseOpen || r.Status == lab.CaseClosed }},
			{"overdue", p.admin, lab.FollowupFilter{Overdue: true}, func(r row) bool { return active(r) && overdue(r) }},
			{"unassigned", p.admin, lab.FollowupFilter{Assignee: "none"}, func(r row) bool { return r.AssigneeID == nil }},
			{"station 1 open", p.admin, lab.FollowupFilter{Status: lab.CaseOpen, StationID: &station},
				func(r row) bool { return r.Status == lab.CaseOpen && r.StationID == station }},
			{"counselor's own active", couns, lab.FollowupFilter{Status: "open,in_progress", Assignee: "me"},
				func(r row) bool {
					return active(r) && r.StationID == station && r.AssigneeID != nil && *r.AssigneeID == counselor
				}},
			{"counselor's station", couns, lab.FollowupFilter{}, func(r row) bool { return r.StationID == station }},
		}
		for _, f := range filters {
			var want []int64
			kinds := map[string]bool{}
			for _, r := range all {
				if f.keep(r) {
					want = append(want, r.ID)
					kinds[fmt.Sprint(overdue(r), r.Priority)] = true
				}
			}
			if len(want) < 3 {
				t.Fatalf("%s: %d cases, too few to page", f.name, len(want))
			}
			n := len(want)
			for _, limit := range []int{1, 2, 7, 50, 200} {
				for _, offset := range []int{0, 1, 3, limit, n / 2, n - limit, n - 1, n, n + 5} {
					if offset < 0 {
						continue
					}
					f.filter.Page = lab.Page{Limit: limit, Offset: offset}
					page, err := svc.ListFollowups(f.ctx, f.filter)
					if err != nil {
						t.Fatalf("%s limit %d offset %d: %v", f.name, limit, offset, err)
					}
					var got []int64
					for _, c := range page.Items {
						got = append(got, c.ID)
					}
					end := min(offset+limit, n)
					if !slices.Equal(got, want[min(offset, n):end]) {
						t.Fatalf("%s limit %d offset %d: got %v, want %v", f.name, limit, offset, got, want[min(offset, n):end])
					}
					// One station's or counselor's queue is counted; across
					// all stations only a page that reaches the list's end
					// tells it.
					told := offset+len(got) == n && (len(got) > 0 || offset == 0)
					switch acrossStations := f.ctx == p.admin && f.filter.StationID == nil && f.filter.Assignee == ""; {
					case (!acrossStations || told) && (page.Total == nil || int(*page.Total) != n):
						t.Fatalf("%s limit %d offset %d: total %s, want %d", f.name, limit, offset, show(page.Total), n)
					case acrossStations && !told && page.Total != nil:
						t.Fatalf("%s limit %d offset %d: total %s, want none", f.name, limit, offset, show(page.Total))
					}
				}
			}
			// Past the deepest offset read by places, a page is sorted:
			// empty here, with no total it could not tell.
			f.filter.Page = lab.Page{Limit: 50, Offset: 20_000}
			if page, err := svc.ListFollowups(f.ctx, f.filter); err != nil || len(page.Items) != 0 {
				t.Fatalf("%s at offset 20,000: %v, %d items", f.name, err, len(page.Items))
			}
			// The active filters must have met every part, or the test
			// proves less than it says.
			if f.name == "active" && len(kinds) != 8 {
				t.Fatalf("active cases span %d of the 8 (overdue, priority) groups: %v", len(kinds), kinds)
			}
		}
	})
}
