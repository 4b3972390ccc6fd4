package lab

import (
	"strings"
)

// normalizePhone keeps the digits of a phone number, dropping spaces,
// hyphens, brackets and a +86 / 0086 country prefix, and says whether the
// result is a Chinese mobile (11 digits, 1[3-9]…) or landline (0 + area
// code + number, 10 to 12 digits) number.
func normalizePhone(raw string) (string, bool) {
	s := strings.TrimSpace(narrowWidth(raw))
	s = strings.TrimPrefix(s, "+86")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '(' || r == ')':
		default:
			return "", false
		}
	}
	d := strings.TrimPrefix(b.String(), "0086")
	switch {
	case len(d) == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9':
		return d, true
	case len(d) >= 10 && len(d) <= 12 && d[0] == '0':
		return d, true
	}
	return "", false
}

// MaskPhone hides the middle digits: 138****5678.
func MaskPhone(p string) string {
	if len(p) < 7 {
		return strings.Repeat("*", len(p))
	}
	return p[:3] + strings.Repeat("*", len(p)-7) + p[len(p)-4:]
}
