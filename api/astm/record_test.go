package astm

import (
	"bufio"
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestEscapeSequencesAndDeclaredDelimiters(t *testing.T) {
	// Delimiters as the Meril AutoQuant declares them (repeat `), and a
	// query naming several tubes in the forms published for it.
	text := "H|`^&||||||||||P|E 1394-97|20100705071134\r" +
		"Q|1|^020100030279`020100030321|||S|||||||O\r" +
		"O|1|A&F&1&S&2||^^^GLU`^^^UREA|R\r" +
		"R|1|^^^GLU|5&E&1&X41&|mmol/L|3.9^6.1|H`A||F\r" +
		"C|1|I|sample &S& lipaemic &Q&|G\r" +
		"L|1|N\r"
	msgs, err := parse([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	m := msgs[0]
	if !reflect.DeepEqual(m.Queries[0].Accessions, []string{"020100030279", "020100030321"}) || m.Queries[0].Status != "O" {
		t.Fatalf("query %+v", m.Queries)
	}
	sp := m.Specimens[0]
	if sp.Accession != "A|1^2" || !reflect.DeepEqual(sp.Tests, []string{"GLU", "UREA"}) {
		t.Fatalf("specimen %+v", sp)
	}
	r := sp.Results[0]
	if r.Value != "5&1A" || r.Range != "3.9^6.1" || !reflect.DeepEqual(r.Flags, []string{"H", "A"}) {
		t.Fatalf("result %+v", r)
	}
	if !reflect.DeepEqual(r.Comments, []string{"sample ^ lipaemic &Q&"}) {
		t.Fatalf("comment %q: an unknown escape is kept as sent", r.Comments)
	}
}

func TestHexEscapeCannotCarryControlCharacters(t *testing.T) {
	msgs, err := parse([]byte("H|\\^&\rO|1|X||\rR|1|^^^A|&X0D0A&1\rL|1|N\r"))
	if err != nil {
		t.Fatal(err)
	}
	if v := msgs[0].Specimens[0].Results[0].Value; v != "&X0D0A&1" {
		t.Fatalf("value %q", v)
	}
}

func TestMessagesThatCannotBeRead(t *testing.T) {
	for name, text := range map[string]string{
		"no H record":           "P|1\rL|1|N\r",
		"result before order":   "H|\\^&\rR|1|^^^A|1\rL|1|N\r",
		"letters as delimiters": "HABCD\rL|1|N\r",
		"a delimiter twice":     "H||^&\rL|1|N\r",
		"empty":                 "",
	} {
		if _, err := parse([]byte(text)); !errors.Is(err, errRecord) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestTwoMessagesInOneTransmission(t *testing.T) {
	msgs, err := parse([]byte("H|\\^&|||A\rO|1|S1\rR|1|^^^X|1\rL|1|N\rH|\\^&|||B\rO|1|S2\rR|1|^^^Y|2\rL|1|N\r"))
	if err != nil || len(msgs) != 2 || msgs[1].Header.Sender != "B" || msgs[1].Specimens[0].Results[0].Code != "Y" {
		t.Fatalf("%+v %v", msgs, err)
	}
	if msgs[0].Raw != "H|\\^&|||A\rO|1|S1\rR|1|^^^X|1\rL|1|N\r" || msgs[1].Raw != "H|\\^&|||B\rO|1|S2\rR|1|^^^Y|2\rL|1|N\r" {
		t.Fatalf("raw texts %q, %q", msgs[0].Raw, msgs[1].Raw)
	}
	// Without L records, each message still keeps its own records.
	msgs, err = parse([]byte("H|\\^&|||A\rO|1|S1\rH|\\^&|||B\rO|1|S2"))
	if err != nil || msgs[0].Raw != "H|\\^&|||A\rO|1|S1\r" || msgs[1].Raw != "H|\\^&|||B\rO|1|S2" {
		t.Fatalf("raw texts %+v %v", msgs, err)
	}
}

func TestLongAnswerRecordIsSplitIntoIntermediateFrames(t *testing.T) {
	var orders []Order
	for i := range 40 {
		orders = append(orders, Order{Code: "T" + strings.Repeat("x", i%7) + "^|"})
	}
	recs := answerRecords("torchlab", "AN", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), []QueryAnswer{{Accession: "A1", Orders: orders}})
	o := recs[2]
	if len(o) <= maxFrameText {
		t.Fatalf("the O record should need several frames: %d characters", len(o))
	}
	frames := splitRecord(o, 3)
	var joined []byte
	for i, f := range frames {
		if f.Final != (i == len(frames)-1) || len(f.Text) > maxFrameText || f.Number != (3+i)%8 {
			t.Fatalf("frame %d: %d characters, final %v, number %d", i, len(f.Text), f.Final, f.Number)
		}
		wire := encodeFrame(f)
		r := bufio.NewReader(bytes.NewReader(wire[1:]))
		back, err := readFrameBody(r, 1000)
		if err != nil || !reflect.DeepEqual(back, f) {
			t.Fatalf("frame %d does not read back: %v", i, err)
		}
		joined = append(joined, f.Text...)
	}
	msgs, err := parse(bytes.Join(recs, nil))
	if err != nil || !bytes.Equal(joined, o) {
		t.Fatal(err)
	}
	got := msgs[0].Specimens[0].Tests
	if len(got) != len(orders) || got[5] != orders[5].Code {
		t.Fatalf("the codes do not read back through their escapes: %q", got)
	}
}
