// The resident ID number check as the nurse types it: the same rules as
// the server's lab.ParseNationalID (GB 11643-1999, domain.md §6), so that a
// mistyped number is caught at the desk before it is sent. The server
// checks again; this only saves a round trip and says why at once.

import { narrowWidth } from './width'

export type IdReason =
  | 'required' | 'legacy_15_digit' | 'length' | 'format' | 'birth_date'
  | 'future_birth_date' | 'checksum' | 'not_female'

export type IdCheck =
  | { ok: true; number: string; birthDate: string; female: boolean }
  | { ok: false; reason: IdReason; typing: boolean }

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const checkChars = '10X98765432'

// checkCharOf computes the ISO 7064 MOD 11-2 check character of 17 digits.
export function checkCharOf(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * weights[i]
  return checkChars[sum % 11]
}

// checkNationalId validates a number in full. today bounds the birth date
// (YYYY-MM-DD). A shorter number of plain digits is reported with
// typing: true, so the form can wait quietly until the 18th character.
// womenOnly adds the programme's rule that the sequence code is a woman's.
export function checkNationalId(raw: string, today: string, womenOnly = false): IdCheck {
  // An input method's full-width mode types １１０…Ｘ: the same number.
  const s = narrowWidth(raw).trim().toUpperCase()
  const bad = (reason: IdReason, typing = false): IdCheck => ({ ok: false, reason, typing })
  if (s === '') return bad('required', true)
  const digitsSoFar = /^\d*X?$/.test(s) && !/X./.test(s)
  if (s.length === 15 && /^\d{15}$/.test(s)) return bad('legacy_15_digit', true)
  if (s.length !== 18) return bad(s.length < 18 && digitsSoFar ? 'length' : s.length > 18 ? 'length' : 'format', s.length < 18 && digitsSoFar)
  if (!/^\d{17}[\dX]$/.test(s)) return bad('format')
  const y = Number(s.slice(6, 10)), m = Number(s.slice(10, 12)), d = Number(s.slice(12, 14))
  const birth = new Date(Date.UTC(y, m - 1, d))
  if (y < 1800 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return bad('birth_date')
  const birthDate = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`
  if (birthDate > today) return bad('future_birth_date')
  if (checkCharOf(s.slice(0, 17)) !== s[17]) return bad('checksum')
  const female = (s.charCodeAt(16) - 48) % 2 === 0
  if (womenOnly && !female) return bad('not_female')
  return { ok: true, number: s, birthDate, female }
}
