package lab

import "testing"

func TestCleanText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		kind textKind
		want string
		ok   bool
	}{
		{"plain", "王秀英", oneLine, "王秀英", true},
		{"trimmed, runs collapsed", "  王  秀\t英 ", oneLine, "王 秀 英", true},
		{"ideographic and no-break spaces", "王\u3000\u00a0秀英", oneLine, "王 秀英", true},
		{"a line break in a name is a space", "北京市\r\n朝阳区", oneLine, "北京市 朝阳区", true},
		{"decomposed becomes composed", "Jose\u0301", oneLine, "José", true},
		{"right-to-left override", "李\u202Eabc娜", oneLine, "", false},
		{"left-to-right embedding", "\u202Aabc", oneLine, "", false},
		{"pop directional formatting", "abc\u202C", oneLine, "", false},
		{"first-strong isolate", "a\u2068b\u2069", oneLine, "", false},
		{"zero-width space", "王\u200B秀英", oneLine, "", false},
		{"zero-width joiner", "王\u200D秀英", oneLine, "", false},
		{"word joiner", "王\u2060秀英", oneLine, "", false},
		{"byte order mark", "\uFEFF王秀英", oneLine, "", false},
		{"NUL", "王\x00秀英", oneLine, "", false},
		{"escape", "\x1b[31m王", oneLine, "", false},
		{"delete", "王\x7f", oneLine, "", false},
		{"C1 control", "王\u0085秀英", oneLine, "", false},
		{"not UTF-8", "王\xff", oneLine, "", false},
		{"note keeps its lines", " first  line \r\n\r\n\r\n second\tline \n", severalLines, "first line\n\nsecond line", true},
		{"note with an override", "ok\n\u202Eevil", severalLines, "", false},
		{"only white space", " \t\n ", severalLines, "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := cleanText(tc.in, tc.kind)
			if ok != tc.ok || (ok && got != tc.want) {
				t.Fatalf("cleanText(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestInvalidCharactersNameTheRefusal(t *testing.T) {
	var v Validation
	v.Add("phone", "required", "")
	v.text("name", "李\u202Eabc娜", oneLine)
	err := v.Err().(*Error)
	if err.Code != CodeInvalidCharacters || len(err.Fields) != 2 || err.Fields[1].Field != "name" ||
		err.Fields[1].Code != "invalid_characters" {
		t.Fatalf("err = %+v", err)
	}
}
