package lab_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// An import writes, for many samples at once, exactly what entering by hand
// writes for each: results entered, the ones they replace superseded, the
// status of complete samples moved to resulted, one custody event and one
// audit row per sample touched.
func TestImportWritesWhatEntryWrites(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		db := labtest.Open(t, d)
		codes := labtest.ReceivedSamples(t, db, "BENCH", 2)
		svc := lab.NewService(db, lab.Options{BcryptCost: bcrypt.MinCost, Key: labtest.Key})
		ctx := lab.WithActor(context.Background(), lab.Actor{UserID: 7, Username: "tech", Role: lab.RoleLabTech, IP: "10.0.0.9"})
		all := []string{"TOXO_IGG", "TOXO_IGM", "RUBV_IGG", "RUBV_IGM", "CMV_IGG", "CMV_IGM", "HSV_IGG", "HSV_IGM"}
		importFile := func(lines ...string) {
			t.Helper()
			rep, err := svc.ImportResults(ctx, strings.NewReader("accession,analyte,value\n"+strings.Join(lines, "\n")+"\n"))
			if err != nil {
				t.Fatal(err)
			}
			if rep.Rejected != 0 || rep.Saved != len(lines) {
				t.Fatalf("saved %d, rejected %d: %+v", rep.Saved, rep.Rejected, rep.Rows)
			}
		}
		var first []string
		for _, a := range all {
			first = append(first, codes[0]+","+a+",0.1")
		}
		first = append(first, codes[1]+",TOXO_IGG,0.2", codes[1]+",TOXO_IGM,20")
		importFile(first...)
		importFile(codes[1] + ",TOXO_IGG,5") // replaces the 0.2

		type row struct {
			Accession, AnalyteCode, State, ValueText, Interpretation string
			EnteredBy                                                *int64
			Superseded                                               bool
		}
		var rows []row
		if err := db.Gorm.Table("results").Select("samples.accession, results.analyte_code, results.state, results.value_text, " +
			"results.interpretation, results.entered_by, results.superseded_at IS NOT NULL AS superseded").
			Joins("JOIN samples ON samples.id = results.sample_id").Order("results.id").Scan(&rows).Error; err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		for _, r := range rows {
			got[fmt.Sprintf("%s %s %s %s %v", r.Accession, r.AnalyteCode, r.State, r.ValueText, r.Superseded)]++
			if r.EnteredBy == nil || *r.EnteredBy != 7 {
				t.Errorf("%s %s entered by %v", r.Accession, r.AnalyteCode, r.EnteredBy)
			}
		}
		b := codes[1]
		if len(rows) != 11 || got[b+" TOXO_IGG superseded 0.2 true"] != 1 || got[b+" TOXO_IGG entered 5 false"] != 1 ||
			got[b+" TOXO_IGM entered 20 false"] != 1 {
			t.Fatalf("results = %v", got)
		}
		status := func(code string) lab.SampleStatus {
			var sm lab.Sample
			if err := db.Gorm.Where("accession = ?", code).First(&sm).Error; err != nil {
				t.Fatal(err)
			}
			return sm.Status
		}
		if status(codes[0]) != lab.SampleResulted || status(codes[1]) != lab.SampleReceived {
			t.Fatalf("statuses %s, %s; want resulted, received", status(codes[0]), status(codes[1]))
		}
		var events []lab.SampleEvent
		if err := db.Gorm.Where("event = ?", "results_entered").Order("id").Find(&events).Error; err != nil {
			t.Fatal(err)
		}
		if len(events) != 3 || events[0].Detail != strings.Join(all, ", ") || events[2].Detail != "TOXO_IGG" ||
			events[2].ActorUsername != "tech" || events[2].ActorID == nil || *events[2].ActorID != 7 {
			t.Fatalf("events = %+v", events)
		}
		var audits []lab.AuditEntry
		if err := db.Gorm.Where("action = ?", "results.enter").Order("id").Find(&audits).Error; err != nil {
			t.Fatal(err)
		}
		if len(audits) != 3 || audits[0].EntityID != codes[0] || audits[0].IP != "10.0.0.9" || audits[2].EntityID != codes[1] {
			t.Fatalf("audit = %+v", audits)
		}
		var change struct {
			Results map[string]struct{ Value, Lot, Interpretation string }
			Status  lab.SampleStatus
		}
		if err := json.Unmarshal(audits[0].Changes, &change); err != nil {
			t.Fatal(err)
		}
		if change.Status != lab.SampleResulted || len(change.Results) != 8 || change.Results["TOXO_IGM"].Value != "0.1" ||
			change.Results["TOXO_IGM"].Interpretation != string(lab.Negative) {
			t.Fatalf("audit changes = %s", audits[0].Changes)
		}

		// The rest of the second sample's panel completes it.
		var rest []string
		for _, a := range all[2:] {
			rest = append(rest, codes[1]+","+a+",0.1")
		}
		importFile(rest...)
		if status(codes[1]) != lab.SampleResulted {
			t.Fatalf("status %s after the whole panel; want resulted", status(codes[1]))
		}
	})
}
