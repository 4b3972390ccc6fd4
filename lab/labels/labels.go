// Package labels draws the labels of blood tubes: a QR code that carries
// the accession code and nothing else, and beside it in print the code, the
// woman's name, her masked ID number, the collection date and the station.
// It renders PNG (one label's code), a PDF sheet of 50 × 25 mm labels, and
// ZPL II for thermal label printers. It knows nothing of the database.
package labels

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"

	qrcode "github.com/skip2/go-qrcode"
	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

// Label is what one tube's label shows.
type Label struct {
	Accession   string
	Name        string
	MaskedID    string
	CollectedOn string // YYYY-MM-DD at the station
	Station     string // the station's code
}

// Level H restores up to 30 % of the code: a label on a small curved tube
// is partly hidden by the curve and gets scuffed. Codes of up to 10
// alphanumeric characters still fit version 1 (21 × 21 modules).
const level = qrcode.Highest

// QR returns the QR code's modules, quiet zone included (true = dark).
func QR(accession string) ([][]bool, error) {
	q, err := qrcode.New(accession, level)
	if err != nil {
		return nil, err
	}
	return q.Bitmap(), nil
}

// pxPerModule keeps every module a whole number of pixels: scanners fail
// unpredictably on codes scaled by fractions (shared/STACK.md).
const pxPerModule = 8

// PNG draws the QR code at 8 pixels per module, with the accession code
// printed beneath it in ASCII (the PDF and ZPL labels carry the rest).
func PNG(l Label) ([]byte, error) {
	bits, err := QR(l.Accession)
	if err != nil {
		return nil, err
	}
	side := len(bits) * pxPerModule
	textHeight := 20
	img := image.NewGray(image.Rect(0, 0, side, side+textHeight))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	for y, row := range bits {
		for x, dark := range row {
			if dark {
				r := image.Rect(x*pxPerModule, y*pxPerModule, (x+1)*pxPerModule, (y+1)*pxPerModule)
				draw.Draw(img, r, image.Black, image.Point{}, draw.Src)
			}
		}
	}
	face := basicfont.Face7x13
	d := font.Drawer{Dst: img, Src: image.NewUniform(color.Black), Face: face}
	width := d.MeasureString(l.Accession).Round()
	d.Dot = fixed.P((side-width)/2, side+13)
	d.DrawString(l.Accession)
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
