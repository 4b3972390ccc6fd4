package lab

import (
	"strings"
	"testing"
)

func TestCheckOrgURI(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"https://fybj.example.gov.cn", true},
		{"https://fybj.example.gov.cn/", true},
		{"http://10.0.0.5:8080/torchlab", true},
		{"urn:example:fybj", true},
		{"urn:torchlab:0123456789abcdef0123456789abcdef", true},
		{"URN:Example:a:b", true},
		{"", false},
		{"fybj.example.gov.cn", false},                         // no scheme
		{"/fybj", false},                                       // relative
		{"https:fybj", false},                                  // no host
		{"https://", false},                                    // no host
		{"https://a.b/c?x=1", false},                           // query
		{"https://a.b/#x", false},                              // fragment
		{"https://u:p@a.b", false},                             // credentials
		{"https://a b", false},                                 // space
		{"ftp://a.b", false},                                   // not http(s)
		{"mailto:x@a.b", false},                                // not a URL nor a URN
		{"urn:example", false},                                 // no NSS
		{"urn:example:", false},                                // empty NSS
		{"urn:example:a:", false},                              // ends with the separator
		{"urn:-x:a", false},                                    // bad NID
		{"urn:oid:1.2.156.1", false},                           // takes no ":client"
		{"urn:uuid:0f8e5e5c-0000", false},                      // same
		{"https://" + strings.Repeat("a", 200) + ".cn", false}, // too long
	}
	for _, tc := range tests {
		if err := CheckOrgURI(tc.in); (err == nil) != tc.ok {
			t.Errorf("CheckOrgURI(%q) = %v, want ok %v", tc.in, err, tc.ok)
		}
	}
}
