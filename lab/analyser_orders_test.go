package lab_test

import (
	"context"
	"reflect"
	"testing"

	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// A host query names the panel's analytes without a result, in the
// analyser's codes; nothing for a tube that cannot take results or an
// analyser switched off; and only torchlab's listeners may ask.
func TestAnalyserOrdersForAHostQuery(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		w := newAnalyserWorld(t, d, 1)
		acc := w.samples[0]
		orders, err := w.svc.AnalyserOrders(w.sys, w.analyser.ID, acc)
		want := []string{"CMV-G", "CMV-M", "HSV-G", "HSV-M", "RUB-G", "RUB-M", "TOXO-G", "TOXO-M"}
		if err != nil || !reflect.DeepEqual(orders, want) {
			t.Fatalf("orders %q %v, want %q", orders, err, want)
		}
		out, err := w.svc.ApplyAnalyserResults(w.sys, w.analyser.ID, message("C1", acc, torch8Values[:2]))
		if err != nil || out.Ack != lab.AckAccepted {
			t.Fatalf("%+v %v", out, err)
		}
		if orders, _ := w.svc.AnalyserOrders(w.sys, w.analyser.ID, acc); !reflect.DeepEqual(orders, want[:6]) {
			t.Fatalf("orders once TOXO has results: %q", orders)
		}
		for _, a := range []string{"NOT-AN-ACCESSION", ""} {
			if orders, err := w.svc.AnalyserOrders(w.sys, w.analyser.ID, a); err != nil || len(orders) != 0 {
				t.Fatalf("%q: %q %v", a, orders, err)
			}
		}
		tech := lab.WithActor(context.Background(), lab.Actor{UserID: 2, Username: "tech", Role: lab.RoleLabTech})
		if _, err := w.svc.AnalyserOrders(tech, w.analyser.ID, acc); lab.ErrorCode(err) != lab.CodeForbidden {
			t.Fatalf("a technician asking: %v", err)
		}
		if _, err := w.svc.AnalyserOrders(w.sys, 999, acc); lab.ErrorCode(err) != lab.CodeNotFound {
			t.Fatalf("an unknown analyser: %v", err)
		}
		admin := lab.WithActor(context.Background(), lab.Actor{UserID: 1, Username: "admin", Role: lab.RoleAdmin})
		off := false
		if _, err := w.svc.UpdateAnalyser(admin, w.analyser.ID, lab.AnalyserPatch{Active: &off}); err != nil {
			t.Fatal(err)
		}
		if orders, err := w.svc.AnalyserOrders(w.sys, w.analyser.ID, acc); err != nil || len(orders) != 0 {
			t.Fatalf("an analyser switched off: %q %v", orders, err)
		}
	})
}
