package lab_test

import (
	"context"
	"fmt"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// twoStations is a service on a new database of the dialect with stations
// A and B, and the system's context to act in.
func twoStations(t *testing.T, d migrations.Dialect) (*lab.Service, context.Context, *lab.Station, *lab.Station) {
	t.Helper()
	svc := lab.NewService(labtest.Open(t, d), lab.Options{BcryptCost: bcrypt.MinCost, Key: labtest.Key})
	sys := lab.SystemContext(context.Background(), "(test)")
	a, err := svc.CreateStation(sys, lab.NewStation{Code: "STA", Name: "A"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := svc.CreateStation(sys, lab.NewStation{Code: "STB", Name: "B"})
	if err != nil {
		t.Fatal(err)
	}
	return svc, sys, a, b
}

// registerAt registers woman number i (her ID number made from i) at a
// station, with a name and phone.
func registerAt(t *testing.T, svc *lab.Service, sys context.Context, station int64, i int, name, phone string) *lab.Client {
	t.Helper()
	c, err := svc.RegisterClient(sys, lab.NewClient{StationID: &station, Name: name,
		NationalID: lab.MakeNationalID("110101", "1995-01-01", 2*i), Phone: phone,
		Address: "x", Category: lab.Planning, Consent: &lab.ConsentInput{Given: true, TextVersion: "v1"}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// A name or phone fragment searched within a station pages newest first,
// by cursor or by offset, through exactly the station's matches (found
// through the search terms, client_terms.go).
func TestFragmentSearchWithinAStationPages(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		svc, sys, a, b := twoStations(t, d)
		var want []int64 // station A's 陈, newest first
		for i := 0; i < 12; i++ {
			st, name := a.ID, fmt.Sprintf("陈%d芳", i)
			switch i % 4 {
			case 1:
				name = fmt.Sprintf("王%d", i)
			case 2:
				st = b.ID
			}
			c := registerAt(t, svc, sys, st, i, name, fmt.Sprintf("1390000%04d", i))
			if st == a.ID && i%4 != 1 {
				want = append([]int64{c.ID}, want...)
			}
		}
		nurse := lab.WithActor(context.Background(), lab.Actor{UserID: 1, Username: "n", Role: lab.RoleNurse, StationID: &a.ID})
		var got []int64
		page := lab.Page{Limit: 2}
		for n := 0; n < 10; n++ {
			l, err := svc.ListClients(nurse, lab.ClientFilter{Q: "陈", Page: page})
			if err != nil {
				t.Fatal(err)
			}
			if l.Total != nil {
				t.Fatalf("a fragment search counted its matches: %d", *l.Total)
			}
			for _, c := range l.Items {
				got = append(got, c.ID)
			}
			if l.NextCursor == "" {
				break
			}
			page.Cursor = l.NextCursor
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("pages %v, want %v", got, want)
		}
		l, err := svc.ListClients(nurse, lab.ClientFilter{Q: "陈", Page: lab.Page{Limit: 2, Offset: 2}})
		if err != nil || len(l.Items) != 2 || l.Items[0].ID != want[2] || l.Items[1].ID != want[3] {
			t.Fatalf("offset 2: %+v, %v; want %v", l.Items, err, want[2:4])
		}
		l, err = svc.ListClients(nurse, lab.ClientFilter{Q: "0000008"})
		if err != nil || len(l.Items) != 1 || l.Items[0].Name != "陈8芳" {
			t.Fatalf("phone fragment: %+v, %v", l.Items, err)
		}
	})
}

// An admin's fragment search reads every station's women through the
// search terms' own index (migration 00016): newest first across the
// stations, by cursor or by offset, with the fragment confirmed in full
// where it is longer than its term, by name and by phone.
func TestFragmentSearchAcrossStationsPages(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		svc, sys, a, b := twoStations(t, d)
		var want, want1 []int64 // every 陈, and those whose name holds "陈1", newest first
		var chen1 int64         // 陈1芳
		for i := 0; i < 14; i++ {
			st, name := a.ID, fmt.Sprintf("陈%d芳", i)
			switch i % 3 {
			case 1:
				st = b.ID
			case 2:
				name = fmt.Sprintf("王%d", i)
			}
			c := registerAt(t, svc, sys, st, i, name, fmt.Sprintf("1390000%04d", i))
			if i%3 != 2 {
				want = append([]int64{c.ID}, want...)
				if name[:len("陈1")] == "陈1" {
					want1 = append([]int64{c.ID}, want1...)
				}
				if name == "陈1芳" {
					chen1 = c.ID
				}
			}
		}
		admin := lab.WithActor(context.Background(), lab.Actor{UserID: 1, Username: "admin", Role: lab.RoleAdmin})
		pages := func(q string, limit int) []int64 {
			t.Helper()
			var got []int64
			page := lab.Page{Limit: limit}
			for n := 0; n < 20; n++ {
				l, err := svc.ListClients(admin, lab.ClientFilter{Q: q, Page: page})
				if err != nil {
					t.Fatal(err)
				}
				for _, c := range l.Items {
					got = append(got, c.ID)
				}
				if l.NextCursor == "" {
					return got
				}
				page.Cursor = l.NextCursor
			}
			t.Fatalf("%q: more than 20 pages", q)
			return nil
		}
		if got := pages("陈", 3); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("陈 across stations: %v, want %v", got, want)
		}
		// "陈1" is a term of 陈1芳, 陈10芳, 陈12芳 and 陈13芳; "陈1芳" is
		// looked up by that term too, and LIKE keeps only 陈1芳.
		if got := pages("陈1", 2); fmt.Sprint(got) != fmt.Sprint(want1) || len(want1) != 4 {
			t.Fatalf("陈1 across stations: %v, want %v", got, want1)
		}
		if got := pages("陈1芳", 2); fmt.Sprint(got) != fmt.Sprint([]int64{chen1}) {
			t.Fatalf("陈1芳 across stations: %v, want [%d]", got, chen1)
		}
		if got := pages("陈1x", 2); len(got) != 0 {
			t.Fatalf("陈1x matched %v", got)
		}
		l, err := svc.ListClients(admin, lab.ClientFilter{Q: "陈", Page: lab.Page{Limit: 2, Offset: 3}})
		if err != nil || len(l.Items) != 2 || l.Items[0].ID != want[3] || l.Items[1].ID != want[4] {
			t.Fatalf("offset 3: %+v, %v; want %v", l.Items, err, want[3:5])
		}
		for q, station := range map[string]int64{"00000013": b.ID, "139 0000 0012": a.ID, "139-0000-0010": b.ID} {
			l, err := svc.ListClients(admin, lab.ClientFilter{Q: q})
			if err != nil || len(l.Items) != 1 || l.Items[0].StationID != station {
				t.Fatalf("phone %q: %+v, %v", q, l.Items, err)
			}
		}
		l, err = svc.ListClients(admin, lab.ClientFilter{Q: "陈", StationID: &b.ID})
		if err != nil || len(l.Items) == 0 {
			t.Fatalf("陈 at B: %+v, %v", l.Items, err)
		}
		for _, c := range l.Items {
			if c.StationID != b.ID {
				t.Fatalf("陈 at B listed %+v", c)
			}
		}
	})
}

// A number typed in an input method's full-width mode is the same number:
// she registers with a full-width phone and ID number, a nurse corrects
// both in full width, and a nurse and an admin find her by a full-width
// phone fragment or her full-width ID number.
func TestFullWidthNumbersFindHer(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		svc, sys, a, _ := twoStations(t, d)
		id := lab.MakeNationalID("110101", "1995-01-01", 2)
		wide := func(s string) string { // ASCII digits and letters as an input method's full-width forms
			out := []rune{}
			for _, r := range s {
				out = append(out, r-'!'+'！')
			}
			return string(out)
		}
		c, err := svc.RegisterClient(sys, lab.NewClient{StationID: &a.ID, Name: "林Anna",
			NationalID: wide(id), Phone: wide("139-1234-5678"),
			Address: "x", Category: lab.Planning, Consent: &lab.ConsentInput{Given: true, TextVersion: "v1"}})
		if err != nil {
			t.Fatal(err)
		}
		if c.Phone != "13912345678" {
			t.Fatalf("phone stored as %q", c.Phone)
		}
		nurse := lab.WithActor(context.Background(), lab.Actor{UserID: 1, Username: "n", Role: lab.RoleNurse, StationID: &a.ID})
		admin := lab.WithActor(context.Background(), lab.Actor{UserID: 2, Username: "a", Role: lab.RoleAdmin})
		// A correction reads them alike.
		phone, fixedID := wide("137-0000-1111"), wide(lab.MakeNationalID("110101", "1995-01-01", 4))
		if c, err = svc.UpdateClient(nurse, c.ID, lab.ClientPatch{Phone: &phone, NationalID: &fixedID}); err != nil || c.Phone != "13700001111" {
			t.Fatalf("correction: %+v, %v", c, err)
		}
		id = lab.MakeNationalID("110101", "1995-01-01", 4)
		for _, actor := range []context.Context{nurse, admin} {
			for _, q := range []string{wide("1111"), wide("137") + "　" + wide("0000"), wide(id), id, "Anna"} {
				l, err := svc.ListClients(actor, lab.ClientFilter{Q: q})
				if err != nil || len(l.Items) != 1 || l.Items[0].ID != c.ID {
					t.Fatalf("search %q: %+v, %v", q, l.Items, err)
				}
			}
		}
	})
}
