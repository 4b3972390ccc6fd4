package lab

import (
	"strings"
	"testing"
)

func TestAccessionRoundTrip(t *testing.T) {
	seen := map[string]bool{}
	for _, n := range []int64{1, 2, 31, 32, 1000, 123456789, maxAccessionNumber} {
		code, err := FormatAccession(n)
		if err != nil || len(code) != AccessionLength || seen[code] {
			t.Fatalf("FormatAccession(%d) = %q, %v", n, code, err)
		}
		seen[code] = true
		if got, err := ParseAccession(strings.ToLower(code)); err != nil || got != code {
			t.Fatalf("ParseAccession(%q) = %q, %v", code, got, err)
		}
	}
	if _, err := FormatAccession(0); err == nil {
		t.Fatal("0 formatted")
	}
	if _, err := FormatAccession(maxAccessionNumber + 1); err == nil {
		t.Fatal("overflow formatted")
	}
	if a, _ := FormatAccession(41); a >= func() string { b, _ := FormatAccession(42); return b }() {
		t.Fatal("codes do not sort in collection order")
	}
}

// Every single wrong character and every swap of two different neighbours
// is caught by the check character.
func TestAccessionCheckCatchesTypos(t *testing.T) {
	for _, n := range []int64{1, 777, 98765, 1 << 30, maxAccessionNumber - 5} {
		code, _ := FormatAccession(n)
		for i := 0; i < len(code); i++ {
			for _, c := range []byte(iso7064) {
				if c == code[i] {
					continue
				}
				typo := code[:i] + string(c) + code[i+1:]
				if _, err := ParseAccession(typo); ErrorCode(err) != CodeBadAccession {
					t.Fatalf("%s accepted for %s", typo, code)
				}
			}
			if i+1 < len(code) && code[i] != code[i+1] {
				swap := code[:i] + string(code[i+1]) + string(code[i]) + code[i+2:]
				if _, err := ParseAccession(swap); ErrorCode(err) != CodeBadAccession {
					t.Fatalf("swap %s accepted for %s", swap, code)
				}
			}
		}
	}
}

// A scanner's keystrokes through an input method in full-width mode
// arrive as full-width characters: the same code.
func TestParseAccessionFullWidth(t *testing.T) {
	code, _ := FormatAccession(4242)
	wide := []rune{'\u3000'}
	for _, r := range strings.ToLower(code) {
		wide = append(wide, r-'!'+'！')
	}
	if got, err := ParseAccession(string(wide)); err != nil || got != code {
		t.Fatalf("ParseAccession(%q) = %q, %v; want %q", string(wide), got, err, code)
	}
}

func TestParseAccessionRefusals(t *testing.T) {
	good, _ := FormatAccession(4242)
	for _, bad := range []string{"", "ABC", good + "0", good[:8], "IIIIIIII0", "0000000O0", "0000-0001", good[:8] + "*"} {
		if _, err := ParseAccession(bad); ErrorCode(err) != CodeBadAccession {
			t.Errorf("%q: err = %v", bad, err)
		}
	}
}

func FuzzParseAccession(f *testing.F) {
	good, _ := FormatAccession(123)
	for _, s := range []string{good, strings.ToLower(good), "", "000000001", "ZZZZZZZZZ", "\xff\xfe", "０００００"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		code, err := ParseAccession(in)
		if err != nil {
			if ErrorCode(err) != CodeBadAccession {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if len(code) != AccessionLength || strings.ToUpper(code) != code {
			t.Fatalf("accepted %q as %q", in, code)
		}
		again, err := ParseAccession(code)
		if err != nil || again != code {
			t.Fatalf("not stable: %q", code)
		}
	})
}

// Known answers, computed independently of this code with the standard's
// check: for a valid code, the running MOD 37,36 product over the data plus
// the check character's value is 1 (mod 36).
func TestAccessionKnownAnswers(t *testing.T) {
	for n, want := range map[int64]string{1 << 35: "100000003", 1<<35 + 1: "100000011", 123456789: "003NQK8N1"} {
		if got, _ := FormatAccession(n); got != want {
			t.Errorf("FormatAccession(%d) = %s, want %s", n, got, want)
		}
	}
}
