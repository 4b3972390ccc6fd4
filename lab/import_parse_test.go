package lab

import (
	"bufio"
	"fmt"
	"strings"
	"testing"
)

func TestSplitImportLine(t *testing.T) {
	tests := []struct {
		line  string
		comma byte
		want  []string
		bad   bool
	}{
		{"A1,TOXO_IGG,12.5", ',', []string{"A1", "TOXO_IGG", "12.5"}, false},
		{"A1, TOXO_IGG,  12.5,,,L1", ',', []string{"A1", "TOXO_IGG", "12.5", "", "", "L1"}, false},
		{`"A1","TOXO,IGG","1""2"`, ',', []string{"A1", "TOXO,IGG", `1"2`}, false},
		{"A1\tTOXO_IGG\t12.5", '\t', []string{"A1", "TOXO_IGG", "12.5"}, false},
		{"", ',', []string{""}, false},
		{"x", ',', []string{"x"}, false},
		{"a,", ',', []string{"a", ""}, false},
		{`"open`, ',', nil, true},
		{`"a"b,c`, ',', nil, true},
		{`a"b,c`, ',', nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.line, func(t *testing.T) {
			got, why := splitImportLine([]byte(tc.line), tc.comma)
			if (why != "") != tc.bad || (!tc.bad && fmt.Sprint(got) != fmt.Sprint(tc.want)) {
				t.Fatalf("splitImportLine(%q) = %q, %q; want %q, bad %v", tc.line, got, why, tc.want, tc.bad)
			}
		})
	}
}

func TestReadImportHeader(t *testing.T) {
	tests := []struct {
		file  string
		comma byte
		ok    bool
	}{
		{"accession,analyte,value\n", ',', true},
		{"Accession, Analyte, Value, Unit, Kit, Lot\r\n", ',', true},
		{"ACCESSION\tANALYTE\tVALUE\tUNIT\n", '\t', true},
		{"accession,analyte,value", ',', true},
		{"", 0, false},
		{"x\nx\n", 0, false},
		{"accession,analyte\n", 0, false},
		{"accession,analyte,value,unit,kit,lot,extra\n", 0, false},
		{"accession,analyte,result\n", 0, false},
		{strings.Repeat("accession,", 1000) + "\n", 0, false},
		{"\"accession,analyte,value\n", 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.file[:min(len(tc.file), 40)], func(t *testing.T) {
			comma, err := readImportHeader(bufio.NewReaderSize(strings.NewReader(tc.file), maxImportLine))
			if (err == nil) != tc.ok || (tc.ok && comma != tc.comma) {
				t.Fatalf("readImportHeader(%.40q) = %q, %v", tc.file, comma, err)
			}
			if err != nil && ErrorCode(err) != CodeMalformed {
				t.Fatalf("code %s; want malformed", ErrorCode(err))
			}
		})
	}
}

func TestReadImportLineNeverHoldsALongLine(t *testing.T) {
	br := bufio.NewReaderSize(strings.NewReader("short\n"+strings.Repeat("y", 3*maxImportLine)+"\nlast"), maxImportLine)
	var got []string
	for {
		line, tooLong, err := readImportLine(br)
		if tooLong {
			got = append(got, "(too long)")
		} else if line != nil {
			got = append(got, string(line))
		}
		if err != nil {
			break
		}
	}
	if fmt.Sprint(got) != "[short (too long) last]" {
		t.Fatalf("lines %q", got)
	}
}
