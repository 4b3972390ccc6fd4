package lab_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// Two pools on one database are two torchlab processes, each with its own
// cache of the reference data (lab/reference_cache.go). Each change made
// through one is seen by the other's next operation, although that
// process had just judged by the data before the change: the cut-offs,
// ranges, lots and settings by which results are entered and tubes
// received, and the analysers and code maps by which messages are read.
func TestReferenceCacheSeesAnotherProcessesChange(t *testing.T) {
	t.Parallel()
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		url := labtest.URL(t, d)
		dbA, dbB := labtest.OpenURL(t, url), labtest.OpenURL(t, url)
		clock := labtest.NewClock(time.Now())
		procA := lab.NewService(dbA, lab.Options{Key: labtest.Key, Clock: clock.Now})
		procB := lab.NewService(dbB, lab.Options{Key: labtest.Key, Clock: clock.Now})
		ctx := lab.SystemContext(context.Background(), "(test)")
		codes := labtest.ReceivedSamples(t, dbA, "RC", 10)

		// enter enters one result through B and returns it as the page
		// shows it, or the refusal's code and field.
		enter := func(t *testing.T, code string, in lab.ResultInput) (lab.Result, string) {
			t.Helper()
			page, err := procB.EnterResults(ctx, code, []lab.ResultInput{in})
			if err != nil {
				var e *lab.Error
				if !errors.As(err, &e) || len(e.Fields) != 1 {
					t.Fatalf("enter %+v: %v", in, err)
				}
				return lab.Result{}, e.Fields[0].Field + " " + e.Fields[0].Code
			}
			for _, r := range page.Results {
				if r.AnalyteCode == in.Analyte {
					return r, ""
				}
			}
			t.Fatalf("enter %+v: no such result on the page", in)
			return lab.Result{}, ""
		}
		settings := func(t *testing.T, name string, value int) {
			t.Helper()
			raw, _ := json.Marshal(value)
			if _, err := procA.UpdateSettings(ctx, map[string]json.RawMessage{name: raw}); err != nil {
				t.Fatal(err)
			}
		}

		t.Run("a kit's new cut-offs", func(t *testing.T) {
			if r, refused := enter(t, codes[0], lab.ResultInput{Analyte: "TOXO_IGG", Value: "5"}); refused != "" || r.Interpretation != lab.Positive {
				t.Fatalf("before: %+v %s", r, refused)
			}
			neg, pos := 10.0, 20.0
			if _, err := procA.AddKit(ctx, "TOXO_IGG", lab.NewKit{Kit: "Elecsys Toxo IgG", Unit: "IU/mL",
				NegativeBelow: &neg, PositiveFrom: &pos, EffectiveFrom: "2020-01-01"}); err != nil {
				t.Fatal(err)
			}
			r, refused := enter(t, codes[1], lab.ResultInput{Analyte: "TOXO_IGG", Value: "5"})
			if refused != "" || r.Interpretation != lab.Negative || r.NegativeBelow == nil || *r.NegativeBelow != 10 {
				t.Fatalf("after: %+v %s, want negative by the new cut-offs", r, refused)
			}
		})

		t.Run("a plausible range", func(t *testing.T) {
			if _, refused := enter(t, codes[0], lab.ResultInput{Analyte: "CMV_IGG", Value: "150"}); refused != "" {
				t.Fatalf("before: %s", refused)
			}
			limit := 100.0
			if _, err := procA.SetPlausibleRange(ctx, "CMV_IGG", nil, &limit); err != nil {
				t.Fatal(err)
			}
			if _, refused := enter(t, codes[1], lab.ResultInput{Analyte: "CMV_IGG", Value: "150"}); refused != "results[0].value implausible_value" {
				t.Fatalf("after: %q, want implausible_value", refused)
			}
		})

		t.Run("the lot in use", func(t *testing.T) {
			if r, refused := enter(t, codes[0], lab.ResultInput{Analyte: "HSV_IGG", Value: "0.3"}); refused != "" || r.Lot != labtest.SeedLot {
				t.Fatalf("before: %+v %s", r, refused)
			}
			if _, err := procA.CreateLot(ctx, lab.NewLot{Analyte: "HSV_IGG", Kit: "HSV_IGG", Lot: "NEW1", ExpiresOn: "2099-01-01", InUse: true}); err != nil {
				t.Fatal(err)
			}
			if r, refused := enter(t, codes[1], lab.ResultInput{Analyte: "HSV_IGG", Value: "0.3"}); refused != "" || r.Lot != "NEW1" {
				t.Fatalf("after: %+v %s, want the lot put in use", r, refused)
			}
		})

		t.Run("lot_required", func(t *testing.T) {
			in := lab.ResultInput{Analyte: "RUBV_IGM", Value: "0.1", Lot: "NOPE"}
			if _, refused := enter(t, codes[0], in); refused != "results[0].lot lot_unknown" {
				t.Fatalf("before: %q, want lot_unknown", refused)
			}
			settings(t, "lot_required", 0)
			if r, refused := enter(t, codes[0], in); refused != "" || r.Lot != "NOPE" {
				t.Fatalf("after: %+v %s, want the lot as typed", r, refused)
			}
		})

		t.Run("specimen stability at receipt", func(t *testing.T) {
			// Two tubes drawn three days ago, not yet at the lab.
			old := clock.Now().Add(-72 * time.Hour)
			if err := dbA.Gorm.Exec("UPDATE samples SET status = ?, collected_at = ? WHERE accession IN ?",
				lab.SampleCollected, old, codes[2:4]).Error; err != nil {
				t.Fatal(err)
			}
			if _, receipt, err := procB.ReceiveSample(ctx, codes[2]); err != nil || receipt != lab.Received {
				t.Fatalf("before: %s %v", receipt, err)
			}
			settings(t, "specimen_stability_days", 2)
			if _, receipt, err := procB.ReceiveSample(ctx, codes[3]); err != nil || receipt != lab.RejectedExpired {
				t.Fatalf("after: %s %v, want rejected as expired", receipt, err)
			}
		})

		// send sends one message of one result through B, the analyser
		// found by its sender as the listeners find it, and returns the
		// refusal's reason, or "saved".
		sys := lab.SystemContext(context.Background(), "(hl7)")
		sent := 0
		send := func(t *testing.T, acc, code, value, unit string) string {
			t.Helper()
			an, err := procB.AnalyserBySender(sys, lab.ProtocolHL7, "COBAS^LAB", "COBAS")
			if lab.ErrorCode(err) == lab.CodeNotFound {
				return "unknown sender"
			}
			if err != nil {
				t.Fatal(err)
			}
			sent++
			out, err := procB.ApplyAnalyserResults(sys, an.ID, message(fmt.Sprintf("RC%d", sent), acc, [][3]string{{code, value, unit}}))
			if err != nil {
				t.Fatal(err)
			}
			if out.Refusal != nil {
				return out.Refusal.Reason
			}
			return "saved"
		}
		saved := func(t *testing.T, acc, analyte string) bool {
			t.Helper()
			var n int64
			if err := dbA.Gorm.Model(&lab.Result{}).Where("analyte_code = ? AND sample_id IN (SELECT id FROM samples WHERE accession = ?)",
				analyte, acc).Count(&n).Error; err != nil {
				t.Fatal(err)
			}
			return n == 1
		}
		var analyser *lab.Analyser
		codeMap := func(t *testing.T, codes map[string]string) {
			t.Helper()
			if _, err := procA.UpdateAnalyser(ctx, analyser.ID, lab.AnalyserPatch{CodeMap: codes}); err != nil {
				t.Fatal(err)
			}
		}

		// Each case's "before" holds by the code map the analyser was
		// created with too, so that each fails on its own "after" when
		// its change does not move the version.
		t.Run("a new analyser", func(t *testing.T) {
			if got := send(t, codes[4], "RUB-G", "4", "IU/mL"); got != "unknown sender" {
				t.Fatalf("before: %s, want an unknown sender", got)
			}
			var err error
			if analyser, err = procA.CreateAnalyser(ctx, lab.NewAnalyser{Name: "Cobas", Protocol: lab.ProtocolHL7, SenderID: "COBAS",
				CodeMap: map[string]string{"RUB-G": "RUBV_IGG", "CMV-M": "CMV_IGM", "HSV-M": "HSV_IGM"}}); err != nil {
				t.Fatal(err)
			}
			if got := send(t, codes[4], "RUB-G", "4", "IU/mL"); got != "saved" || !saved(t, codes[4], "RUBV_IGG") {
				t.Fatalf("after: %s, want saved", got)
			}
		})

		t.Run("a code added to the map", func(t *testing.T) {
			if got := send(t, codes[5], "TOXO-M", "1.2", "AU/mL"); got != lab.ReasonUnknownAnalyte {
				t.Fatalf("before: %s, want unknown_analyte", got)
			}
			codeMap(t, map[string]string{"RUB-G": "RUBV_IGG", "CMV-M": "CMV_IGM", "HSV-M": "HSV_IGM", "TOXO-M": "TOXO_IGM"})
			if got := send(t, codes[5], "TOXO-M", "1.2", "AU/mL"); got != "saved" || !saved(t, codes[5], "TOXO_IGM") {
				t.Fatalf("after: %s, want saved", got)
			}
		})

		t.Run("a code mapped to another analyte", func(t *testing.T) {
			if got := send(t, codes[6], "HSV-M", "0.4", "ratio"); got != "saved" || !saved(t, codes[6], "HSV_IGM") {
				t.Fatalf("before: %s, want saved as HSV_IGM", got)
			}
			codeMap(t, map[string]string{"RUB-G": "RUBV_IGG", "CMV-M": "CMV_IGM", "HSV-M": "CMV_IGM", "TOXO-M": "TOXO_IGM"})
			if got := send(t, codes[6], "HSV-M", "0.2", "index"); got != "saved" || !saved(t, codes[6], "CMV_IGM") {
				t.Fatalf("after: %s, want saved as CMV_IGM", got)
			}
		})

		t.Run("a code taken out of the map", func(t *testing.T) {
			if got := send(t, codes[7], "CMV-M", "0.2", "index"); got != "saved" {
				t.Fatalf("before: %s, want saved", got)
			}
			codeMap(t, map[string]string{"RUB-G": "RUBV_IGG", "HSV-M": "CMV_IGM", "TOXO-M": "TOXO_IGM"})
			if got := send(t, codes[8], "CMV-M", "0.2", "index"); got != lab.ReasonUnknownAnalyte {
				t.Fatalf("after: %s, want unknown_analyte", got)
			}
		})

		t.Run("an analyser switched off", func(t *testing.T) {
			if got := send(t, codes[8], "RUB-G", "4", "IU/mL"); got != "saved" {
				t.Fatalf("before: %s, want saved", got)
			}
			off := false
			if _, err := procA.UpdateAnalyser(ctx, analyser.ID, lab.AnalyserPatch{Active: &off}); err != nil {
				t.Fatal(err)
			}
			if got := send(t, codes[9], "RUB-G", "4", "IU/mL"); got != "unknown sender" {
				t.Fatalf("after: %s, want an unknown sender", got)
			}
			// A listener that found it before it was switched off.
			out, err := procB.ApplyAnalyserResults(sys, analyser.ID, message("RC-late", codes[9], [][3]string{{"RUB-G", "4", "IU/mL"}}))
			if err != nil || out.Refusal == nil || out.Refusal.Reason != lab.ReasonInactive || saved(t, codes[9], "RUBV_IGG") {
				t.Fatalf("after, by its id: %+v %v, want analyser_inactive", out, err)
			}
		})
	})
}
