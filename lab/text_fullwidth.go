package lab

import "golang.org/x/text/width"

// narrowWidth reads the full-width forms of ASCII as ASCII: a Chinese
// input method in its full-width mode types a phone number as
// "１３９１２３４５６７８", an ID number's check character as "Ｘ" and a
// space as "　", and a barcode scanner's keystrokes come through it so
// too. Phone and ID numbers and accession codes are read through it, so
// that such a number is the same number; names are kept as they were
// typed. width.Narrow also gives a few other wide characters their narrow
// forms (￥, the wide CJK punctuation), none of which a number or code
// accepts; digits in other forms (①, Ⅹ, ²) are left as they are, and
// the forms' check (frontend/src/shared/width.ts) leaves them too.
func narrowWidth(s string) string { return width.Narrow.String(s) }
