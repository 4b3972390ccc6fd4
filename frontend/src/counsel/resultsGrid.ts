import { isoDate } from '../shared/format'
import type { Result, RetestView } from './types'

// A column of the side-by-side results: the screening sample or one retest.
export interface ResultColumn {
  key: string
  date: string // YYYY-MM-DD: the retest's appointment, or the day the screening was resulted
  accession?: string
  retest?: RetestView
  byAnalyte: Record<string, Result>
}

// resultColumns lines up her screening and each retest booked from the
// case, analyte by analyte in the screening's order (then any analyte only
// a retest has), so a changing value reads across one row.
export function resultColumns(first: Result[], firstAccession: string, retests: RetestView[]): { analytes: string[]; columns: ResultColumn[] } {
  const index = (rs: Result[]) => Object.fromEntries(rs.map((r) => [r.analyte, r]))
  // The station's day of the latest entry, not the UTC date of the instant.
  const day = (rs: Result[]) => {
    const last = rs.map((r) => r.entered_at).sort().at(-1)
    return last ? isoDate(new Date(last)) : ''
  }
  const columns: ResultColumn[] = [
    { key: 'first', date: day(first), accession: firstAccession, byAnalyte: index(first) },
    ...retests.map((r) => ({ key: 'retest-' + r.appointment_id, date: r.date, accession: r.accession, retest: r, byAnalyte: index(r.results) })),
  ]
  const analytes: string[] = []
  for (const rs of [first, ...retests.map((r) => r.results)]) {
    for (const r of rs) if (!analytes.includes(r.analyte)) analytes.push(r.analyte)
  }
  return { analytes, columns }
}

// shown is a result as it was entered: the number as typed, or the
// qualitative reading of a kit without numbers.
export function shown(r: Result): string {
  return r.value_text || r.qualitative || (r.value === null ? '' : String(r.value))
}
