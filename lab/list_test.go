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
