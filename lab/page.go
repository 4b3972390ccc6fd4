package lab

import (
	"encoding/base64"
	"strconv"

	"gorm.io/gorm"
)

// Paging limits (API.md, "Lists").
const (
	DefaultPageLimit = 50
	MaxPageLimit     = 200
)

// Page asks for one page of a list: at most Limit items after the keyset
// Cursor of the previous page, or, without a cursor, after skipping Offset.
type Page struct {
	Limit  int
	Cursor string
	Offset int
}

// List is one page of records. Total is nil where counting would be slow;
// NextCursor is empty on the last page.
type List[T any] struct {
	Items      []T    `json:"items"`
	Total      *int64 `json:"total,omitempty"`
	NextCursor string `json:"next_cursor,omitempty"`
}

// check validates the page; a bad cursor or limit is a validation error,
// not a silent default.
func (p Page) check() (limit int, afterID int64, err error) {
	var v Validation
	limit = p.Limit
	switch {
	case limit == 0:
		limit = DefaultPageLimit
	case limit < 0 || limit > MaxPageLimit:
		v.Add("limit", "out_of_range", "limit is 1 to 200")
	}
	if p.Offset < 0 {
		v.Add("offset", "out_of_range", "offset is 0 or more")
	}
	if p.Cursor != "" {
		afterID, err = decodeCursor(p.Cursor)
		if err != nil {
			v.Add("cursor", "invalid", "cursor is not one this server gave")
		}
	}
	return limit, afterID, v.Err()
}

func encodeCursor(id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(id, 10)))
}

func decodeCursor(c string) (int64, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return 0, err
	}
	id, err := strconv.ParseInt(string(b), 10, 64)
	if err == nil && id <= 0 {
		return 0, strconv.ErrRange
	}
	return id, err
}

// identified is a record with an int64 primary key, the key of keyset paging.
type identified interface{ key() int64 }

// pageByID runs q one page at a time ordered by id (descending when desc),
// fetching one row more than asked to learn whether another page follows.
func pageByID[T any, PT interface {
	*T
	identified
}](q *gorm.DB, p Page, desc, withTotal bool) (List[T], error) {
	limit, after, err := p.check()
	if err != nil {
		return List[T]{}, err
	}
	var out List[T]
	all := q                       // for the count, untouched by the page's order and limit
	q = q.Session(&gorm.Session{}) // its first clause copies the statement
	order := "id ASC"
	if desc {
		order = "id DESC"
	}
	q = q.Order(order).Limit(limit + 1)
	switch {
	case after != 0 && desc:
		q = q.Where("id < ?", after)
	case after != 0:
		q = q.Where("id > ?", after)
	case p.Offset > 0:
		q = q.Offset(p.Offset)
	}
	items := make([]T, 0, limit+1)
	if err := q.Find(&items).Error; err != nil {
		return out, err
	}
	if withTotal {
		// One row more than the page was asked for, so a page of exactly
		// limit rows tells that the list ends there. A keyset page after a
		// cursor holds no count of what came before it.
		got := len(items)
		if after != 0 {
			got = limit + 1
		}
		total, err := totalOf(p.Offset, got, limit+1, all.Session(&gorm.Session{}))
		if err != nil {
			return out, err
		}
		out.Total = &total
	}
	if len(items) > limit {
		items = items[:limit]
		out.NextCursor = encodeCursor(PT(&items[limit-1]).key())
	}
	out.Items = items
	return out, nil
}

// pageTellsTotal is the list's total when a page that skipped offset rows
// and got got of at most limit tells it: one that is not full, or an empty
// first page, ends the list.
func pageTellsTotal(offset, got, limit int) (int64, bool) {
	return int64(offset + got), got < limit && (got > 0 || offset == 0)
}

// totalOf is the number of rows q matches, for a page that skipped offset
// rows and got got of at most limit. A page that is not full, or an empty
// first page, ends the list, so the total is what it skipped plus what it
// holds, without a count: a counselor's queue or a station's day usually
// fits one page, and counting it was a query of its own on every visit.
// Otherwise the rows are counted.
func totalOf(offset, got, limit int, q *gorm.DB) (int64, error) {
	if n, told := pageTellsTotal(offset, got, limit); told {
		return n, nil
	}
	var total int64
	err := q.Count(&total).Error
	return total, err
}

// pageByIDDesc is pageByID, newest first.
func pageByIDDesc[T any, PT interface {
	*T
	identified
}](q *gorm.DB, p Page, withTotal bool) (List[T], error) {
	return pageByID[T, PT](q, p, true, withTotal)
}

func (e *AuditEntry) key() int64 { return e.ID }

// inIDOrder puts rows read by their ids (WHERE id IN …, in no order) in
// the order of ids, which a query sorted earlier; an id without a row is
// left out. The ids of a page are distinct.
func inIDOrder[T any](rows []T, ids []int64, id func(*T) int64) []T {
	at := make(map[int64]int, len(rows))
	for i := range rows {
		at[id(&rows[i])] = i
	}
	out := make([]T, 0, len(rows))
	for _, want := range ids {
		if i, ok := at[want]; ok {
			out = append(out, rows[i])
		}
	}
	return out
}
