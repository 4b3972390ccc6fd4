package lab

import (
	"fmt"
	"strings"
	"time"
)

// NationalID is a validated 18-character resident identity card number
// (GB 11643-1999): a 6-digit address code, the birth date YYYYMMDD, a 3-digit
// sequence code whose last digit is odd for men and even for women, and an
// ISO 7064 MOD 11-2 check character (0-9 or X).
type NationalID struct {
	Number    string // upper-case X
	BirthDate Date
	Female    bool
}

// Weights of the 17 digits, W_i = 2^(18-i) mod 11, and the check character
// for each remainder of their weighted sum mod 11 (domain.md §6).
var (
	idWeights   = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	idCheckChar = [11]byte{'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'}
)

// The reasons a number is refused, as FieldError codes on national_id.
const (
	IDRequired        = "required"
	IDLegacy15        = "legacy_15_digit"
	IDLength          = "length"
	IDFormat          = "format"
	IDBirthDate       = "birth_date"
	IDFutureBirthDate = "future_birth_date"
	IDChecksum        = "checksum"
)

// idCheck computes the check character of the first 17 digits.
func idCheck(first17 string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(first17[i]-'0') * idWeights[i]
	}
	return idCheckChar[sum%11]
}

// ParseNationalID validates a resident ID number in full and returns it
// with the birth date and sex it encodes. today (in the station's zone)
// bounds the birth date. The error is a FieldError code from the list
// above, with a sentence for people.
func ParseNationalID(raw string, today Date) (NationalID, *FieldError) {
	s := strings.ToUpper(strings.TrimSpace(narrowWidth(raw)))
	bad := func(code, detail string) (NationalID, *FieldError) {
		return NationalID{}, &FieldError{Field: "national_id", Code: code, Detail: detail}
	}
	switch {
	case s == "":
		return bad(IDRequired, "the resident ID number is required")
	case len(s) == 15 && allDigits(s):
		return bad(IDLegacy15, "a 15-digit number is from the old card; enter the 18-character number")
	case len(s) != 18:
		return bad(IDLength, fmt.Sprintf("the number has %d characters; it must have 18", len([]rune(s))))
	case !allDigits(s[:17]) || !(isDigit(s[17]) || s[17] == 'X'):
		return bad(IDFormat, "17 digits, then a digit or X")
	}
	birth, err := time.Parse("20060102", s[6:14])
	// The standard's own example is born in 1880; nobody was born earlier.
	if err != nil || birth.Year() < 1800 {
		return bad(IDBirthDate, "characters 7 to 14 are not a real birth date")
	}
	bd := DateOf(birth)
	if bd.After(today) {
		return bad(IDFutureBirthDate, "the birth date in the number is in the future")
	}
	if idCheck(s[:17]) != s[17] {
		return bad(IDChecksum, "the check character does not match; a character was probably mistyped")
	}
	return NationalID{Number: s, BirthDate: bd, Female: (s[16]-'0')%2 == 0}, nil
}

// MakeNationalID builds a valid number from an address code, a birth date
// and a sequence code (whose parity sets the sex). For demo data and tests.
func MakeNationalID(region string, birth Date, seq int) string {
	first17 := fmt.Sprintf("%s%s%03d", region, strings.ReplaceAll(string(birth), "-", ""), seq%1000)
	return first17 + string(idCheck(first17))
}

// MaskNationalID shows the first 3 and last 4 characters only.
func MaskNationalID(n string) string {
	if len(n) < 8 {
		return strings.Repeat("*", len(n))
	}
	return n[:3] + strings.Repeat("*", len(n)-7) + n[len(n)-4:]
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}
