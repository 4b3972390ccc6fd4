package lab

import (
	"testing"
)

// Hot paths measured with go test -bench (figures in the closing notes).

func BenchmarkInterpret(b *testing.B) {
	in := map[string]Interpretation{"TOXO_IGG": Negative, "TOXO_IGM": Positive, "RUBV_IGG": Positive, "RUBV_IGM": Negative,
		"CMV_IGG": Positive, "CMV_IGM": Equivocal, "HSV_IGG": Negative, "HSV_IGM": Negative}
	for b.Loop() {
		Interpret(in, true, 90)
	}
}

func BenchmarkInterpretPair(b *testing.B) {
	earlier := map[string]Interpretation{"TOXO_IGG": Negative, "TOXO_IGM": Positive, "RUBV_IGG": Positive, "RUBV_IGM": Negative,
		"CMV_IGG": Positive, "CMV_IGM": Positive, "HSV_IGG": Positive, "HSV_IGM": Negative}
	now := map[string]Interpretation{"TOXO_IGG": Positive, "TOXO_IGM": Positive, "RUBV_IGG": Positive, "RUBV_IGM": Negative,
		"CMV_IGG": Positive, "CMV_IGM": Positive, "HSV_IGG": Negative, "HSV_IGM": Negative}
	for b.Loop() {
		InterpretPair(now, earlier, true, 90)
	}
}

func BenchmarkAccessionFormatAndParse(b *testing.B) {
	for i := int64(1); b.Loop(); i++ {
		code, _ := FormatAccession(1<<35 + i)
		if _, err := ParseAccession(code); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseNationalID(b *testing.B) {
	for b.Loop() {
		if _, fe := ParseNationalID("11010519491231002X", "2026-11-28"); fe != nil {
			b.Fatal(fe)
		}
	}
}
