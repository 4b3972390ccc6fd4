package lab_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"torchlab/lab"
	"torchlab/lab/labtest"
	"torchlab/migrations"
)

// torch8Values are a result for every analyte of the TORCH8 panel, in the
// kit's units, by the analyser's own test codes (torch8Codes).
var torch8Values = [][3]string{
	{"TOXO-G", "0.4", "IU/mL"}, {"TOXO-M", "1.2", "AU/mL"}, {"RUB-G", "4", "IU/mL"}, {"RUB-M", "0.3", "index"},
	{"CMV-G", "2", "AU/mL"}, {"CMV-M", "0.2", "index"}, {"HSV-G", "0.3", "index"}, {"HSV-M", "0.4", "ratio"},
}

var torch8Codes = map[string]string{
	"TOXO-G": "TOXO_IGG", "toxo-m": "TOXO_IGM", "RUB-G": "RUBV_IGG", "RUB-M": "RUBV_IGM",
	"CMV-G": "CMV_IGG", "CMV-M": "CMV_IGM", "HSV-G": "HSV_IGG", "HSV-M": "HSV_IGM",
}

type analyserWorld struct {
	svc      *lab.Service
	db       *lab.DB
	sys      context.Context
	analyser *lab.Analyser
	samples  []string
}

func newAnalyserWorld(t *testing.T, d migrations.Dialect, samples int) *analyserWorld {
	t.Helper()
	db := labtest.Open(t, d)
	w := &analyserWorld{db: db, svc: lab.NewService(db, lab.Options{Key: labtest.Key, BcryptCost: bcrypt.MinCost}),
		sys: lab.SystemContext(context.Background(), "(hl7)")}
	w.samples = labtest.ReceivedSamples(t, db, "STA", samples)
	admin := lab.WithActor(context.Background(), lab.Actor{UserID: 1, Username: "admin", Role: lab.RoleAdmin})
	var err error
	w.analyser, err = w.svc.CreateAnalyser(admin, lab.NewAnalyser{Name: "Cobas e411", Protocol: lab.ProtocolHL7, SenderID: "COBAS", CodeMap: torch8Codes})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// message is an ORU of the given results of one sample.
func message(control, accession string, values [][3]string) lab.InterfaceMessage {
	m := lab.InterfaceMessage{Protocol: lab.ProtocolHL7, ControlID: control, Raw: "MSH|^~\\&|COBAS|" + control}
	for i, v := range values {
		m.Results = append(m.Results, lab.InterfaceResult{
			Accession: accession, AccessionAt: lab.FieldRef{Segment: "OBR", Sequence: 1, Field: 3},
			Code: v[0], CodeAt: lab.FieldRef{Segment: "OBX", Sequence: i + 1, Field: 3},
			Value: v[1], ValueAt: lab.FieldRef{Segment: "OBX", Sequence: i + 1, Field: 5},
			Unit: v[2], UnitAt: lab.FieldRef{Segment: "OBX", Sequence: i + 1, Field: 6},
			ReferenceRange: "<1", AbnormalFlags: "N",
		})
	}
	return m
}

func (w *analyserWorld) results(t *testing.T) (n int64) {
	t.Helper()
	if err := w.db.Gorm.Model(&lab.Result{}).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// A message is applied whole or not at all, and a refusal names the
// segment and field and why.
func TestAnalyserMessageAllOrNothing(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		w := newAnalyserWorld(t, d, 2)
		acc := w.samples[0]
		bad := append([][3]string{}, torch8Values...)
		bad[3] = [3]string{"RUB-M", "1,2", "index"} // a comma is not a decimal point
		cases := []struct {
			name   string
			msg    lab.InterfaceMessage
			reason string
			at     string
			ack    string
		}{
			{"bad value", message("M1", acc, bad), lab.ReasonInvalidValue, "OBX[4]-5", lab.AckError},
			{"implausible", message("M2", acc, [][3]string{{"TOXO-G", "99999", "IU/mL"}}), lab.ReasonImplausible, "OBX-5", lab.AckError},
			{"unknown code", message("M3", acc, [][3]string{{"XYZ", "1", ""}}), lab.ReasonUnknownAnalyte, "OBX-3", lab.AckError},
			{"check character", message("M4", acc[:8]+"0", torch8Values[:1]), lab.ReasonBadAccession, "OBR-3", lab.AckError},
			{"unknown sample", message("M5", "00000000"+"0", torch8Values[:1]), lab.ReasonBadAccession, "OBR-3", lab.AckError},
			{"no control id", message("", acc, torch8Values), lab.ReasonNoControlID, "", lab.AckRejected},
		}
		for _, c := range cases {
			out, err := w.svc.ApplyAnalyserResults(w.sys, w.analyser.ID, c.msg)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if out.Ack != c.ack || out.Refusal == nil || out.Refusal.Reason != c.reason || out.Refusal.At.String() != c.at {
				t.Errorf("%s: got %+v %+v, want %s %s at %s", c.name, out, out.Refusal, c.ack, c.reason, c.at)
			}
		}
		if n := w.results(t); n != 0 {
			t.Fatalf("%d results saved from refused messages", n)
		}
		out, err := w.svc.ApplyAnalyserResults(w.sys, w.analyser.ID, message("M1", acc, torch8Values))
		if err != nil || out.Ack != lab.AckAccepted || out.Saved != 8 || out.Duplicate {
			t.Fatalf("good message (a refused control id sent again, corrected): %+v %v", out, err)
		}
		var r lab.Result
		if err := w.db.Gorm.Where("analyte_code = ?", "TOXO_IGG").First(&r).Error; err != nil {
			t.Fatal(err)
		}
		if r.EnteredBy == nil || *r.EnteredBy != w.analyser.UserID || r.State != lab.ResultEntered || r.ReferenceRange != "<1" || r.AbnormalFlags != "N" {
			t.Fatalf("result not entered by the analyser as sent: %+v", r)
		}
		tech := lab.WithActor(context.Background(), lab.Actor{UserID: 1, Username: "admin", Role: lab.RoleAdmin})
		list, err := w.svc.InterfaceMessages(tech, w.analyser.ID, lab.InterfaceMessageFilter{})
		if err != nil {
			t.Fatal(err)
		}
		acks := map[string]int{}
		for _, m := range list.Items {
			acks[m.Ack]++
		}
		// M1 is one row, rewritten when accepted.
		if len(list.Items) != 6 || acks["AA"] != 1 || acks["AE"] != 4 || acks["AR"] != 1 {
			t.Fatalf("kept messages: %v of %d", acks, len(list.Items))
		}
	})
}

