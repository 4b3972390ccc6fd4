package hl7_test

import (
	"bytes"
	"io"
	"net"
	"testing"
	"time"

	"torchlab/api/hl7"
	"torchlab/lab"
	"torchlab/migrations"
)

// The delimiters are the message's own (MSH-1, MSH-2), and escapes are
// decoded with them.
func TestParseHonoursTheMessagesDelimiters(t *testing.T) {
	raw := "MSH#$%*@#APP$X#FAC#####ORU$R01#X1#P#2.5.1\n" +
		"OBR#1##100000003$LAB\n" +
		"OBX#1#NM#TOXO-G$Toxo$L$8039-0##1.5#IU/mL#lo*F*hi*S*x*E**T**XC2B1*#H%L###F\n" +
		"OBX#2#SN#TOXO-M##<$0.5#AU/mL\n" +
		"OBX#3#CWE#TOXO-M##260385009$Negative$SCT\n"
	m, err := hl7.Parse([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	h := hl7.ReadHeader(m)
	if h.Type != "ORU^R01" || h.ControlID != "X1" || len(h.Senders) != 3 || h.Senders[0] != "APP^FAC" {
		t.Fatalf("header %+v", h)
	}
	msg := hl7.ORU(m, raw)
	if msg.Refusal != nil || len(msg.Results) != 3 {
		t.Fatalf("%+v %+v", msg, msg.Refusal)
	}
	r := msg.Results[0]
	if r.Accession != "100000003" || r.Code != "TOXO-G" || r.AltCode != "8039-0" || r.Value != "1.5" || r.Unit != "IU/mL" ||
		r.ReferenceRange != "lo#hi$x*@±" || r.AbnormalFlags != "H,L" || r.ValueAt.String() != "OBX-5" {
		t.Fatalf("first result %+v", r)
	}
	if v := msg.Results[1].Value; v != "<0.5" {
		t.Fatalf("SN value %q", v)
	}
	if q := msg.Results[2].Qualitative; q != "negative" || msg.Results[2].ValueAt.String() != "OBX[3]-5" {
		t.Fatalf("coded value %+v", msg.Results[2])
	}
	ack := string(hl7.ACK(m, lab.AckError, &lab.InterfaceError{Reason: lab.ReasonInvalidValue, Detail: "a#b$c", At: r.ValueAt}, time.Unix(0, 0), "A1"))
	if want := "ERR##OBX$1$5#102$Data type error$HL70357#E####invalid_value: a*F*b*S*c"; !bytes.Contains([]byte(ack), []byte(want)) {
		t.Fatalf("ACK %q lacks %q", ack, want)
	}
	for _, bad := range []string{"", "PID|1", "MSH|^~", "MSH|^^\\&|A", "MSH|^~\\&|A\rMSH|^~\\&|B", "MSH|^~\\&|A\rob|1"} {
		if _, err := hl7.Parse([]byte(bad)); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}

// A message over the size limit is answered AR and its connection closed.
func TestTooLargeMessageIsRefused(t *testing.T) {
	w := newWorld(t, migrations.SQLite, 1, hl7.Config{MaxMessageBytes: 200})
	conn, err := net.Dial("tcp", w.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	big := "MSH|^~\\&|MAGLUMI|LAB|||20260302||ORU^R01|BIG|P|2.5.1\r" + string(bytes.Repeat([]byte("NTE|1||x\r"), 50))
	conn.Write([]byte("\x0b" + big + "\x1c\r"))
	answer, _ := io.ReadAll(conn) // the listener closes the connection after its answer
	if !bytes.Contains(answer, []byte("MSA|AR|")) || !bytes.Contains(answer, []byte("over 200 bytes")) {
		t.Fatalf("answer %q", answer)
	}
	if got := value(t, w.metrics.Closed); got != 1 {
		t.Fatalf("%v connections cut, want 1", got)
	}
}
