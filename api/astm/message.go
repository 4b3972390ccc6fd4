package astm

import (
	"bytes"
	"fmt"
	"strings"
)

// Message is one E1394 message, H record to L record, as torchlab reads
// it: who sent it, the specimens with their results, and host queries.
// Patient records are skipped: torchlab knows the woman from the
// accession, and an analyser's copy of her name is not needed.
type Message struct {
	Header    Header
	Specimens []Specimen
	Queries   []Query
	// Termination is L-3 (N normal, T sender aborted, and so on).
	Termination string
	// Raw is the message's records as received, each ending with CR.
	Raw string
	// Remote is the peer's network address, set by the server.
	Remote string
}

// Header is what the H record says about the sender.
type Header struct {
	// ControlID is H-3, the message control ID, which few analysers fill.
	ControlID string
	// Sender is H-5's first component, the analyser's name.
	Sender string
	// Password is H-4, the access password, for a Host that wants one.
	Password     string
	Receiver     string // H-10
	ProcessingID string // H-12 (P production, T training, D debugging, Q QC)
	Version      string // H-13
	Timestamp    string // H-14, as sent (YYYYMMDDHHMMSS)
}

// Specimen is an O record with the R records that follow it.
type Specimen struct {
	// Accession is O-3's first component, the specimen ID the host gave
	// (its barcode); when O-3 is empty, O-4's first component (the
	// instrument's own specimen ID).
	Accession string
	// Tests are the analyte codes O-5 names (^^^code, repeated).
	Tests   []string
	Results []Result
	// ReportType is O-26 (F final results, O an order, and so on).
	ReportType string
	Comments   []string
}

// Result is one R record and the C records after it.
type Result struct {
	// Code is R-3's fourth component, the manufacturer's local test code
	// (^^^code); some analysers fill another component instead, so an
	// empty fourth component falls back to the last one that is filled.
	Code string
	// Value is R-4's first component; a value in several components
	// (a number and a grade) keeps only the first, as the lab records one.
	Value     string
	Units     string
	Range     string   // R-6, reference range as sent
	Flags     []string // R-7, abnormal flags (repeats)
	Status    string   // R-9 (F final, C correction, P preliminary, X cannot be done)
	Completed string   // R-13, as sent
	Comments  []string
}

// Query is a Q record: the analyser scanned specimens and asks for their
// orders.
type Query struct {
	// Accessions are Q-3's specimen IDs, one per repeat: the second
	// component (LIS2-A2's computer system specimen ID), or else the third
	// or the first, where some analysers put the barcode.
	Accessions []string
	// Status is Q-13 (O orders only, and so on).
	Status string
}

