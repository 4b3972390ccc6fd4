package labels

import (
	"strings"
	"sync"

	"golang.org/x/image/font/sfnt"
)

// missingGlyph stands in for a character the font cannot draw: the geta
// mark, which Chinese typesetting uses for exactly that, so the gap is seen
// and a reader knows to look at the record.
const missingGlyph = '〓'

var (
	parsed     *sfnt.Font
	parseOnce  sync.Once
	errParsing error
)

// Printable returns s with every character the embedded font lacks
// replaced by 〓, so that a rare character in a name shows as a visible gap
// instead of vanishing or failing the document.
func Printable(s string) string {
	parseOnce.Do(func() { parsed, errParsing = sfnt.Parse(Font) })
	if errParsing != nil {
		return s
	}
	var buf sfnt.Buffer
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 {
			b.WriteRune(r)
			continue
		}
		if gi, err := parsed.GlyphIndex(&buf, r); err != nil || gi == 0 {
			b.WriteRune(missingGlyph)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
