import { narrowWidth } from './width'

// phoneLooksValid mirrors the server's reading of a phone number
// (lab/client_phone.go): spaces, hyphens, brackets and a +86/0086 prefix dropped,
// then an 11-digit mobile (1[3-9]…) or a landline with its area code (0…,
// 10 to 12 digits). The form checks it with the required fields, so every
// mistake shows at once; the server stays the authority.
export function phoneLooksValid(raw: string): boolean {
  let s = narrowWidth(raw).trim()
  if (s.startsWith('+86')) s = s.slice(3)
  if (/[^0-9 ()-]/.test(s)) return false
  let d = s.replace(/[ ()-]/g, '')
  if (d.startsWith('0086')) d = d.slice(4)
  return (d.length === 11 && /^1[3-9]/.test(d)) || (d.length >= 10 && d.length <= 12 && d[0] === '0')
}
