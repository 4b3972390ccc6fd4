package lab_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

func TestSearchTermsOfAClient(t *testing.T) {
	tests := []struct {
		name, phone string
		want        string
	}{
		{"王丽丽", "13900001234", "n:丽 n:丽丽 n:王 n:王丽 p:0000 p:0001 p:0012 p:0123 p:1234 p:1390 p:3900 p:9000"},
		// Lower-cased, spaces left out (and so a pair across them).
		{"Anna Li", "0101234567", "n:a n:al n:an n:i n:l n:li n:n n:na n:nn p:0101 p:0123 p:1012 p:1234 p:2345 p:3456 p:4567"},
		{"欧阳 娜", "", "n:娜 n:欧 n:欧阳 n:阳 n:阳娜"},
		{"芳", "123", "n:芳"},
	}
	for _, tc := range tests {
		got := strings.Join(searchTermsOf(&lab.Client{Name: tc.name, Phone: tc.phone}), " ")
		if got != tc.want {
			t.Errorf("%s %s:\n got %s\nwant %s", tc.name, tc.phone, got, tc.want)
		}
	}
}

// Migration 00010 makes the terms of the clients registered before it,
// in SQL: they must be exactly those the service writes.
func TestClientTermsMigrationMatchesTheService(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		db, err := lab.OpenDatabase(labtest.URL(t, d), lab.DefaultPool)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		ctx := context.Background()
		if err := migrations.UpTo(ctx, db.SQL, d, 9); err != nil {
			t.Fatal(err)
		}
		// Rows are written as the schema of migration 9 holds them: the
		// models have gained columns since.
		now := time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)
		st := lab.Station{Code: "STA", Name: "A", Timezone: "Asia/Shanghai", Active: true, CreatedAt: now, UpdatedAt: now}
		if err := db.Gorm.Select("code", "name", "timezone", "active", "created_at", "updated_at").Create(&st).Error; err != nil {
			t.Fatal(err)
		}
		names := []string{"王丽丽", "Anna Li", "欧阳 娜娜", "阿依古丽·买买提", "芳", "McLEAN", strings.Repeat("陈秀", 25)}
		phones := []string{"13900001234", "0101234567", "021123456789", "13500000000", "13600001111", "13700002222", "13800003333"}
		var clients []lab.Client
		for i, name := range names {
			c := lab.Client{StationID: st.ID, Name: name, NationalIDSealed: "x", NationalIDHash: fmt.Sprintf("%064d", i),
				NationalIDMasked: "x", BirthDate: "1995-01-01", Phone: phones[i], Address: "x",
				Category: lab.Planning, CreatedAt: now, UpdatedAt: now}
			if err := db.Gorm.Select("station_id", "name", "national_id_sealed", "national_id_hash", "national_id_masked",
				"birth_date", "phone", "address", "category", "lmp_date", "consent_given", "consent_text_version",
				"consent_recorded_by", "consent_recorded_at", "created_by", "created_at", "updated_at").Create(&c).Error; err != nil {
				t.Fatal(err)
			}
			clients = append(clients, c)
		}
		if _, err := migrations.Up(ctx, db.SQL, d, nil); err != nil {
			t.Fatal(err)
		}
		for _, c := range clients {
			rows, err := db.SQL.Query("SELECT field, term, station_id FROM client_terms WHERE client_id = ?", c.ID)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for rows.Next() {
				var field, term string
				var station int64
				if err := rows.Scan(&field, &term, &station); err != nil {
					t.Fatal(err)
				}
				if station != st.ID {
					t.Fatalf("%s: a term of station %d", c.Name, station)
				}
				got = append(got, field+":"+term)
			}
			rows.Close()
			slices.Sort(got)
			if want := searchTermsOf(&c); !slices.Equal(got, want) {
				t.Fatalf("%s %s: the migration made\n%v\nthe service makes\n%v", c.Name, c.Phone, got, want)
			}
		}
	})
}

