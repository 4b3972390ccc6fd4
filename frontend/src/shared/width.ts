// narrowWidth reads the full-width forms of ASCII (U+FF01–FF5E) and the
// ideographic space as ASCII: what a Chinese input method types in its
// full-width mode, and what a barcode scanner's keystrokes become through
// it. Nothing else changes, so a number the form accepts is one the server
// accepts (lab/text_fullwidth.go).
export function narrowWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
}
