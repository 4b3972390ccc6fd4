import { describe, expect, it } from 'vitest'
import { resultColumns, shown } from './resultsGrid'
import type { Result } from './types'

const r = (analyte: string, value: number, at = '2026-03-01T02:00:00Z'): Result =>
  ({ analyte, value, value_text: String(value), unit: 'AU/mL', interpretation: 'positive', entered_at: at })

describe('resultColumns', () => {
  it('puts the screening and each retest side by side, analyte by analyte', () => {
    const got = resultColumns([r('TOXO_IGG', 0.5), r('TOXO_IGM', 25, '2026-03-02T02:00:00Z')], 'A1', [
      { appointment_id: 9, date: '2026-03-16', status: 'collected', accession: 'B2', results: [r('TOXO_IGM', 12), r('CMV_IGM', 0.2)] },
      { appointment_id: 10, date: '2026-03-30', status: 'booked', results: [] },
    ])
    expect(got.analytes).toEqual(['TOXO_IGG', 'TOXO_IGM', 'CMV_IGM'])
    expect(got.columns.map((c) => [c.key, c.date, c.accession])).toEqual([['first', '2026-03-02', 'A1'], ['retest-9', '2026-03-16', 'B2'], ['retest-10', '2026-03-30', undefined]])
    expect(got.columns[1].byAnalyte.TOXO_IGM.value).toBe(12)
    expect(got.columns[2].byAnalyte.TOXO_IGM).toBeUndefined()
  })
})

describe('shown', () => {
  it('prefers the value as typed, then the qualitative reading', () => {
    expect(shown({ ...r('X', 1), value_text: '1.0' })).toBe('1.0')
    expect(shown({ ...r('X', 1), value_text: '', value: null, qualitative: 'positive' })).toBe('positive')
  })
})
