package lab

import "golang.org/x/text/width"

// narrowWidth reads the full-width forms of ASCII as ASCII: a Chinese
// input method in its full-width mode types a phone number as
// "１３９１２３４５６７８", an ID number's check character as "Ｘ" and a
// space as "　". Phone and ID numbers are read through it, so that such a
// number is the same number; names are kept as they were typed. Every
// other character is left as it is.
func narrowWidth(s string) string { return width.Narrow.String(s) }