// parse reads the joined text of a transmission into messages. Records
// end with CR (an LF after it is tolerated); no other control character
// may appear. A new H record starts a new
// message; records after an L and before the next H are ignored, as are
// record types torchlab does not use (M manufacturer, S scientific, P).
func parse(text []byte) ([]Message, error) {
	text = bytes.ReplaceAll(text, []byte{cr, lf}, []byte{cr})
	for i, c := range text {
		if c < 0x20 && c != cr || c == 0x7F {
			return nil, fmt.Errorf("%w: control character 0x%02X at %d", errRecord, c, i)
		}
	}
	var msgs []Message
	var cur *Message
	var d delimiters
	var lastResult *Result
	var lastSpecimen *Specimen
	var rawStart int // where the current message's H record starts in text
	end := 0         // where the current line ends in text, its CR included
	for n, line := range bytes.Split(text, []byte{cr}) {
		end += len(line) + 1
		if len(line) == 0 {
			continue
		}
		if line[0] == 'H' {
			var err error
			if d, err = readDelimiters(line); err != nil {
				return nil, err
			}
			if cur != nil { // a message without its L record
				cur.Raw = rawText(text, rawStart, end-len(line)-1)
			}
			msgs = append(msgs, Message{})
			cur = &msgs[len(msgs)-1]
			lastResult, lastSpecimen = nil, nil
			cur.Header = readHeader(splitRecordFields(line, d))
			rawStart = end - len(line) - 1
			continue
		}
		if cur == nil {
			return nil, fmt.Errorf("%w: record %d comes before any H record", errRecord, n+1)
		}
		r := splitRecordFields(line, d)
		switch line[0] {
		case 'O':
			cur.Specimens = append(cur.Specimens, readOrder(r))
			lastSpecimen = &cur.Specimens[len(cur.Specimens)-1]
			lastResult = nil
		case 'R':
			if lastSpecimen == nil {
				return nil, fmt.Errorf("%w: record %d is a result before any order (O) record", errRecord, n+1)
			}
			lastSpecimen.Results = append(lastSpecimen.Results, readResult(r))
			lastResult = &lastSpecimen.Results[len(lastSpecimen.Results)-1]
		case 'C':
			comment := readComment(r)
			switch {
			case comment == "":
			case lastResult != nil:
				lastResult.Comments = append(lastResult.Comments, comment)
			case lastSpecimen != nil:
				lastSpecimen.Comments = append(lastSpecimen.Comments, comment)
			}
		case 'Q':
			cur.Queries = append(cur.Queries, readQuery(r))
		case 'P':
			// A new patient: the records that follow belong to new orders.
			lastSpecimen, lastResult = nil, nil
		case 'L':
			cur.Termination = r.first(3)
			cur.Raw = rawText(text, rawStart, end)
			cur = nil
		}
	}
	if cur != nil {
		cur.Raw = rawText(text, rawStart, end)
	}
	if len(msgs) == 0 {
		return nil, fmt.Errorf("%w: no H record", errRecord)
	}
	return msgs, nil
}

func readHeader(r record) Header {
	return Header{
		ControlID:    r.first(3),
		Sender:       r.first(5),
		Password:     r.first(4),
		Receiver:     r.first(10),
		ProcessingID: r.first(12),
		Version:      r.first(13),
		Timestamp:    r.first(14),
	}
}

func readOrder(r record) Specimen {
	s := Specimen{Accession: r.first(3), ReportType: r.first(26)}
	if s.Accession == "" {
		s.Accession = r.first(4)
	}
	for _, rep := range r.repeats(5) {
		if code := testCode(r, rep); code != "" {
			s.Tests = append(s.Tests, code)
		}
	}
	return s
}

// testCode reads a universal test ID (^^^code): the fourth component, or
// the last one filled.
func testCode(r record, id []byte) string {
	if code := r.component(id, 4); code != "" {
		return code
	}
	parts := bytes.Split(id, []byte{r.d.Component})
	for i := len(parts); i >= 1; i-- {
		if code := r.component(id, i); code != "" {
			return code
		}
	}
	return ""
}

func readResult(r record) Result {
	res := Result{
		Code:      testCode(r, r.raw(3)),
		Value:     r.first(4),
		Units:     r.first(5),
		Range:     r.text(6),
		Status:    r.first(9),
		Completed: r.first(13),
	}
	for _, rep := range r.repeats(7) {
		if flag := r.component(rep, 1); flag != "" {
			res.Flags = append(res.Flags, flag)
		}
	}
	return res
}

// readComment is C-4, its components joined by spaces.
func readComment(r record) string {
	var parts []string
	for _, rep := range r.repeats(4) {
		for _, c := range bytes.Split(rep, []byte{r.d.Component}) {
			if t := strings.TrimSpace(r.d.unescape(c)); t != "" {
				parts = append(parts, t)
			}
		}
	}
	return strings.Join(parts, " ")
}

func readQuery(r record) Query {
	q := Query{Status: r.first(13)}
	for _, rep := range r.repeats(3) {
		id := r.component(rep, 2)
		for _, c := range []int{3, 1} {
			if id == "" {
				id = r.component(rep, c)
			}
		}
		if id != "" && id != "ALL" {
			q.Accessions = append(q.Accessions, id)
		}
	}
	return q
}

// rawText is text[start:end], the last CR included when the text has it.
func rawText(text []byte, start, end int) string {
	return string(text[start:min(end, len(text))])
}