// An analyser's user enters but can never verify or sign in: nothing from
// an interface is released without a technician's four eyes.
func TestAnalyserUserCannotVerifyOrSignIn(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		w := newAnalyserWorld(t, d, 1)
		acc := w.samples[0]
		if out, err := w.svc.ApplyAnalyserResults(w.sys, w.analyser.ID, message("V1", acc, torch8Values)); err != nil || out.Ack != lab.AckAccepted {
			t.Fatalf("%+v %v", out, err)
		}
		as := lab.WithActor(context.Background(), lab.Actor{UserID: w.analyser.UserID, Username: w.analyser.Username, Role: lab.RoleAnalyser})
		_, err := w.svc.Verify(as, acc, lab.VerifyOptions{AcknowledgeAbnormal: true, AcknowledgeDelta: true})
		if lab.ErrorCode(err) != lab.CodeForbidden {
			t.Fatalf("the analyser verified its own results: %v", err)
		}
		if _, err := w.svc.Login(w.sys, w.analyser.Username, "anything at all", "test"); lab.ErrorCode(err) != lab.CodeInvalidCredentials {
			t.Fatalf("the analyser's user signed in: %v", err)
		}
		admin := lab.WithActor(context.Background(), lab.Actor{UserID: 1, Username: "admin", Role: lab.RoleAdmin})
		role := lab.RoleLabTech
		if _, err := w.svc.UpdateUser(admin, w.analyser.UserID, lab.UserPatch{Role: &role}); lab.ErrorCode(err) != lab.CodeForbidden {
			t.Fatalf("the analyser's user was made a technician: %v", err)
		}
		var sm lab.Sample
		if err := w.db.Gorm.Where("accession = ?", acc).First(&sm).Error; err != nil {
			t.Fatal(err)
		}
		if sm.Status != lab.SampleResulted {
			t.Fatalf("sample is %s, want resulted (waiting for verification)", sm.Status)
		}
		tech, err := w.svc.CreateUser(admin, lab.NewUser{Username: "tech1", Password: "correct horse 1", Role: lab.RoleLabTech})
		if err != nil {
			t.Fatal(err)
		}
		techCtx := lab.WithActor(context.Background(), lab.Actor{UserID: tech.ID, Username: tech.Username, Role: lab.RoleLabTech})
		if _, err := w.svc.Verify(techCtx, acc, lab.VerifyOptions{AcknowledgeAbnormal: true, AcknowledgeDelta: true}); err != nil {
			t.Fatalf("a technician could not verify the analyser's results: %v", err)
		}
	})
}

