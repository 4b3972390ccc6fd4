import { describe, expect, it } from 'vitest'
import { cellsFrom, fieldErrorsByAnalyte, gridColumns, isDirty, shown, toSave } from './resultRows'
import type { Kit, Result, SampleDetail } from './types'

const result = (analyte: string, text: string, interpretation: Result['interpretation']): Result => ({
  analyte, state: 'entered', version: 1, value: Number(text), value_text: text, unit: 'AU/mL', kit: 'K',
  negative_below: 8, positive_from: 10, interpretation, entered_by: 4, entered_at: '2026-11-28T02:00:00Z',
})
const detail = (results: Result[]): SampleDetail => ({
  accession: '100000003', client_id: 1, appointment_id: 1, station_id: 1, panel: 'NFPCP', kind: 'screening', labels_printed: 1, status: 'received', collected_at: '2026-11-28T01:00:00Z',
  report_version: 0, abnormal: false, client_name: '王秀英', national_id: '110***', station_code: 'DC01',
  analytes: ['TOXO_IGG', 'TOXO_IGM', 'RUBV_IGG'], results, amendment_pending: false,
})
const kit: Kit = { id: 1, analyte: 'TOXO_IGM', kit: 'K', unit: 'AU/mL', negative_below: 8, positive_from: 10, effective_from: '2000-01-01', created_at: '2000-01-01T00:00:00Z' }

describe('a row of the grid', () => {
  it('starts from what was saved before', () => {
    const cells = cellsFrom(detail([result('TOXO_IGM', '12', 'positive')]))
    expect(Object.keys(cells)).toEqual(['TOXO_IGG', 'TOXO_IGM', 'RUBV_IGG'])
    expect(cells.TOXO_IGM.text).toBe('12')
    expect(isDirty(cells.TOXO_IGM)).toBe(false)
    expect(isDirty(cells.TOXO_IGG)).toBe(false)
  })

  it("shows the server's interpretation until the value changes, then the preview", () => {
    // The server judged 9 positive (say, by another kit): its word stands.
    const cells = cellsFrom(detail([result('TOXO_IGM', '9', 'positive')]))
    expect(shown(cells.TOXO_IGM, kit)).toEqual({ kind: 'judged', interpretation: 'positive' })
    cells.TOXO_IGM.text = '9.5'
    expect(shown(cells.TOXO_IGM, kit)).toEqual({ kind: 'judged', interpretation: 'equivocal' })
  })

  it('sends only values typed or changed, never an emptied cell', () => {
    const cells = cellsFrom(detail([result('TOXO_IGM', '12', 'positive'), result('RUBV_IGG', '30', 'positive')]))
    cells.TOXO_IGG.text = ' 0.4 '
    cells.RUBV_IGG.text = ''
    expect(toSave(cells, ['TOXO_IGG', 'TOXO_IGM', 'RUBV_IGG'])).toEqual([{ analyte: 'TOXO_IGG', value: '0.4' }])
  })
})

describe('fieldErrorsByAnalyte', () => {
  it("names the cell of each of the server's field errors", () => {
    const sent = [{ analyte: 'TOXO_IGG' }, { analyte: 'CMV_IGM' }]
    expect(fieldErrorsByAnalyte(sent, [{ field: 'results[1].value', code: 'not_numeric' }, { field: 'results', code: 'required' }]))
      .toEqual({ CMV_IGM: 'not_numeric' })
  })
})

describe('gridColumns', () => {
  it("puts the default panel's analytes first, then the others'", () => {
    expect(gridColumns([
      { analytes: ['TOXO_IGG', 'CMV_IGG', 'X_IGG'], is_default: false },
      { analytes: ['TOXO_IGG', 'TOXO_IGM', 'CMV_IGG'], is_default: true },
    ])).toEqual(['TOXO_IGG', 'TOXO_IGM', 'CMV_IGG', 'X_IGG'])
  })
})
