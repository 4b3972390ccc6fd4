import { describe, expect, it } from 'vitest'
import { releaseView, waitsForVerification } from './release'
import type { Result, SampleDetail } from './types'

const r = (analyte: string, state: string, interpretation: Result['interpretation'] = 'negative'): Result => ({
  analyte, state, version: 1, value: 1, value_text: '1', unit: 'u', kit: 'K', negative_below: 1, positive_from: 2, interpretation, entered_by: 4,
  entered_at: '2026-11-28T02:00:00Z',
})
const sample = (status: SampleDetail['status'], results: Result[]): SampleDetail => ({
  accession: '100000003', client_id: 1, appointment_id: 1, station_id: 1, panel: 'NFPCP', kind: 'screening', labels_printed: 1, status, collected_at: '2026-11-28T01:00:00Z', report_version: 1,
  abnormal: false, client_name: '王秀英', national_id: '', station_code: 'DC01', analytes: ['TOXO_IGG', 'TOXO_IGM', 'RUBV_IGG'], results, amendment_pending: false,
})

describe('releaseView', () => {
  it('releases the entered results the first time', () => {
    const v = releaseView(sample('resulted', [r('TOXO_IGG', 'entered'), r('TOXO_IGM', 'entered')]))
    expect(v.amending).toBe(false)
    expect(v.releasing.map((x) => x.analyte)).toEqual(['TOXO_IGG', 'TOXO_IGM'])
    expect(waitsForVerification(sample('resulted', []))).toBe(true)
  })

  it('an amendment releases the pending rows beside the released ones it does not replace', () => {
    const d = sample('released', [r('TOXO_IGG', 'released'), r('TOXO_IGM', 'released'), r('RUBV_IGG', 'released'), r('TOXO_IGM', 'pending_amendment', 'positive')])
    const v = releaseView(d)
    expect(v.amending).toBe(true)
    expect(v.releasing.map((x) => x.state)).toEqual(['pending_amendment'])
    expect(v.next.map((x) => `${x.analyte}:${x.state}`)).toEqual(['TOXO_IGG:released', 'TOXO_IGM:pending_amendment', 'RUBV_IGG:released'])
    expect(waitsForVerification(d)).toBe(true)
  })

  it('a released sample with nothing pending waits for nothing', () => {
    expect(waitsForVerification(sample('released', [r('TOXO_IGG', 'released')]))).toBe(false)
    expect(waitsForVerification(sample('received', [r('TOXO_IGG', 'entered')]))).toBe(false)
  })
})