// A control id accepted before is answered AA again and applied once,
// also when the same message arrives twice at the same moment.
func TestAnalyserRepeatedControlIDAppliedOnce(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		w := newAnalyserWorld(t, d, 6)
		first, err := w.svc.ApplyAnalyserResults(w.sys, w.analyser.ID, message("R1", w.samples[0], torch8Values[:2]))
		if err != nil || first.Ack != lab.AckAccepted || first.Duplicate {
			t.Fatalf("%+v %v", first, err)
		}
		again, err := w.svc.ApplyAnalyserResults(w.sys, w.analyser.ID, message("R1", w.samples[0], torch8Values[:2]))
		if err != nil || again.Ack != lab.AckAccepted || !again.Duplicate || again.MessageID != first.MessageID {
			t.Fatalf("repeat: %+v %v", again, err)
		}
		if n := w.results(t); n != 2 {
			t.Fatalf("%d results, want 2", n)
		}
		// The same messages twice at once, for five samples.
		for i, acc := range w.samples[1:] {
			msg := message(fmt.Sprintf("C%d", i), acc, torch8Values[:3])
			var wg sync.WaitGroup
			outs := make([]*lab.InterfaceOutcome, 2)
			errs := make([]error, 2)
			for k := range outs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					outs[k], errs[k] = w.svc.ApplyAnalyserResults(w.sys, w.analyser.ID, msg)
				}()
			}
			wg.Wait()
			dups := 0
			for k := range outs {
				if errs[k] != nil || outs[k].Ack != lab.AckAccepted {
					t.Fatalf("at once: %+v %v", outs[k], errs[k])
				}
				if outs[k].Duplicate {
					dups++
				}
			}
			if dups != 1 {
				t.Fatalf("%d of 2 identical messages counted as repeats, want 1", dups)
			}
		}
		var rows, entered int64
		w.db.Gorm.Table("interface_messages").Count(&rows)
		w.db.Gorm.Model(&lab.Result{}).Where("state = ?", lab.ResultEntered).Count(&entered)
		if rows != 6 || entered != 2+5*3 || w.results(t) != entered {
			t.Fatalf("%d messages kept (want 6), %d results entered (want 17), %d rows", rows, entered, w.results(t))
		}
	})
}

