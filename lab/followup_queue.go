package lab

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// The follow-up queue's order: overdue cases first (Followup.overdueAt),
// then by priority (urgent, high, then the rest), then by due time, then
// by id. Its first key depends on the clock, so no index holds it.
//
// One station's or one counselor's cases (hundreds, a few thousand with
// the closed ones) are sorted by it in the database from an index that
// holds every column it reads: one statement, under a millisecond.
//
// Across all stations that sort was the page's whole cost (an admin's
// active cases are 28,000 at a million women, re-sorted every minute by
// her queue screen), so there the queue is read by places instead: the
// cases of one place share overdue-or-not and a priority, so their order
// is (due_at, id), an index's order (migration 00015). Places are read
// in the queue's order, each up to the page's end, until the page is
// full: most pages need one or two short index ranges.

// queuePage reads the ids of a page of the queue: the cases q selects (in
// the statuses; only overdue ones when overdueOnly), sorted when the filter
// is narrow (a station or an assignee: me, none or a counselor), read by
// places across all stations.
//
// A narrow queue is counted. Across all stations the total is given only
// when the page reaches the end of the list (API.md lets a list omit it
// where counting would be slow): counting cost more than the page, 8 ms
// for the 28,000 active cases of a million women and 75 ms for the closed
// ones, which grow every year. A full page without a total has more after
// it.
func queuePage(db, q *gorm.DB, narrow bool, statuses []FollowupStatus, overdueOnly bool, now time.Time, limit, offset int) ([]int64, *int64, error) {
	if !narrow && offset <= maxPlacedOffset {
		ids, more, err := queuePlacedIDs(db, q, statuses, overdueOnly, now, limit, offset)
		if err != nil || more || (len(ids) == 0 && offset > 0) {
			return ids, nil, err
		}
		total := int64(offset + len(ids))
		return ids, &total, nil
	}
	ids, err := queueSortedIDs(q, now, limit, offset)
	if err != nil {
		return nil, nil, err
	}
	if narrow {
		total, err := totalOf(offset, len(ids), limit, q.Session(&freshStatement))
		return ids, &total, err
	}
	if total, told := pageTellsTotal(offset, len(ids), limit); told {
		return ids, &total, nil
	}
	return ids, nil, nil
}

// queueSortedIDs reads a page of the queue by sorting every case q
// selects.
func queueSortedIDs(q *gorm.DB, now time.Time, limit, offset int) ([]int64, error) {
	var ids []int64
	err := q.Session(&freshStatement).Clauses(clause.OrderBy{Expression: clause.Expr{
		SQL: "CASE WHEN status <> ? AND due_at < ? THEN 0 ELSE 1 END, " +
			"CASE priority WHEN ? THEN 0 WHEN ? THEN 1 ELSE 2 END, due_at, id",
		Vars: []any{CaseClosed, now, Urgent, High}, WithoutParentheses: true,
	}}).Limit(limit).Offset(offset).Pluck("id", &ids).Error
	return ids, err
}

// maxPlacedOffset is the deepest offset read by places: past it a page is
// sorted, as one station's is, so that no request gathers more ids than
// this in memory (and offset + limit cannot overflow).
const maxPlacedOffset = 10_000

// queuePart is a condition that, with one status and one priority, an
// index range answers in (due_at, id) order (migration 00015).
type queuePart struct {
	cond string
	vars []any
}

