// Accession codes as lab/accession.go defines them: 8 data characters of
// Crockford's base 32 (no I, L, O, U) and one ISO/IEC 7064 MOD 37,36 check
// character. The QR code on a tube's label carries the code and nothing
// else (lab/labels), but a handheld scanner may send it lower-case, with
// spaces, or a payload another system wrapped in a URL or a prefix. Both
// sides must agree on every code: the server parses again and has the
// last word.

import { narrowWidth } from '../shared/width'

const DATA = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const ISO7064 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
export const ACCESSION_LENGTH = 9

function checkChar(data: string): string {
  const m = 36
  let p = m
  for (const ch of data) {
    p = (p + ISO7064.indexOf(ch)) % m
    if (p === 0) p = m
    p = (2 * p) % (m + 1)
  }
  return ISO7064[(m + 1 - p) % m]
}

// isAccession says whether s (already upper-case) is a code whose check
// character matches, exactly as ParseAccession decides.
export function isAccession(s: string): boolean {
  if (s.length !== ACCESSION_LENGTH) return false
  const data = s.slice(0, ACCESSION_LENGTH - 1)
  for (const ch of data) if (!DATA.includes(ch)) return false
  return checkChar(data) === s[ACCESSION_LENGTH - 1]
}

// normaliseScan turns what a scanner or a keyboard sent into the code to
// send: read as ASCII when an input method in full-width mode made it
// full-width, upper-cased and trimmed as the server does; spaces and dashes
// inside dropped; from a URL or a prefixed payload the last valid code in
// it. When nothing valid is found it returns the cleaned text, so the
// refusal names what was read.
export function normaliseScan(raw: string): string {
  const s = narrowWidth(raw).trim().toUpperCase()
  if (isAccession(s)) return s
  const compact = s.replace(/[\s-]+/g, '')
  if (isAccession(compact)) return compact
  const tokens = s.split(/[^0-9A-Z]+/).filter((x) => x !== '')
  for (let i = tokens.length - 1; i >= 0; i--) if (isAccession(tokens[i])) return tokens[i]
  return compact
}
