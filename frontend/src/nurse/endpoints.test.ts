import { describe, expect, it } from 'vitest'
import { withQuery as path } from '../api'
import { dayList, labelSheetPDF, labelZPL, openRecollections, reportPDF, samplesOn, searchClients } from './endpoints'
import { recordFetch } from '../shared/recordFetch'

const calls = recordFetch()

describe('the desk endpoints', () => {
  it('leave out the filters not chosen, and an admin\'s "every station"', async () => {
    await dayList({ date: '', stationId: 0 })
    await dayList({ date: '2026-03-02', stationId: 3 })
    await openRecollections({ limit: 1 })
    await samplesOn('2026-03-02', 0)
    expect(calls.map((c) => c.url)).toEqual([
      '/api/v1/appointments?limit=200',
      '/api/v1/appointments?limit=200&date=2026-03-02&station_id=3',
      '/api/v1/recollections?open=true&limit=1',
      '/api/v1/samples?from=2026-03-02&to=2026-03-02&limit=200',
    ])
  })

  it('escape what a user typed or scanned', async () => {
    await searchClients('王 秀&英')
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/clients?limit=20&q=%E7%8E%8B+%E7%A7%80%26%E8%8B%B1'])
    expect(reportPDF('A/1', 'en')).toBe('/api/v1/samples/A%2F1/report.pdf?lang=en')
    expect(path('/x', { a: undefined, b: false })).toBe('/x?b=false')
  })

  it('fetch the label sheet of several tubes, and a tube\'s ZPL with its reprint reason', async () => {
    await labelSheetPDF(['A1', 'B2'])
    await labelZPL('A/1')
    await labelZPL('A1', '污损')
    expect(calls.map((c) => c.url)).toEqual([
      '/api/v1/labels.pdf?accession=A1&accession=B2',
      '/api/v1/samples/A%2F1/label.zpl',
      '/api/v1/samples/A1/label.zpl?reason=%E6%B1%A1%E6%8D%9F',
    ])
  })
})