// The sender is found as the table compared it on MySQL (case aside),
// and an analyser switched off is refused from the next message on in the
// process that switched it off, whether found by its sender or by its id.
func TestAnalyserSwitchedOffRefusedAtOnce(t *testing.T) {
	labtest.EachDialect(t, func(t *testing.T, d migrations.Dialect) {
		w := newAnalyserWorld(t, d, 2)
		for _, sender := range []string{"COBAS", "cobas"} {
			if an, err := w.svc.AnalyserBySender(w.sys, lab.ProtocolHL7, "X^Y", sender); err != nil || an.ID != w.analyser.ID || an.CodeMap["TOXO-G"] != "TOXO_IGG" {
				t.Fatalf("%s: %+v %v", sender, an, err)
			}
		}
		if _, err := w.svc.AnalyserBySender(w.sys, lab.ProtocolASTM, "COBAS"); lab.ErrorCode(err) != lab.CodeNotFound {
			t.Fatalf("another protocol: %v", err)
		}
		if out, err := w.svc.ApplyAnalyserResults(w.sys, w.analyser.ID, message("ON", w.samples[0], torch8Values[:1])); err != nil || out.Ack != lab.AckAccepted {
			t.Fatalf("switched on: %+v %v", out, err)
		}
		admin := lab.WithActor(context.Background(), lab.Actor{UserID: 1, Username: "admin", Role: lab.RoleAdmin})
		off := false
		if _, err := w.svc.UpdateAnalyser(admin, w.analyser.ID, lab.AnalyserPatch{Active: &off}); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.AnalyserBySender(w.sys, lab.ProtocolHL7, "COBAS"); lab.ErrorCode(err) != lab.CodeNotFound {
			t.Fatalf("switched off, by its sender: %v", err)
		}
		out, err := w.svc.ApplyAnalyserResults(w.sys, w.analyser.ID, message("OFF", w.samples[1], torch8Values[:1]))
		if err != nil || out.Refusal == nil || out.Refusal.Reason != lab.ReasonInactive || w.results(t) != 1 {
			t.Fatalf("switched off, by its id: %+v %v", out, err)
		}
		if _, err := w.svc.ApplyAnalyserResults(w.sys, 999, message("NONE", w.samples[1], torch8Values[:1])); lab.ErrorCode(err) != lab.CodeNotFound {
			t.Fatalf("an unknown analyser: %v", err)
		}
	})
}

// Messages are kept 30 days: the daily job deletes older ones and leaves
// the results they brought.
func TestInterfaceMessagesPrunedAfter30Days(t *testing.T) {
	db := labtest.Open(t, migrations.SQLite)
	clock := labtest.NewClock(time.Now())
	svc := lab.NewService(db, lab.Options{Key: labtest.Key, Clock: clock.Now})
	samples := labtest.ReceivedSamples(t, db, "STA", 2)
	admin := lab.WithActor(context.Background(), lab.Actor{UserID: 1, Username: "admin", Role: lab.RoleAdmin})
	an, err := svc.CreateAnalyser(admin, lab.NewAnalyser{Name: "A", Protocol: lab.ProtocolHL7, SenderID: "A", CodeMap: torch8Codes})
	if err != nil {
		t.Fatal(err)
	}
	sys := lab.SystemContext(context.Background(), "(hl7)")
	if _, err := svc.ApplyAnalyserResults(sys, an.ID, message("OLD", samples[0], torch8Values[:1])); err != nil {
		t.Fatal(err)
	}
	clock.Advance(29 * 24 * time.Hour)
	if _, err := svc.ApplyAnalyserResults(sys, an.ID, message("NEW", samples[1], torch8Values[:1])); err != nil {
		t.Fatal(err)
	}
	clock.Advance(2 * 24 * time.Hour)
	n, err := svc.PruneInterfaceMessages(context.Background())
	if err != nil || n != 1 {
		t.Fatalf("pruned %d, %v; want 1", n, err)
	}
	list, err := svc.InterfaceMessages(admin, an.ID, lab.InterfaceMessageFilter{})
	if err != nil || len(list.Items) != 1 || list.Items[0].ControlID != "NEW" {
		t.Fatalf("kept %+v %v", list.Items, err)
	}
	var results int64
	db.Gorm.Model(&lab.Result{}).Count(&results)
	if results != 2 {
		t.Fatalf("%d results after pruning, want 2", results)
	}
}
