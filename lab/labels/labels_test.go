package labels

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"
	"github.com/makiuchi-d/gozxing"
	gozxingqr "github.com/makiuchi-d/gozxing/qrcode"
)

var sample = Label{Accession: "0000001ZK", Name: "王秀英", MaskedID: "110***********002X", CollectedOn: "2026-03-02", Station: "HD01"}

// The QR code of the PNG decodes back to the accession code and nothing
// else, and is version 1 (21 × 21 modules plus the quiet zone).
func TestPNGRoundTrip(t *testing.T) {
	b, err := PNG(sample)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if got := decodeQR(t, img); got != sample.Accession {
		t.Fatalf("decoded %q", got)
	}
	bits, _ := QR(sample.Accession)
	if len(bits) != 21+8 {
		t.Fatalf("QR is %d modules across with its quiet zone; want version 1 (29)", len(bits))
	}
	if img.Bounds().Dx() != len(bits)*pxPerModule {
		t.Fatalf("image %d px wide: not a whole number of pixels per module", img.Bounds().Dx())
	}
}

func decodeQR(t *testing.T, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := gozxingqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("no QR code found: %v", err)
	}
	return res.GetText()
}

// pdfText extracts the text of a PDF.
func pdfText(t *testing.T, b []byte) string {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	for i := 1; i <= r.NumPage(); i++ {
		p := r.Page(i)
		if p.V.IsNull() {
			continue
		}
		txt, err := p.GetPlainText(nil)
		if err != nil {
			t.Fatal(err)
		}
		sb.WriteString(txt)
	}
	return sb.String()
}

func TestPDFSheetCarriesEveryLabel(t *testing.T) {
	var ls []Label
	for i := 0; i < 50; i++ {
		l := sample
		l.Accession = strings.Repeat("0", 8-len(string(rune('A'+i%26)))) + string(rune('A'+i%26)) + "X"
		ls = append(ls, l)
	}
	b, err := PDF(ls[:2], Sheet)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, b)
	for _, want := range []string{ls[0].Accession, ls[1].Accession, "110***********002X", "2026-03-02", "HD01"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q; text: %q", want, text)
		}
	}
	checkWithPoppler(t, b, ls[0].Accession)
	b, err = PDF(ls, Sheet)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if r.NumPage() != 2 {
		t.Fatalf("50 labels on %d pages; want 2 (44 a sheet)", r.NumPage())
	}
	b, err = PDF(ls[:3], Roll)
	if err != nil {
		t.Fatal(err)
	}
	r, _ = pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if r.NumPage() != 3 {
		t.Fatalf("a roll of 3 labels has %d pages", r.NumPage())
	}
	if _, err := PDF(nil, Sheet); err == nil {
		t.Fatal("an empty sheet was made")
	}
}

// checkWithPoppler reads the sheet as a person and a scanner would: the
// Chinese name as text (the Go PDF reader above mangles CJK fonts), and the
// QR code of the first label rendered at 200 dpi and decoded. It needs
// Debian's poppler-utils, which .ci/run installs.
func checkWithPoppler(t *testing.T, doc []byte, firstAccession string) {
	t.Helper()
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Log("poppler-utils missing: the Chinese text and the printed QR code are not checked")
		return
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "labels.pdf")
	if err := os.WriteFile(file, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", file, "-").Output()
	if err != nil || !strings.Contains(string(out), "王秀英") {
		t.Errorf("pdftotext: %v %q", err, out)
	}
	// The top-left label of an A4 sheet, at 200 dpi.
	if err := exec.Command("pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", "-W", "900", "-H", "400", file, filepath.Join(dir, "p")).Run(); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "p-1.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if got := decodeQR(t, img); got != firstAccession {
		t.Errorf("the printed label's QR code reads %q", got)
	}
}

func TestZPL(t *testing.T) {
	z := ZPL([]Label{sample, {Accession: "00000020Q", Name: "a^b~c"}})
	for _, want := range []string{"^XA", "^PW400", "^LL200", "^BQN,2,6^FDHA,0000001ZK^FS", "^FD王秀英^FS", "^FD110***********002X^FS", "^CI28", "^FDHA,00000020Q^FS", "^FDa b c^FS"} {
		if !strings.Contains(z, want) {
			t.Errorf("ZPL lacks %q:\n%s", want, z)
		}
	}
	if strings.Count(z, "^XA") != 2 || strings.Count(z, "^XZ") != 2 {
		t.Fatal("two labels need two formats")
	}
}

// A name written before names were checked may hold NUL, a line break or a
// bidirectional override: none of them reaches the printer's field data.
func TestZPLFieldDataHasNoControlCharacters(t *testing.T) {
	z := ZPL([]Label{{Accession: "00000020Q", Name: "李\u202Eabc娜\x00\n^XZ\u200B", Station: "S\x1b1"}})
	for _, want := range []string{"^FD李abc娜 XZ^FS", "^FDS1^FS"} {
		if !strings.Contains(z, want) {
			t.Errorf("ZPL lacks %q:\n%s", want, z)
		}
	}
	for _, line := range strings.Split(strings.TrimSuffix(z, "\n"), "\n") {
		for _, r := range line {
			if r < 0x20 || r == 0x7f || r == 0x202e || r == 0x200b {
				t.Fatalf("control character %U in %q", r, line)
			}
		}
	}
}

func TestPrintable(t *testing.T) {
	// 䶮 (Extension A) is in the font; 𠀀 (Extension B) is not.
	if got := Printable("王䶮 IgG 𠀀"); got != "王䶮 IgG 〓" {
		t.Fatalf("Printable = %q", got)
	}
}

func BenchmarkLabelSheet100(b *testing.B) {
	ls := make([]Label, 100)
	for i := range ls {
		ls[i] = sample
	}
	for b.Loop() {
		if _, err := PDF(ls, Sheet); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLabelPNG(b *testing.B) {
	for b.Loop() {
		if _, err := PNG(sample); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLabelZPL(b *testing.B) {
	for b.Loop() {
		ZPL([]Label{sample})
	}
}