// A search finds a woman by what she is now called, reached and
// registered at: terms follow an edit of her name, phone or station, and a
// longer fragment keeps only the names that hold it whole.
func TestSearchFollowsEdits(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		svc, sys, a, b := twoStations(t, d)
		register := func(i int, name, phone string) *lab.Client {
			t.Helper()
			return registerAt(t, svc, sys, a.ID, i, name, phone)
		}
		wang := register(1, "王秀英", "13900001234")
		register(2, "王秀芳", "13900005678")
		anna := register(3, "Anna Li", "13800001234")
		register(4, "Anal", "13800009999")
		nurseOf := func(st int64) context.Context {
			return lab.WithActor(context.Background(), lab.Actor{UserID: 1, Username: "n", Role: lab.RoleNurse, StationID: &st})
		}
		find := func(ctx context.Context, q string) string {
			t.Helper()
			l, err := svc.ListClients(ctx, lab.ClientFilter{Q: q})
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, c := range l.Items {
				names = append(names, c.Name)
			}
			return strings.Join(names, ",")
		}
		for q, want := range map[string]string{
			"王": "王秀芳,王秀英", "王秀英": "王秀英", "秀": "王秀芳,王秀英", "a l": "Anna Li", "AN": "Anal,Anna Li",
			"1234": "Anna Li,王秀英", "139 0000 1234": "王秀英", "00001234": "Anna Li,王秀英", "5679": "", "李": "",
		} {
			if got := find(nurseOf(a.ID), q); got != want {
				t.Errorf("%q found %q, want %q", q, got, want)
			}
		}

		// Every pair of a longer fragment must be hers, and LIKE keeps the
		// names holding it whole: "王秀丽秀锟" has the pairs of "王秀锟"
		// but not the name, and an admin searches every station the same.
		odd := register(5, "王秀丽秀锟", "13600003333")
		admin := lab.WithActor(context.Background(), lab.Actor{UserID: 1, Username: "a", Role: lab.RoleAdmin})
		for _, ctx := range []context.Context{nurseOf(a.ID), admin} {
			for q, want := range map[string]string{"王秀锟": "", "秀锟": "王秀丽秀锟", "王秀丽秀": "王秀丽秀锟", "王秀芳": "王秀芳", "秀丽秀锟": "王秀丽秀锟"} {
				if got := find(ctx, q); got != want {
					t.Errorf("%q found %q, want %q", q, got, want)
				}
			}
		}
		if _, err := svc.UpdateClient(sys, odd.ID, lab.ClientPatch{StationID: &b.ID}); err != nil {
			t.Fatal(err)
		}
		if got := find(nurseOf(a.ID), "秀丽秀锟"); got != "" {
			t.Errorf("station A still finds %q after she moved", got)
		}

		name, phone := "李秀英", "13711112222"
		if _, err := svc.UpdateClient(sys, wang.ID, lab.ClientPatch{Name: &name, Phone: &phone}); err != nil {
			t.Fatal(err)
		}
		for q, want := range map[string]string{"王秀英": "", "李": "李秀英", "秀英": "李秀英", "1111": "李秀英", "13900001234": ""} {
			if got := find(nurseOf(a.ID), q); got != want {
				t.Errorf("after the edit %q found %q, want %q", q, got, want)
			}
		}
		if _, err := svc.UpdateClient(sys, anna.ID, lab.ClientPatch{StationID: &b.ID}); err != nil {
			t.Fatal(err)
		}
		if got := find(nurseOf(a.ID), "anna"); got != "" {
			t.Errorf("station A still finds %q after she moved", got)
		}
		if got := find(nurseOf(b.ID), "anna"); got != "Anna Li" {
			t.Errorf("station B finds %q, want Anna Li", got)
		}
	})
}

// searchTermsOf returns a client's search terms as "field:term", sorted.
func searchTermsOf(c *lab.Client) []string {
	var out []string
	for _, t := range lab.ClientTerms(c) {
		out = append(out, t.Field+":"+t.Term)
	}
	slices.Sort(out)
	return out
}
