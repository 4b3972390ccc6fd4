package lab

import (
	"strings"
	"testing"
)

func TestParseNationalID(t *testing.T) {
	today := Date("2026-11-28")
	tests := []struct {
		name   string
		in     string
		code   string // "" = valid
		number string
		birth  Date
		female bool
	}{
		{"standard's female example", "11010519491231002X", "", "11010519491231002X", "1949-12-31", true},
		{"standard's male example", "440524188001010014", "", "440524188001010014", "1880-01-01", false},
		{"lower-case x is stored upper-case", "11010519491231002x", "", "11010519491231002X", "1949-12-31", true},
		{"surrounding spaces", "  11010519491231002X ", "", "11010519491231002X", "1949-12-31", true},
		// An input method's full-width mode: digits, Ｘ, ideographic space.
		{"typed full-width", "\u3000１１０１０５１９４９１２３１００２Ｘ", "", "11010519491231002X", "1949-12-31", true},
		{"full-width lower-case x", "１１０１０５１９４９１２３１００２ｘ", "", "11010519491231002X", "1949-12-31", true},
		{"full-width with a wrong check character", "１１０１０５１９４９１２３１００２１", IDChecksum, "", "", false},
		{"made valid female", MakeNationalID("320102", "1995-06-15", 124), "", MakeNationalID("320102", "1995-06-15", 124), "1995-06-15", true},
		{"empty", "", IDRequired, "", "", false},
		{"15-digit old card", "110105491231002", IDLegacy15, "", "", false},
		{"17 characters", "11010519491231002", IDLength, "", "", false},
		{"19 characters", "11010519491231002X1", IDLength, "", "", false},
		{"letter inside", "1101051949123100AX", IDFormat, "", "", false},
		{"X not last", "X10105194912310021", IDFormat, "", "", false},
		{"February 30", "110105199502300021", IDBirthDate, "", "", false},
		{"month 13", "110105199513010021", IDBirthDate, "", "", false},
		{"born in the future", MakeNationalID("110105", "2027-01-01", 2), IDFutureBirthDate, "", "", false},
		{"one digit mistyped", "11010519491231003X", IDChecksum, "", "", false},
		{"wrong check character", "110105194912310021", IDChecksum, "", "", false},
		{"two digits swapped", "11010591491231002X", IDFutureBirthDate, "", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			id, fe := ParseNationalID(tc.in, today)
			if tc.code != "" {
				if fe == nil || fe.Code != tc.code || fe.Field != "national_id" || fe.Detail == "" {
					t.Fatalf("got %+v, %+v; want code %s", id, fe, tc.code)
				}
				return
			}
			if fe != nil {
				t.Fatalf("refused: %+v", fe)
			}
			if id.Number != tc.number || id.BirthDate != tc.birth || id.Female != tc.female {
				t.Fatalf("got %+v", id)
			}
		})
	}
}

func TestMakeNationalIDSex(t *testing.T) {
	for seq := 0; seq < 20; seq++ {
		id, fe := ParseNationalID(MakeNationalID("510104", "1990-02-28", seq), "2026-01-01")
		if fe != nil || id.Female != (seq%2 == 0) {
			t.Fatalf("seq %d: %+v %+v", seq, id, fe)
		}
	}
}

func TestMasks(t *testing.T) {
	if got := MaskNationalID("11010519491231002X"); got != "110***********002X" {
		t.Errorf("MaskNationalID = %s", got)
	}
	if got := MaskPhone("13812345678"); got != "138****5678" {
		t.Errorf("MaskPhone = %s", got)
	}
	if got := MaskPhone("01062345678"); got != "010****5678" {
		t.Errorf("MaskPhone landline = %s", got)
	}
}

func TestNormalizePhone(t *testing.T) {
	tests := []struct{ in, want string }{
		{"13812345678", "13812345678"},
		{"+86 138-1234-5678", "13812345678"},
		{"0086 13812345678", "13812345678"},
		{"010-62345678", "01062345678"},
		{"(0755) 8888 1234", "075588881234"},
		{"１３８　１２３４－５６７８", "13812345678"}, // typed full-width
		{"＋８６ （０７５５） ８８８８１２３４", "075588881234"},
		{"12812345678", ""},  // no mobile starts 12
		{"1381234567", ""},   // 10 digits
		{"138123456789", ""}, // 12 digits, not a landline
		{"phone", ""},
		{"", ""},
	}
	for _, tc := range tests {
		got, ok := normalizePhone(tc.in)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("normalizePhone(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
}

// FuzzParseNationalID: no input panics, and whatever is accepted is an
// 18-character upper-case number that passes again unchanged, with a real
// birth date not after today.
func FuzzParseNationalID(f *testing.F) {
	for _, seed := range []string{"11010519491231002X", "440524188001010014", "11010519491231002x", "", "110105491231002",
		"110105199502300021", "１１０１０５", "\x00\xff", strings.Repeat("9", 18)} {
		f.Add(seed)
	}
	today := Date("2026-11-28")
	f.Fuzz(func(t *testing.T, in string) {
		id, fe := ParseNationalID(in, today)
		if fe != nil {
			if fe.Field != "national_id" || fe.Code == "" {
				t.Fatalf("bad refusal %+v", fe)
			}
			return
		}
		if len(id.Number) != 18 || strings.ToUpper(id.Number) != id.Number || id.BirthDate.After(today) {
			t.Fatalf("accepted %q as %+v", in, id)
		}
		again, fe := ParseNationalID(id.Number, today)
		if fe != nil || again != id {
			t.Fatalf("not stable: %+v then %+v %+v", id, again, fe)
		}
	})
}
