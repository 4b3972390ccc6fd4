package lab

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// textKind says whether a text may run over several lines.
type textKind int

const (
	// oneLine is a name, an address, a short reason: any run of white
	// space, line breaks included, becomes one space.
	oneLine textKind = iota
	// severalLines is a note typed in a text box: line breaks are kept
	// (at most one empty line in a row), runs of other white space in a
	// line become one space.
	severalLines
)

// forbiddenRune reports the characters that no one types into a name, an
// address or a note, and that only hide or disguise text: control
// characters (NUL, ESC, DEL, the C1 range; tab and line breaks are white
// space), format characters (the bidirectional overrides and isolates
// U+202A–U+202E and U+2066–U+2069, which make "李\u202Eabc娜" show as
// "李cba娜"; the zero-width U+200B–U+200D, U+2060 and U+FEFF; the soft
// hyphen) and bytes that are not UTF-8. A label printer, a PDF, a CSV
// opened in a spreadsheet and the screen would each show such text
// differently from what is stored.
func forbiddenRune(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r == utf8.RuneError:
		return true
	}
	return unicode.In(r, unicode.Cc, unicode.Cf)
}

// cleanText is the one gate of free text a person types (names, addresses,
// reasons, notes): it reports false when the text holds a forbidden
// character (forbiddenRune), and otherwise returns it in Unicode NFC with
// its white space normalised as kind says and trimmed.
func cleanText(s string, kind textKind) (string, bool) {
	for _, r := range s {
		if forbiddenRune(r) {
			return s, false
		}
	}
	s = norm.NFC.String(s)
	if kind == oneLine {
		return strings.Join(strings.Fields(s), " "), true
	}
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u2028", "\n", "\u2029", "\n").Replace(s)
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		l = strings.Join(strings.Fields(l), " ")
		if l == "" && (len(out) == 0 || out[len(out)-1] == "") {
			continue
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n")), true
}

// text passes one field through cleanText: the text normalised, or the
// text as given with invalid_characters recorded on field.
func (v *Validation) text(field, s string, kind textKind) string {
	clean, ok := cleanText(s, kind)
	if !ok {
		v.Add(field, string(CodeInvalidCharacters), "no control, bidirectional-override or zero-width characters")
	}
	return clean
}

// note is text for a free-text note of at most max characters (lines
// kept): its characters checked and its length refused past max.
func (v *Validation) note(field, s string, max int) string {
	s = v.text(field, s, severalLines)
	if utf8.RuneCountInString(s) > max {
		v.Add(field, "too_long", fmt.Sprintf("at most %s characters", thousands(max)))
	}
	return s
}

// thousands writes n with a comma between thousands, as the refusals say
// their limits ("1,000").
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
