// Package hl7 receives analysers' results as HL7 v2.5.1 ORU^R01 messages
// over MLLP, and answers each with an ACK. It knows framing and syntax
// only: what a result means is lab.Service.ApplyAnalyserResults's.
package hl7

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Delimiters are a message's encoding characters, read from MSH-1 and
// MSH-2 (usually | and ^~\&).
type Delimiters struct {
	Field, Component, Repetition, Escape, Subcomponent byte
}

// Segment is one segment: its fields as sent, escapes not yet decoded.
// Fields[0] is the segment's name; for MSH, Fields[1] is MSH-1 (the field
// separator) and Fields[2] MSH-2, so that Fields[n] is always field n.
type Segment struct {
	Name   string
	Fields []string
}

// Message is a parsed HL7 v2 message.
type Message struct {
	Delims   Delimiters
	Segments []Segment
}

// ParseError says where a message breaks the syntax.
type ParseError struct {
	Segment string
	Index   int // position among the message's segments, 1 for MSH
	Field   int
	Reason  string
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("segment %d (%s) field %d: %s", e.Index, e.Segment, e.Field, e.Reason)
}

// Bounds of what is parsed, so that a hostile message costs little.
const (
	maxSegments = 2000
	maxFields   = 300
)

// Parse reads a message: segments separated by CR (LF and CRLF are
// taken too, as many analysers send them), the first one MSH, whose MSH-1
// and MSH-2 give the delimiters. Fields are kept as sent; Field, Component
// and Text decode them.
func Parse(raw []byte) (*Message, error) {
	if !utf8.Valid(raw) {
		return nil, &ParseError{Segment: "MSH", Index: 1, Reason: "the message is not UTF-8 text"}
	}
	if len(raw) < 8 || string(raw[:3]) != "MSH" {
		return nil, &ParseError{Segment: "MSH", Index: 1, Reason: "a message starts with MSH"}
	}
	d := Delimiters{Field: raw[3]}
	enc := raw[4:]
	if i := bytes.IndexByte(enc, d.Field); i >= 0 {
		enc = enc[:i]
	} else {
		return nil, &ParseError{Segment: "MSH", Index: 1, Field: 2, Reason: "MSH-2 is not followed by a field separator"}
	}
	if len(enc) < 4 || len(enc) > 5 {
		return nil, &ParseError{Segment: "MSH", Index: 1, Field: 2, Reason: "MSH-2 must hold 4 encoding characters (such as ^~\\&)"}
	}
	d.Component, d.Repetition, d.Escape, d.Subcomponent = enc[0], enc[1], enc[2], enc[3]
	seen := map[byte]bool{}
	for _, c := range []byte{d.Field, d.Component, d.Repetition, d.Escape, d.Subcomponent} {
		if seen[c] || c < 0x21 || c > 0x7e || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') {
			return nil, &ParseError{Segment: "MSH", Index: 1, Field: 2, Reason: "the delimiters must be distinct punctuation characters"}
		}
		seen[c] = true
	}
	text := strings.ReplaceAll(strings.ReplaceAll(string(raw), "\r\n", "\r"), "\n", "\r")
	m := &Message{Delims: d}
	fs := string(d.Field)
	for i, line := range strings.Split(text, "\r") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		if len(m.Segments) >= maxSegments {
			return nil, &ParseError{Segment: "?", Index: i + 1, Reason: fmt.Sprintf("more than %d segments", maxSegments)}
		}
		name := line
		if j := strings.IndexByte(line, d.Field); j >= 0 {
			name = line[:j]
		}
		if !segmentName(name) {
			return nil, &ParseError{Segment: truncate(name, 8), Index: len(m.Segments) + 1, Reason: "a segment starts with its three-character name"}
		}
		var fields []string
		if name == "MSH" {
			rest := line[3:]
			if len(m.Segments) > 0 {
				return nil, &ParseError{Segment: "MSH", Index: len(m.Segments) + 1, Reason: "a second MSH: one message at a time"}
			}
			// MSH-1 is the separator itself, MSH-2 the encoding characters.
			parts := strings.Split(rest[1:], fs)
			fields = append([]string{"MSH", fs}, parts...)
		} else {
			fields = strings.Split(line, fs)
		}
		if len(fields) > maxFields {
			return nil, &ParseError{Segment: name, Index: len(m.Segments) + 1, Reason: fmt.Sprintf("more than %d fields", maxFields)}
		}
		m.Segments = append(m.Segments, Segment{Name: name, Fields: fields})
	}
	return m, nil
}

