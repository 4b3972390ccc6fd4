package astm

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// delimiters are the four separators an H record declares in its first
// characters: "H|\^&" gives field |, repeat \, component ^, escape &.
type delimiters struct {
	Field, Repeat, Component, Escape byte
}

// standardDelimiters are LIS2-A2's recommended ones, used in answers.
var standardDelimiters = delimiters{'|', '\\', '^', '&'}

var errRecord = errors.New("astm: bad record")

// readDelimiters reads the separators from an H record. They must be four
// different printable characters that are neither letters nor digits.
func readDelimiters(h []byte) (delimiters, error) {
	if len(h) < 5 || h[0] != 'H' {
		return delimiters{}, fmt.Errorf("%w: the message does not start with an H record declaring its delimiters", errRecord)
	}
	d := delimiters{h[1], h[2], h[3], h[4]}
	seen := map[byte]bool{}
	for _, c := range []byte{d.Field, d.Repeat, d.Component, d.Escape} {
		alnum := c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
		if c <= ' ' || c >= 0x7F || alnum || seen[c] {
			return delimiters{}, fmt.Errorf("%w: the H record's delimiters %q are not four distinct separators", errRecord, h[1:5])
		}
		seen[c] = true
	}
	return d, nil
}

// record is one record's fields, still escaped; fields[0] is the record
// type, so fields[n] is field n+1 in the standard's numbering.
type record struct {
	fields [][]byte
	d      delimiters
}

func splitRecordFields(line []byte, d delimiters) record {
	return record{fields: bytes.Split(line, []byte{d.Field}), d: d}
}

// raw is field n (numbered as in the standard, the type being field 1),
// still escaped, or nil when absent.
func (r record) raw(n int) []byte {
	if n < 1 || n > len(r.fields) {
		return nil
	}
	return r.fields[n-1]
}

// repeats splits field n at the repeat delimiter.
func (r record) repeats(n int) [][]byte {
	f := r.raw(n)
	if len(f) == 0 {
		return nil
	}
	return bytes.Split(f, []byte{r.d.Repeat})
}

// component is component c (from 1) of one repeat, unescaped and trimmed.
func (r record) component(value []byte, c int) string {
	parts := bytes.Split(value, []byte{r.d.Component})
	if c < 1 || c > len(parts) {
		return ""
	}
	return strings.TrimSpace(r.d.unescape(parts[c-1]))
}

// text is field n whole, unescaped and trimmed, its repeats and
// components kept with the standard separators.
func (r record) text(n int) string {
	f := r.raw(n)
	if r.d != standardDelimiters {
		f = bytes.Map(func(c rune) rune {
			switch byte(c) {
			case r.d.Repeat:
				return '\\'
			case r.d.Component:
				return '^'
			}
			return c
		}, f)
	}
	return strings.TrimSpace(r.d.unescape(f))
}

// first is component 1 of field n.
func (r record) first(n int) string {
	return r.component(r.raw(n), 1)
}

// unescape replaces LIS2-A2's escape sequences (&F& field, &S& component,
// &R& repeat, &E& escape, &Xhh..& hexadecimal) with what they stand for;
// any other sequence is kept as it came, so no text is lost.
func (d delimiters) unescape(b []byte) string {
	if bytes.IndexByte(b, d.Escape) < 0 {
		return string(b)
	}
	var out strings.Builder
	for len(b) > 0 {
		i := bytes.IndexByte(b, d.Escape)
		if i < 0 {
			out.Write(b)
			break
		}
		out.Write(b[:i])
		b = b[i:]
		j := bytes.IndexByte(b[1:], d.Escape)
		if j < 0 {
			out.Write(b)
			break
		}
		seq := b[1 : j+1]
		switch {
		case string(seq) == "F":
			out.WriteByte(d.Field)
		case string(seq) == "S":
			out.WriteByte(d.Component)
		case string(seq) == "R":
			out.WriteByte(d.Repeat)
		case string(seq) == "E":
			out.WriteByte(d.Escape)
		case len(seq) > 1 && seq[0] == 'X' && len(seq)%2 == 1 && printableHex(seq[1:]):
			for k := 1; k < len(seq); k += 2 {
				v, _ := strconv.ParseUint(string(seq[k:k+2]), 16, 8)
				out.WriteByte(byte(v))
			}
		default:
			out.Write(b[:j+2])
		}
		b = b[j+2:]
	}
	return out.String()
}

// printableHex: hex digit pairs that decode to printable characters only,
// so that an escape cannot smuggle control characters into a value.
func printableHex(h []byte) bool {
	for k := 0; k+1 < len(h); k += 2 {
		v, err := strconv.ParseUint(string(h[k:k+2]), 16, 8)
		if err != nil || v < 0x20 || v == 0x7F {
			return false
		}
	}
	return true
}

// escape writes s so that none of the delimiters appears bare in it, and
// drops control characters, which no record may carry.
func (d delimiters) escape(s string) string {
	var out strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == d.Field:
			out.WriteString(string(d.Escape) + "F" + string(d.Escape))
		case c == d.Component:
			out.WriteString(string(d.Escape) + "S" + string(d.Escape))
		case c == d.Repeat:
			out.WriteString(string(d.Escape) + "R" + string(d.Escape))
		case c == d.Escape:
			out.WriteString(string(d.Escape) + "E" + string(d.Escape))
		case c < 0x20 || c == 0x7F:
		default:
			out.WriteByte(c)
		}
	}
	return out.String()
}
