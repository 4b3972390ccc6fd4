// The admin's template editor checks as she types what the server checks
// when she saves (lab/message_templates.go, CheckTemplate), and shows the
// message as a woman would read it. The server stays the authority: these
// checks only tell her earlier, and its refusal is shown all the same.

// The placeholders, as the server fills them; a brace pair holding
// anything else is refused.
export const placeholderPattern = /\{([^{}]*)\}/g

// maxTemplateChars is the server's bound: three SMS parts of 70
// characters, with room for the values.
export const maxTemplateChars = 210

export interface TemplateProblem {
  // The server's field code: required, too_long, unknown_placeholder, forbidden_word.
  code: 'required' | 'too_long' | 'unknown_placeholder' | 'forbidden_word'
  // What it is about: the placeholder's name, the forbidden word, or ''.
  what: string
}

// placeholdersIn lists the placeholders a template uses, in order, each once.
export function placeholdersIn(body: string): string[] {
  const seen: string[] = []
  for (const m of body.matchAll(placeholderPattern)) if (!seen.includes(m[1])) seen.push(m[1])
  return seen
}

// charCount counts characters as the server does (code points, not UTF-16 units).
export function charCount(s: string): number {
  return [...s].length
}

const latin = /[a-z]/
// The hidden characters that could split a word (zero-width spaces and
// joiners, the word joiner, the soft hyphen, the byte-order mark).
const invisible = /[\u200b\u200c\u200d\u2060\u00ad\ufeff]/g

// narrow turns full-width letters and digits into their ASCII forms, as the
// server reads them.
function narrow(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ')
}

// latinWords splits text into runs of Latin letters; a hyphen or a hidden
// character inside a word does not end it, and letters spelt out one by
// one ("I g M") make one word.
function latinWords(text: string): string[] {
  const words = text.replace(invisible, '').replace(/([a-z])-(?=[a-z])/g, '$1').split(/[^a-z]+/).filter(Boolean)
  const out: string[] = []
  let spelt = ''
  for (const w of words) {
    if (w.length === 1) { spelt += w; continue }
    if (spelt) { out.push(spelt); spelt = '' }
    out.push(w)
  }
  if (spelt) out.push(spelt)
  return out
}

// forbiddenWordIn returns the first word of the server's list that a text
// holds, or ''. Chinese words are matched with spaces and punctuation
// taken out; an English word must be inside a word, and a short one (an
// analyte's code such as "igg") must begin it, so that "bigger" passes.
export function forbiddenWordIn(text: string, forbidden: string[]): string {
  const lower = narrow(text).toLowerCase()
  const compact = lower.replace(invisible, '').replace(/[\s\p{P}\p{S}]/gu, '')
  for (const w of forbidden) if (!latin.test(w) && compact.includes(w)) return w
  const words = latinWords(lower)
  for (const w of forbidden) {
    if (!latin.test(w)) continue
    const short = w.length <= 4
    if (words.some((word) => (short ? word.startsWith(w) : word.includes(w)))) return w
  }
  return ''
}

// checkTemplate lists what the server would refuse in a template for an
// event whose placeholders are allowed.
export function checkTemplate(body: string, allowed: string[], forbidden: string[]): TemplateProblem[] {
  const problems: TemplateProblem[] = []
  const n = charCount(body.trim())
  if (n === 0) problems.push({ code: 'required', what: '' })
  else if (n > maxTemplateChars) problems.push({ code: 'too_long', what: String(maxTemplateChars) })
  for (const p of placeholdersIn(body)) if (!allowed.includes(p)) problems.push({ code: 'unknown_placeholder', what: `{${p}}` })
  if (/[{}]/.test(body.replace(placeholderPattern, ''))) problems.push({ code: 'unknown_placeholder', what: '{ }' })
  const w = forbiddenWordIn(body.replace(placeholderPattern, ' '), forbidden)
  if (w) problems.push({ code: 'forbidden_word', what: w })
  return problems
}

// renderTemplate fills the placeholders in one pass, as the server does,
// so that a value holding braces is never read as a placeholder; an
// unknown one is left as typed, so the preview shows the mistake.
export function renderTemplate(body: string, values: Record<string, string>): string {
  return body.replace(placeholderPattern, (m, name: string) => values[name] ?? m)
}

// formatDay writes a day as a message in that language does
// (lab/message_templates.go formatDay).
export function formatDay(iso: string, lang: string): string {
  const [y, m, d] = iso.split('-').map(Number)
  if (lang === 'en') {
    const month = new Date(Date.UTC(y, m - 1, d)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })
    return `${d} ${month} ${y}`
  }
  return `${y}年${m}月${d}日`
}

// sampleValues are the values the preview fills in: a made-up woman at
// the station, tomorrow morning.
export function sampleValues(lang: string, station: { name: string; phone: string }, day: string): Record<string, string> {
  const name = lang === 'en' ? 'Wang Fang' : '王芳'
  return {
    name, surname: [...name][0], date: formatDay(day, lang), time: '09:30', station: station.name, station_phone: station.phone,
  }
}

// smsParts is how many text messages a text takes: 70 characters for one
// in Chinese (67 each once it is split), 160 (153) when it is plain ASCII.
export function smsParts(text: string): number {
  const n = charCount(text)
  if (n === 0) return 0
  // eslint-disable-next-line no-control-regex
  const ascii = /^[\x00-\x7f]*$/.test(text)
  const [one, each] = ascii ? [160, 153] : [70, 67]
  return n <= one ? 1 : Math.ceil(n / each)
}

// culprit picks what the server's detail names: "\"阴性\": a message…",
// "{result} is not one of {…}", "at most 210 characters".
export function culprit(code: string, detail: string): string {
  switch (code) {
    case 'forbidden_word':
      return detail.match(/^"([^"]*)"/)?.[1] ?? ''
    case 'unknown_placeholder':
      return detail.match(/^\{[^{}]*\}/)?.[0] ?? '{ }'
    case 'too_long':
      return detail.match(/\d+/)?.[0] ?? ''
  }
  return ''
}
