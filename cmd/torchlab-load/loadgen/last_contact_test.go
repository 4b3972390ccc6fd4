package loadgen_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// Each case keeps a copy of its latest contact (migration 00012). The
// copy the service writes with a contact, the one the seed writes and the
// one the migration makes from the contacts must all be the newest contact
// of the case, time included; cases without contacts have none.
func TestCaseKeepsItsLatestContact(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		p := seedSmall(t, d)
		db, svc, admin := p.db, p.svc, p.admin

		// Contacts through the service on open cases: a first contact on a
		// case that had none, and a second on one that had some.
		var fresh, again int64
		if err := db.SQL.QueryRow(`SELECT MIN(id) FROM followups WHERE status = 'open'
			AND NOT EXISTS (SELECT 1 FROM followup_contacts c WHERE c.followup_id = followups.id)`).Scan(&fresh); err != nil {
			t.Fatal(err)
		}
		if err := db.SQL.QueryRow(`SELECT MIN(id) FROM followups WHERE status = 'in_progress'
			AND EXISTS (SELECT 1 FROM followup_contacts c WHERE c.followup_id = followups.id)`).Scan(&again); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			id              int64
			channel, result string
		}{{fresh, "sms", "no_answer"}, {again, "visit", "reached"}, {again, "phone", "wrong_number"}} {
			if _, err := svc.AddContact(admin, c.id, lab.NewContact{Channel: c.channel, Result: c.result}); err != nil {
				t.Fatal(err)
			}
		}

		type copyOf struct {
			at              sql.NullTime
			channel, result string
		}
		// read gives each case's (id, time, channel, result) that query selects.
		read := func(query string) map[int64]copyOf {
			t.Helper()
			rows, err := db.SQL.Query(query)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			m := map[int64]copyOf{}
			for rows.Next() {
				var id int64
				var c copyOf
				var at any
				if err := rows.Scan(&id, &at, &c.channel, &c.result); err != nil {
					t.Fatal(err)
				}
				c.at = nullTime(t, at)
				m[id] = c
			}
			return m
		}
		copies := func() map[int64]copyOf {
			return read("SELECT id, last_contact_at, last_contact_channel, last_contact_result FROM followups")
		}
		latest := func() map[int64]copyOf {
			return read(`SELECT followup_id, at, channel, result FROM followup_contacts c
				WHERE id = (SELECT MAX(id) FROM followup_contacts m WHERE m.followup_id = c.followup_id)`)
		}
		check := func(who string) {
			t.Helper()
			want, got := latest(), copies()
			with := 0
			for id, g := range got {
				w, ok := want[id]
				if !ok {
					if g.at.Valid || g.channel != "" || g.result != "" {
						t.Fatalf("%s: case %d has no contact but keeps %+v", who, id, g)
					}
					continue
				}
				with++
				if !g.at.Valid || !g.at.Time.Equal(w.at.Time) || g.channel != w.channel || g.result != w.result {
					t.Fatalf("%s: case %d keeps %+v, its latest contact is %+v", who, id, g, w)
				}
			}
			if with != len(want) || with == 0 {
				t.Fatalf("%s: %d cases keep a contact, %d have one", who, with, len(want))
			}
		}
		check("seed and service")
		if c := copies()[again]; c.channel != "phone" || c.result != "wrong_number" {
			t.Fatalf("after the second contact the case keeps %+v", c)
		}

		// The migration's conversion over the same contacts.
		if err := migrations.DownTo(context.Background(), db.SQL, d, 11); err != nil {
			t.Fatal(err)
		}
		if _, err := migrations.Up(context.Background(), db.SQL, d, nil); err != nil {
			t.Fatal(err)
		}
		check("migration")
	})
}

// nullTime reads a DATETIME as either driver returns it (MySQL a
// time.Time with parseTime, SQLite a time or its text).
func nullTime(t *testing.T, v any) sql.NullTime {
	t.Helper()
	switch x := v.(type) {
	case nil:
		return sql.NullTime{}
	case time.Time:
		return sql.NullTime{Time: x, Valid: true}
	case string:
		return parseStored(t, x)
	case []byte:
		return parseStored(t, string(x))
	}
	t.Fatalf("a time stored as %T", v)
	return sql.NullTime{}
}

func parseStored(t *testing.T, s string) sql.NullTime {
	t.Helper()
	for _, layout := range []string{"2006-01-02 15:04:05.999999999-07:00", "2006-01-02 15:04:05.999999999", time.RFC3339Nano} {
		if tm, err := time.Parse(layout, s); err == nil {
			return sql.NullTime{Time: tm, Valid: true}
		}
	}
	t.Fatalf("a stored time %q", s)
	return sql.NullTime{}
}
