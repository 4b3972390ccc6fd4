package loadgen_test

import (
	"context"
	"reflect"
	"testing"

	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// The queue reads a page's cases joined with whom they are about; every
// case it lists must be the case as it is read alone, field for field
// (its latest contact included), in every status and on both dialects,
// with her sample's code, her name, her masked ID and her counselor's name.
func TestQueueRowsAreTheCases(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		p := seedSmall(t, d)
		db, svc, admin := p.db, p.svc, p.admin
		seen := map[lab.FollowupStatus]int{}
		assigned := 0
		for _, st := range []lab.FollowupStatus{lab.CaseOpen, lab.CaseInProgress, lab.CaseClosed} {
			page, err := svc.ListFollowups(admin, lab.FollowupFilter{Status: st, Page: lab.Page{Limit: 200}})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range page.Items {
				var want lab.Followup
				if err := db.Gorm.First(&want, c.ID).Error; err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(c.Followup, want) {
					t.Fatalf("case %d: the queue lists\n%+v\nthe model reads\n%+v", c.ID, c.Followup, want)
				}
				var who struct{ Accession, Name, NationalIDMasked string }
				if err := db.Gorm.Table("samples").Select("samples.accession, clients.name, clients.national_id_masked").
					Joins("JOIN clients ON clients.id = samples.client_id").Where("samples.id = ?", want.SampleID).
					Take(&who).Error; err != nil {
					t.Fatal(err)
				}
				if c.SampleAccession != who.Accession || c.ClientName != who.Name || c.NationalID != who.NationalIDMasked {
					t.Fatalf("case %d: the queue shows %s %s %s, the case is about %+v", c.ID, c.SampleAccession, c.ClientName, c.NationalID, who)
				}
				// Her counselor by the name others see: the display name,
				// or the username where she has none (every seeded
				// counselor has one; api's TestFollowupEndToEnd lists a
				// counselor without).
				wantName := ""
				if want.AssigneeID != nil {
					var u struct{ DisplayName, Username string }
					if err := db.Gorm.Table("users").Select("display_name, username").Where("id = ?", *want.AssigneeID).Take(&u).Error; err != nil {
						t.Fatal(err)
					}
					if wantName = u.DisplayName; wantName == "" {
						wantName = u.Username
					}
					assigned++
				}
				if c.AssigneeName != wantName {
					t.Fatalf("case %d: the queue names its counselor %q, not %q", c.ID, c.AssigneeName, wantName)
				}
				seen[st]++
			}
		}
		for _, st := range []lab.FollowupStatus{lab.CaseOpen, lab.CaseInProgress, lab.CaseClosed} {
			if seen[st] == 0 {
				t.Fatalf("no %s case to compare", st)
			}
		}
		if assigned == 0 {
			t.Fatal("no assigned case to compare")
		}
	})
}

// Each case keeps its tube's code (migration 00014): the copy the seed
// writes and the one the migration makes from the samples are the code of
// the case's sample, for every case. The service's copy is checked through
// the API (api/followups_test.go: the queue shows the released tube).
func TestCaseKeepsItsTubeCode(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		db := seedSmall(t, d).db
		check := func(who string) {
			t.Helper()
			var cases, wrong int
			if err := db.SQL.QueryRow(`SELECT COUNT(*), COALESCE(SUM(CASE WHEN f.sample_accession = s.accession THEN 0 ELSE 1 END), 0)
				FROM followups f JOIN samples s ON s.id = f.sample_id`).Scan(&cases, &wrong); err != nil {
				t.Fatal(err)
			}
			if cases == 0 || wrong != 0 {
				t.Fatalf("%s: %d of %d cases keep another code than their tube's", who, wrong, cases)
			}
		}
		check("seed")
		if err := migrations.DownTo(context.Background(), db.SQL, d, 13); err != nil {
			t.Fatal(err)
		}
		var left int
		if err := db.SQL.QueryRow("SELECT COUNT(*) FROM followups").Scan(&left); err != nil || left == 0 {
			t.Fatalf("no case left after going down (%d, %v)", left, err)
		}
		if _, err := migrations.Up(context.Background(), db.SQL, d, nil); err != nil {
			t.Fatal(err)
		}
		check("migration")
	})
}
