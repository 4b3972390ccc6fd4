package labels

import (
	"bytes"
	_ "embed"
	"fmt"

	"github.com/go-pdf/fpdf"
)

// Font is a CJK TrueType font with Latin glyphs too (see fonts/README.md),
// embedded so that a station needs no fonts installed. Reports use it too.
//
//go:embed fonts/LXGWWenKai-Regular.ttf
var Font []byte

// The label and sheet sizes, in millimetres. A sheet is A4 with 4 columns
// and 11 rows of 50 × 25 mm labels (44 a page), centred.
const (
	LabelWidth  = 50.0
	LabelHeight = 25.0
	sheetCols   = 4
	sheetRows   = 11
	a4Width     = 210.0
	a4Height    = 297.0
)

// Layout is how labels are laid out in a PDF.
type Layout string

// The layouts: an A4 sheet of labels, or a roll with one 50 × 25 mm label
// a page for label printers that print PDF.
const (
	Sheet Layout = "sheet"
	Roll  Layout = "roll"
)

// PDF lays the labels out and returns the document.
func PDF(ls []Label, layout Layout) ([]byte, error) {
	var pdf *fpdf.Fpdf
	if layout == Roll {
		pdf = fpdf.NewCustom(&fpdf.InitType{UnitStr: "mm", Size: fpdf.SizeType{Wd: LabelWidth, Ht: LabelHeight}})
	} else {
		pdf = fpdf.New("P", "mm", "A4", "")
	}
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCreator("torchlab", true)
	pdf.SetTitle("torchlab tube labels", true)
	pdf.AddUTF8FontFromBytes("kai", "", Font)
	left := (a4Width - sheetCols*LabelWidth) / 2
	top := (a4Height - sheetRows*LabelHeight) / 2
	for i, l := range ls {
		var x, y float64
		if layout == Roll {
			pdf.AddPage()
		} else {
			k := i % (sheetCols * sheetRows)
			if k == 0 {
				pdf.AddPage()
			}
			x, y = left+float64(k%sheetCols)*LabelWidth, top+float64(k/sheetCols)*LabelHeight
		}
		if err := drawLabel(pdf, l, x, y); err != nil {
			return nil, err
		}
	}
	if len(ls) == 0 {
		return nil, fmt.Errorf("no labels to print")
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// drawLabel draws one label with its top-left corner at x, y: the QR code
// as vector squares (sharp at any printer resolution) on the left, the
// text on the right.
func drawLabel(pdf *fpdf.Fpdf, l Label, x, y float64) error {
	bits, err := QR(l.Accession)
	if err != nil {
		return err
	}
	const qrSide = 22.0
	module := qrSide / float64(len(bits))
	qx, qy := x+1.5, y+(LabelHeight-qrSide)/2
	pdf.SetFillColor(0, 0, 0)
	// Each run of dark modules in a row is one rectangle: the same
	// picture as a square per module with about half the drawing
	// operators (a smaller file, a faster sheet), and no seam a renderer
	// could leave between two squares.
	for r, row := range bits {
		for c := 0; c < len(row); {
			if !row[c] {
				c++
				continue
			}
			run := 1
			for c+run < len(row) && row[c+run] {
				run++
			}
			pdf.Rect(qx+float64(c)*module, qy+float64(r)*module, float64(run)*module, module, "F")
			c += run
		}
	}
	tx := x + 1.5 + qrSide + 1
	width := x + LabelWidth - 1.5 - tx
	line := func(size float64, text string, baseline float64) {
		pdf.SetFont("kai", "", size)
		pdf.Text(tx, y+baseline, fit(pdf, Printable(text), width))
	}
	line(10, l.Accession, 6.5)
	line(9, l.Name, 11.5)
	line(6.5, l.MaskedID, 15.5)
	line(6.5, l.CollectedOn, 19)
	line(6.5, l.Station, 22.5)
	return pdf.Error()
}

// fit cuts text to the width, marking a cut with "…".
func fit(pdf *fpdf.Fpdf, text string, width float64) string {
	if pdf.GetStringWidth(text) <= width {
		return text
	}
	r := []rune(text)
	for len(r) > 0 && pdf.GetStringWidth(string(r)+"…") > width {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}
