package labels

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ZPL returns a ZPL II label of 50 × 25 mm for a 203 dpi thermal printer
// (400 × 200 dots): the QR code (model 2, 6 dots a module, level H) on the
// left and the text on the right. Field data is UTF-8 (^CI28). The name is
// printed with the printer's Simplified Chinese font E:ANMDS.TTF (Zebra's
// Andale Mono CJK font, installed as an option on most Zebra printers); a
// printer without it prints the other fields. Several labels are several
// ^XA…^XZ formats.
func ZPL(ls []Label) string {
	var b strings.Builder
	for _, l := range ls {
		b.WriteString("^XA\n^CI28\n^PW400\n^LL200\n^LH0,0\n")
		// ^BQ's field data starts with the error level and input mode:
		// H = level H, A = automatic.
		fmt.Fprintf(&b, "^FO10,12^BQN,2,6^FDHA,%s^FS\n", zplText(l.Accession))
		fmt.Fprintf(&b, "^FO190,18^A0N,34,30^FD%s^FS\n", zplText(l.Accession))
		fmt.Fprintf(&b, "^FO190,62^A@N,30,30,E:ANMDS.TTF^FD%s^FS\n", zplText(l.Name))
		fmt.Fprintf(&b, "^FO190,102^A0N,22,20^FD%s^FS\n", zplText(l.MaskedID))
		fmt.Fprintf(&b, "^FO190,132^A0N,22,20^FD%s^FS\n", zplText(l.CollectedOn))
		fmt.Fprintf(&b, "^FO190,162^A0N,22,20^FD%s^FS\n", zplText(l.Station))
		b.WriteString("^XZ\n")
	}
	return b.String()
}

// zplText keeps the command characters ^ and ~ out of field data, where
// they would start a command, and leaves out control and format
// characters (NUL, line breaks, bidirectional overrides, zero-width
// characters): a printer reads them as bytes of the format, not as text.
// torchlab refuses them in names when they are typed; this holds for any
// record written before that check.
func zplText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '^' || r == '~':
			return ' '
		case r == utf8.RuneError || unicode.In(r, unicode.Cc, unicode.Cf):
			return -1
		}
		return r
	}, s)
}
