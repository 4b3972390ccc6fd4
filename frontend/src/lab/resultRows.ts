import { preview, type Preview } from './interpret'
import type { Kit, Result, SampleDetail } from './types'

// The state of one sample's row in the result grid, and what saving it
// sends. A cell holds what is typed; once saved it also holds the server's
// result, whose interpretation is shown instead of the preview until the
// value is changed again.
export interface Cell {
  text: string
  saved?: Result
  error?: string // a field code, from the preview or the server's refusal
}

export function savedText(r: Result): string {
  return r.value_text ?? r.qualitative ?? (r.value === null ? '' : String(r.value))
}

export function cellsFrom(d: SampleDetail): Record<string, Cell> {
  const cells: Record<string, Cell> = {}
  for (const a of d.analytes) cells[a] = { text: '' }
  for (const r of d.results) if (cells[r.analyte]) cells[r.analyte] = { text: savedText(r), saved: r }
  return cells
}

export function isDirty(c: Cell): boolean {
  return c.text.trim() !== (c.saved ? savedText(c.saved) : '')
}

// shown: the server's interpretation for a saved, unchanged value; the
// preview by the kit otherwise.
export function shown(c: Cell, kit: Kit | undefined): Preview {
  if (c.saved && !isDirty(c)) return { kind: 'judged', interpretation: c.saved.interpretation }
  return preview(c.text, kit)
}

// toSave lists the analytes to send: values typed or changed. Clearing a
// saved value deletes nothing (a result is replaced, never removed before
// release), so an emptied cell is left out.
export function toSave(cells: Record<string, Cell>, analytes: string[]): { analyte: string; value: string }[] {
  return analytes
    .filter((a) => cells[a] && isDirty(cells[a]) && cells[a].text.trim() !== '')
    .map((a) => ({ analyte: a, value: cells[a].text.trim() }))
}

// fieldErrorsByAnalyte maps the server's field errors ("results[2].value")
// back to the analytes that were sent.
export function fieldErrorsByAnalyte(sent: { analyte: string }[], fields: { field: string; code: string }[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const f of fields) {
    const m = /^results\[(\d+)\]\./.exec(f.field)
    const s = m ? sent[Number(m[1])] : undefined
    if (s && !out[s.analyte]) out[s.analyte] = f.code
  }
  return out
}

// gridColumns: every analyte of the panels, the default panel's order first.
export function gridColumns(panels: { analytes: string[]; is_default: boolean }[]): string[] {
  const out: string[] = []
  const ordered = [...panels].sort((a, b) => Number(b.is_default) - Number(a.is_default))
  for (const p of ordered) for (const a of p.analytes) if (!out.includes(a)) out.push(a)
  return out
}
