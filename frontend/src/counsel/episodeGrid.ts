import type { CaseSample, Result, RetestView, SampleKind } from './types'

// Her episode's tubes side by side: a column per tube in the order they
// were drawn, then a column per retest booked but not drawn yet; a row per
// analyte in the first tube's order (then any analyte only a later tube
// has), so that a changing reading reads across one row. Pure, tested in
// episodeGrid.test.ts.

export interface EpisodeColumn {
  key: string
  kind: SampleKind
  date: string // the day drawn, or the day a retest is booked for
  accession?: string
  status: string // the tube's status, or the booked retest's
  drawn: boolean
  byAnalyte: Record<string, Result>
  // The readings that differ from the last earlier tube with that analyte.
  changes: Record<string, { from: string; to: string }>
}

export function episodeGrid(samples: CaseSample[], retests: RetestView[]): { analytes: string[]; columns: EpisodeColumn[] } {
  const columns: EpisodeColumn[] = samples.map((s) => ({
    key: 'sample-' + s.accession, kind: s.kind, date: s.collected_on, accession: s.accession, status: s.status, drawn: true,
    byAnalyte: Object.fromEntries(s.results.map((r) => [r.analyte, r])), changes: {},
  }))
  for (const r of retests) {
    if (r.accession || (r.status !== 'booked' && r.status !== 'checked_in')) continue
    columns.push({ key: 'retest-' + r.appointment_id, kind: 'retest', date: r.date, status: r.status, drawn: false, byAnalyte: {}, changes: {} })
  }
  const analytes: string[] = []
  for (const s of samples) for (const r of s.results) if (!analytes.includes(r.analyte)) analytes.push(r.analyte)
  const last: Record<string, string> = {}
  for (const col of columns) {
    for (const a of analytes) {
      const r = col.byAnalyte[a]
      if (!r) continue
      if (last[a] && last[a] !== r.interpretation) col.changes[a] = { from: last[a], to: r.interpretation }
      last[a] = r.interpretation
    }
  }
  return { analytes, columns }
}

// shown is a result as it was entered: the number as typed, or the
// qualitative reading of a kit without numbers.
export function shown(r: Result): string {
  return r.value_text || r.qualitative || (r.value === null ? '' : String(r.value))
}
