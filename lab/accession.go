package lab

import (
	"fmt"
	"strings"
)

// Accession codes name a tube. The QR code on its label carries the code
// and nothing else. A code is 8 data characters from a 32-symbol alphabet
// without look-alikes (no I, L, O, U), then one check character: 9 upper-
// case letters and digits, short enough for a version 1 QR code (21 × 21
// modules) even at error-correction level H (domain.md §0).
//
// The data characters encode a number taken from a database sequence, so
// codes are unique across every torchlab process sharing the database and
// sort in order of collection. The check character is ISO/IEC 7064
// MOD 37,36, which catches every single wrong character and every swap of
// two neighbours, so a mistyped or mis-scanned code is refused before any
// look-up.
const (
	accessionData   = 8
	AccessionLength = accessionData + 1
	// accessionDigits are the data symbols (Crockford's base 32).
	accessionDigits = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	// iso7064 is the alphabet of the check system: every letter and digit.
	iso7064 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
)

// maxAccessionNumber is the largest number 8 data characters hold.
const maxAccessionNumber = 1<<40 - 1

// accessionCheck returns the ISO/IEC 7064 MOD 37,36 check character of s.
func accessionCheck(s string) byte {
	const m = 36
	p := m
	for i := 0; i < len(s); i++ {
		v := strings.IndexByte(iso7064, s[i])
		p = (p + v) % m
		if p == 0 {
			p = m
		}
		p = (2 * p) % (m + 1)
	}
	return iso7064[(m+1-p)%m]
}

// FormatAccession turns a sequence number into its accession code.
func FormatAccession(n int64) (string, error) {
	if n < 1 || n > maxAccessionNumber {
		return "", fmt.Errorf("accession number %d out of range", n)
	}
	var b [accessionData]byte
	for i := accessionData - 1; i >= 0; i-- {
		b[i] = accessionDigits[n%32]
		n /= 32
	}
	s := string(b[:])
	return s + string(accessionCheck(s)), nil
}

// ParseAccession validates a typed or scanned accession code and returns
// it upper-cased, read as ASCII when it came full-width (a scanner's
// keystrokes through an input method in full-width mode). Anything that
// is not one (wrong length, a symbol outside
// the alphabet, a check character that does not match) is CodeBadAccession,
// a 422 that tells a mistyped code from one that does not exist (404).
func ParseAccession(raw string) (string, error) {
	s := strings.ToUpper(strings.TrimSpace(narrowWidth(raw)))
	bad := func(why string) error {
		return &Error{Code: CodeBadAccession, Message: why,
			Fields: []FieldError{{Field: "accession", Code: "bad_accession", Detail: why}}}
	}
	if len(s) != AccessionLength {
		return "", bad(fmt.Sprintf("an accession code has %d characters", AccessionLength))
	}
	for i := 0; i < accessionData; i++ {
		if strings.IndexByte(accessionDigits, s[i]) < 0 {
			return "", bad(fmt.Sprintf("character %d (%q) cannot appear in an accession code", i+1, s[i]))
		}
	}
	if strings.IndexByte(iso7064, s[accessionData]) < 0 || accessionCheck(s[:accessionData]) != s[accessionData] {
		return "", bad("the check character does not match: the code was mistyped or misread")
	}
	return s, nil
}
