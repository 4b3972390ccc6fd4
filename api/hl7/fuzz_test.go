package hl7_test

import (
	"os"
	"testing"
	"time"

	"torchlab/api/hl7"
	"torchlab/lab"
)

// FuzzParseHL7: no input makes the parser, the ORU reader or the ACK
// panic, and every ACK is itself a message the parser reads back, whose
// MSA names an acknowledgement code.
func FuzzParseHL7(f *testing.F) {
	if nist, err := os.ReadFile("testdata/nist-oru-r01-case1.hl7"); err == nil {
		f.Add(nist)
	}
	f.Add([]byte("MSH|^~\\&|A|B|||20260101||ORU^R01|1|P|2.5.1\rOBR|1||100000003\rOBX|1|SN|X^Y^LN^Z||<^0.5|IU/mL|\\S\\1\\X41\\|H~L|||F\rSPM|1|A&B^C"))
	f.Add([]byte("MSH#$%*@#A#B"))
	f.Add([]byte("MSH|^~\\&"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		m, err := hl7.Parse(raw)
		var ack []byte
		if err != nil {
			ack = hl7.ACK(nil, lab.AckRejected, &lab.InterfaceError{Reason: lab.ReasonMalformed, Detail: err.Error(), Reject: true}, time.Unix(0, 0), "1")
		} else {
			msg := hl7.ORU(m, string(raw))
			code := lab.AckAccepted
			if msg.Refusal != nil {
				code = msg.Refusal.Ack()
			}
			ack = hl7.ACK(m, code, msg.Refusal, time.Unix(0, 0), "1")
		}
		back, err := hl7.Parse(ack)
		if err != nil {
			t.Fatalf("the ACK %q does not parse: %v", ack, err)
		}
		if len(back.Segments) < 2 || back.Segments[1].Name != "MSA" {
			t.Fatalf("the ACK %q has no MSA", ack)
		}
		switch back.Segments[1].Raw(1) {
		case lab.AckAccepted, lab.AckError, lab.AckRejected:
		default:
			t.Fatalf("the ACK %q names no acknowledgement code", ack)
		}
	})
}
