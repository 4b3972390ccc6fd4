// The analyte code map of an analyser, as the admin screen edits it: one
// row per analyser test code, each naming one of torchlab's analytes. The
// API takes and gives a JSON object (code → analyte) and names a refused
// code as the field "code_map.<code as sent>"; these helpers turn one into
// the other and put each refusal back on its row.
import type { ApiError } from '../api'
import { i18n } from '../i18n'
import { fieldWord } from './fieldErrors'

export interface CodeRow {
  code: string
  analyte: string
}

export type { Analyser } from '../api/types'

// Codes are compared as the server compares them: trimmed, any case.
const norm = (code: string) => code.trim().toUpperCase()

// rowsOf lists a saved map as rows, sorted by code so that it reads the
// same every time.
export function rowsOf(map: Record<string, string> | null | undefined): CodeRow[] {
  return Object.entries(map ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, analyte]) => ({ code, analyte }))
}

// RowProblem is why the form refuses a row before sending it: a code
// given twice would silently collapse into one key of the JSON object, and
// a code without an analyte (or the reverse) cannot be saved.
export type RowProblem = 'duplicate' | 'required'

// mapOf builds the map to send: blank rows are dropped; rows the server
// could not tell apart or that are half filled come back as problems, by
// row index, and then nothing should be sent.
export function mapOf(rows: CodeRow[]): { map: Record<string, string>; problems: Record<number, RowProblem> } {
  const map: Record<string, string> = {}
  const problems: Record<number, RowProblem> = {}
  const seen = new Set<string>()
  rows.forEach((r, i) => {
    const code = r.code.trim()
    if (code === '' && r.analyte === '') return
    if (code === '' || r.analyte === '') {
      problems[i] = 'required'
      return
    }
    if (seen.has(norm(code))) {
      problems[i] = 'duplicate'
      return
    }
    seen.add(norm(code))
    map[code] = r.analyte
  })
  return { map, problems }
}

// rowErrors puts the server's refusals of code_map entries on the rows
// that sent them ("code_map.TOXO G" → the row whose code is "TOXO G"), in
// the user's language; a refusal of the whole map (too many codes) is on
// row -1.
export function rowErrors(err: ApiError | null, rows: CodeRow[], word: (code: string) => string = (c) => analyserWord('code_map', c)): Record<number, string> {
  const out: Record<number, string> = {}
  for (const f of err?.fields ?? []) {
    if (f.field === 'code_map') {
      out[-1] ??= word(f.code)
      continue
    }
    if (!f.field.startsWith('code_map.')) continue
    const sent = f.field.slice('code_map.'.length)
    const i = rows.findIndex((r) => r.code.trim() === sent.trim())
    out[i] ??= word(f.code)
  }
  return out
}

// analyserWord says why the server refused a field of the analyser form,
// in words for that field where the shared word would be too vague
// ("invalid" of a sender id says which characters it may not hold).
export function analyserWord(field: string, code: string): string {
  const key = `admin.analysers.errors.${field}.${code}`
  return i18n.global.te(key) ? i18n.global.t(key) : fieldWord(code)
}

// formErrors gives the refusal of each plain field (name, protocol,
// sender_id) of the form, in the user's language.
export function formErrors(err: ApiError | null): Record<string, string> {
  const out: Record<string, string> = {}
  for (const f of err?.fields ?? []) {
    if (!f.field.startsWith('code_map')) out[f.field] ??= analyserWord(f.field, f.code)
  }
  return out
}