func segmentName(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z') && !(i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// Raw returns field n as sent (escapes not decoded); "" when absent.
func (s Segment) Raw(n int) string {
	if n < len(s.Fields) && n >= 0 {
		return s.Fields[n]
	}
	return ""
}

// Component returns component c (from 1) of the first repetition of
// field n, subcomponents and escapes decoded (subcomponents kept with
// their separator replaced by &). MSH-1 and MSH-2 are returned as sent.
func (m *Message) Component(s Segment, n, c int) string {
	raw := s.Raw(n)
	if s.Name == "MSH" && n <= 2 {
		return raw
	}
	if i := strings.IndexByte(raw, m.Delims.Repetition); i >= 0 {
		raw = raw[:i]
	}
	parts := strings.Split(raw, string(m.Delims.Component))
	if c < 1 || c > len(parts) {
		return ""
	}
	return m.Unescape(parts[c-1])
}

// SubComponent returns subcomponent sc of component c of field n's first
// repetition, decoded.
func (m *Message) SubComponent(s Segment, n, c, sc int) string {
	raw := s.Raw(n)
	if i := strings.IndexByte(raw, m.Delims.Repetition); i >= 0 {
		raw = raw[:i]
	}
	parts := strings.Split(raw, string(m.Delims.Component))
	if c < 1 || c > len(parts) {
		return ""
	}
	subs := strings.Split(parts[c-1], string(m.Delims.Subcomponent))
	if sc < 1 || sc > len(subs) {
		return ""
	}
	return m.Unescape(subs[sc-1])
}

// Repetitions returns the first component of every repetition of field
// n, decoded.
func (m *Message) Repetitions(s Segment, n int) []string {
	raw := s.Raw(n)
	if raw == "" {
		return nil
	}
	var out []string
	for _, r := range strings.Split(raw, string(m.Delims.Repetition)) {
		first := strings.Split(r, string(m.Delims.Component))[0]
		out = append(out, m.Unescape(first))
	}
	return out
}

// Unescape decodes HL7 escape sequences: \F\ \S\ \T\ \R\ \E\ for the
// delimiters, \Xhh..\ for bytes, \.br\ as a line break; highlighting
// (\H\ \N\) and other formatting sequences are dropped. A sequence that
// is not closed is kept as sent.
func (m *Message) Unescape(v string) string {
	e := m.Delims.Escape
	if strings.IndexByte(v, e) < 0 {
		return v
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] != e {
			b.WriteByte(v[i])
			continue
		}
		end := strings.IndexByte(v[i+1:], e)
		if end < 0 {
			b.WriteString(v[i:])
			break
		}
		seq := v[i+1 : i+1+end]
		i += end + 1
		switch {
		case seq == "F":
			b.WriteByte(m.Delims.Field)
		case seq == "S":
			b.WriteByte(m.Delims.Component)
		case seq == "T":
			b.WriteByte(m.Delims.Subcomponent)
		case seq == "R":
			b.WriteByte(m.Delims.Repetition)
		case seq == "E":
			b.WriteByte(e)
		case seq == ".br":
			b.WriteByte('\n')
		case len(seq) > 1 && seq[0] == 'X' && len(seq)%2 == 1:
			for k := 1; k+1 < len(seq); k += 2 {
				x, err := strconv.ParseUint(seq[k:k+2], 16, 8)
				if err != nil {
					break
				}
				b.WriteByte(byte(x))
			}
		}
	}
	if !utf8.ValidString(b.String()) {
		return strings.ToValidUTF8(b.String(), "\uFFFD")
	}
	return b.String()
}

// Encode escapes v for a field of a message with delimiters d.
func (d Delimiters) Encode(v string) string {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		switch c := v[i]; c {
		case d.Escape:
			b.WriteString(string(d.Escape) + "E" + string(d.Escape))
		case d.Field:
			b.WriteString(string(d.Escape) + "F" + string(d.Escape))
		case d.Component:
			b.WriteString(string(d.Escape) + "S" + string(d.Escape))
		case d.Subcomponent:
			b.WriteString(string(d.Escape) + "T" + string(d.Escape))
		case d.Repetition:
			b.WriteString(string(d.Escape) + "R" + string(d.Escape))
		case '\r', '\n':
			b.WriteString(string(d.Escape) + ".br" + string(d.Escape))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