// queuePlaces splits the cases in the statuses into the queue's places at
// now, in order: the overdue cases of each priority (not closed, past the
// due time of the next action: Followup.overdueAt), then the others of each priority
// (only the overdue places when overdueOnly). A place has a part per
// status.
//
// Without a status filter every status is read, and a status the code
// does not know (none is written today) is read as an active one, as the
// sorted order reads it; likewise a priority outside the three known ones
// sorts after high, as the order's ELSE does. So no case ever falls out of
// the queue.
//
// An "others" part of an active status reads its status and priority in
// due order and passes over the overdue cases in it: fewer than the page
// needs, since the overdue places before it did not fill the page.
func queuePlaces(statuses []FollowupStatus, overdueOnly bool, now time.Time) [][]queuePart {
	known := []FollowupStatus{CaseOpen, CaseInProgress, CaseClosed}
	type status struct {
		queuePart
		closed bool
	}
	var sts []status
	for _, st := range statuses {
		sts = append(sts, status{queuePart{"status = ?", []any{st}}, st == CaseClosed})
	}
	if len(statuses) == 0 {
		for _, st := range known {
			sts = append(sts, status{queuePart{"status = ?", []any{st}}, st == CaseClosed})
		}
		sts = append(sts, status{queuePart{"status NOT IN ?", []any{known}}, false})
	}
	priorities := [][]queuePart{
		{{"priority = ?", []any{Urgent}}},
		{{"priority = ?", []any{High}}},
		{{"priority = ?", []any{Routine}}, {"priority NOT IN ?", []any{[]Priority{Urgent, High, Routine}}}},
	}
	var overdue, others [][]queuePart
	for _, prio := range priorities {
		var late, rest []queuePart
		for _, st := range sts {
			for _, p := range prio {
				cond, vars := st.cond+" AND "+p.cond, slices.Concat(st.vars, p.vars)
				if st.closed {
					rest = append(rest, queuePart{cond, vars})
					continue
				}
				late = append(late, queuePart{cond + " AND due_at < ?", slices.Concat(vars, []any{now})})
				rest = append(rest, queuePart{cond + " AND due_at >= ?", slices.Concat(vars, []any{now})})
			}
		}
		if len(late) > 0 {
			overdue = append(overdue, late)
		}
		if len(rest) > 0 && !overdueOnly {
			others = append(others, rest)
		}
	}
	return append(overdue, others...)
}

// queuePlacedIDs reads a page of the queue place by place: the cases q
// selects in the statuses, in the queue's order at now, and whether more
// follow the page. The places are read in one transaction, so that a case
// that moves meanwhile (reached, raised, closed) is neither missed nor
// read twice.
func queuePlacedIDs(db, q *gorm.DB, statuses []FollowupStatus, overdueOnly bool, now time.Time, limit, offset int) (page []int64, more bool, err error) {
	need := offset + limit + 1 // one more tells whether the page ends the list
	var ids []int64
	err = db.Transaction(func(tx *gorm.DB) error {
		for _, place := range queuePlaces(statuses, overdueOnly, now) {
			got, err := readQueuePlace(tx, q, place, need-len(ids))
			if err != nil {
				return err
			}
			if ids = append(ids, got...); len(ids) >= need {
				break
			}
		}
		return nil
	})
	if err != nil || offset >= len(ids) {
		return nil, false, err
	}
	return ids[offset:min(offset+limit, len(ids))], len(ids) == need, nil
}

// readQueuePlace reads the first n ids of a place in tx, its parts merged
// by due time, in one statement.
func readQueuePlace(tx, q *gorm.DB, place []queuePart, n int) ([]int64, error) {
	part := func(p queuePart) *gorm.DB {
		return q.Session(&freshStatement).Where(p.cond, p.vars...).Order("due_at, id").Limit(n)
	}
	var ids []int64
	if len(place) == 1 {
		err := tx.Raw("?", part(place[0]).Select("id")).Scan(&ids).Error
		return ids, err
	}
	var sql strings.Builder
	vars := make([]any, 0, len(place)+1)
	sql.WriteString("SELECT id FROM (")
	for i, p := range place {
		if i > 0 {
			sql.WriteString(" UNION ALL ")
		}
		fmt.Fprintf(&sql, "SELECT id, due_at FROM (?) AS part%d", i)
		vars = append(vars, part(p).Select("id, due_at"))
	}
	sql.WriteString(") AS place ORDER BY due_at, id LIMIT ?")
	err := tx.Raw(sql.String(), append(vars, n)...).Scan(&ids).Error
	return ids, err
}
