package lab

import "testing"

func TestCommonPasswordsAreRefused(t *testing.T) {
	tests := []struct {
		password, want string
	}{
		{"password", "too_short"},
		{"12345678", "too_short"},
		{"        ", "blank"},
		{"          ", "blank"},
		{"\t\u3000 \n      ", "blank"},
		{"short", "too_short"},
		{"1234567890", "common"},
		{"qwertyuiop", "common"},
		{"QwertyUIOP", "common"},
		{"woaini1314", "common"},
		{"a123456789", "common"},
		{"aaaaaaaaaa", "too_simple"},
		{"1212121212", "too_simple"},
		{"nurse.wang", "same_as_username"},
		{string(make([]byte, 73)), "too_long"},
		{"correct horse 1", ""},
		{"三个字的密码很长吗", "too_short"},
		{"樱桃树下的蓝色自行车", ""},
	}
	for _, tc := range tests {
		t.Run(tc.password, func(t *testing.T) {
			var v Validation
			checkPassword(&v, "password", "nurse.wang", tc.password)
			got := ""
			if len(v.fields) > 0 {
				got = v.fields[0].Code
			}
			if got != tc.want {
				t.Fatalf("checkPassword(%q) = %q; want %q", tc.password, got, tc.want)
			}
		})
	}
	if !commonPassword("password") || !commonPassword("12345678") || len(common) < 9000 {
		t.Fatalf("the common passwords are not loaded (%d)", len(common))
	}
}
