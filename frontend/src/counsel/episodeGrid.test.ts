import { describe, expect, it } from 'vitest'
import { episodeGrid, shown } from './episodeGrid'
import type { CaseSample, Result } from './types'

const r = (analyte: string, value: number, interpretation: Result['interpretation'] = 'positive'): Result => ({
  analyte, state: 'verified', version: 1, value, value_text: String(value), unit: 'AU/mL', kit: 'K', negative_below: 8, positive_from: 10,
  interpretation, entered_by: 4, entered_at: '2026-03-01T02:00:00Z',
})
const tube = (accession: string, kind: CaseSample['kind'], collected_on: string, results: Result[], status = 'released'): CaseSample =>
  ({ accession, kind, status, collected_on, report_version: 1, abnormal: true, results })

describe('episodeGrid', () => {
  it('sets her tubes side by side in draw order, then the retests not drawn yet', () => {
    const got = episodeGrid(
      [
        tube('A1', 'screening', '2026-03-01', [r('TOXO_IGM', 25), r('TOXO_IGG', 0.5, 'negative')]),
        tube('B2', 'retest', '2026-03-15', [r('TOXO_IGM', 30), r('TOXO_IGG', 45), r('CMV_IGM', 0.2, 'negative')]),
        tube('C3', 'redraw', '2026-03-20', [], 'received'),
      ],
      [
        { appointment_id: 9, date: '2026-03-15', status: 'collected', accession: 'B2', results: [] },
        { appointment_id: 10, date: '2026-03-30', status: 'booked', results: [] },
        { appointment_id: 11, date: '2026-03-10', status: 'no_show', results: [] },
      ],
    )
    expect(got.analytes).toEqual(['TOXO_IGM', 'TOXO_IGG', 'CMV_IGM'])
    expect(got.columns.map((c) => [c.key, c.kind, c.date, c.drawn])).toEqual([
      ['sample-A1', 'screening', '2026-03-01', true],
      ['sample-B2', 'retest', '2026-03-15', true],
      ['sample-C3', 'redraw', '2026-03-20', true],
      ['retest-10', 'retest', '2026-03-30', false],
    ])
    expect(got.columns[1].byAnalyte.TOXO_IGG.value).toBe(45)
  })
  it('marks a reading that changed since the last tube with that analyte', () => {
    const got = episodeGrid(
      [
        tube('A1', 'screening', '2026-03-01', [r('TOXO_IGM', 25), r('TOXO_IGG', 0.5, 'negative')]),
        tube('B2', 'retest', '2026-03-15', [r('TOXO_IGM', 30)]),
        tube('C3', 'retest', '2026-03-29', [r('TOXO_IGM', 5, 'negative'), r('TOXO_IGG', 45)]),
      ],
      [],
    )
    expect(got.columns[0].changes).toEqual({})
    expect(got.columns[1].changes).toEqual({})
    expect(got.columns[2].changes).toEqual({
      TOXO_IGM: { from: 'positive', to: 'negative' },
      TOXO_IGG: { from: 'negative', to: 'positive' },
    })
  })
})

describe('shown', () => {
  it('prefers the value as typed, then the qualitative reading', () => {
    expect(shown({ ...r('X', 1), value_text: '1.0' })).toBe('1.0')
    expect(shown({ ...r('X', 1), value_text: '', value: null, qualitative: 'positive' })).toBe('positive')
  })
})
