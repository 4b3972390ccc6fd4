import { describe, expect, it } from 'vitest'
import { analytesWithResults, byStation, headline, monthsOf, positivityByMonth, turnaround } from './summaryCharts'
import type { Summary, SummaryRow } from './types'

function row(over: Partial<SummaryRow>): SummaryRow {
  return { key: 'X', screened: 0, collected: 0, rejected: 0, released: 0, abnormal: 0, cases_opened: 0, cases_reached: 0, cases_closed: 0, cases_lost: 0, ...over }
}

function summary(over: Partial<Summary> = {}): Summary {
  const spread = { count: 0, median_hours: null, p90_hours: null }
  return {
    from: '2026-01-01', to: '2026-03-31', station_id: null,
    screened: 0, collected: 0, received: 0, rejected: 0, rejected_by_reason: {}, released: 0,
    analytes: [], findings: {},
    turnaround: { collection_to_receipt: spread, receipt_to_release: spread, release_to_first_reached_contact: spread },
    followup: { opened: 0, closed: 0, closed_by_outcome: {}, completion_rate: 0, lost_rate: 0, overdue_now: 0 },
    by_station: [], by_month: [], ...over,
  }
}

const stats = (analyte: string, tested: number, positive: number) => ({
  analyte, tested, positive, negative: tested - positive, equivocal: 0,
  positive_rate: tested ? positive / tested : 0, negative_rate: 0, equivocal_rate: 0,
})

describe('monthsOf', () => {
  it('clips the first and last month to the range', () => {
    expect(monthsOf('2026-01-15', '2026-03-10')).toEqual([
      { month: '2026-01', from: '2026-01-15', to: '2026-01-31' },
      { month: '2026-02', from: '2026-02-01', to: '2026-02-28' },
      { month: '2026-03', from: '2026-03-01', to: '2026-03-10' },
    ])
  })
  it('crosses a year and keeps only the latest months', () => {
    const ms = monthsOf('2025-01-01', '2026-06-30', 12)
    expect(ms).toHaveLength(12)
    expect(ms[0].month).toBe('2025-07')
    expect(ms[11]).toEqual({ month: '2026-06', from: '2026-06-01', to: '2026-06-30' })
    expect(monthsOf('2025-01-01', '2026-06-30', Infinity)).toHaveLength(18)
  })
  it('is one month for a range inside one', () => {
    expect(monthsOf('2028-02-03', '2028-02-29')).toEqual([{ month: '2028-02', from: '2028-02-03', to: '2028-02-29' }])
  })
  it('is empty for a reversed or missing range', () => {
    expect(monthsOf('2026-03-01', '2026-02-01')).toEqual([])
    expect(monthsOf('', '2026-02-01')).toEqual([])
  })
})

describe('headline', () => {
  it('adds up positives, abnormal samples and open cases', () => {
    const h = headline(summary({
      screened: 9, collected: 10, received: 9, rejected: 1, released: 8,
      analytes: [stats('TOXO_IGM', 8, 2), stats('CMV_IGG', 8, 5)],
      by_station: [row({ key: 'DC01', abnormal: 3 }), row({ key: 'XC01', abnormal: 1 })],
      followup: { opened: 4, closed: 1, closed_by_outcome: {}, completion_rate: 0.25, lost_rate: 0, overdue_now: 2 },
    }))
    expect(h).toEqual({ screened: 9, collected: 10, received: 9, rejected: 1, released: 8, positives: 7, abnormal: 4, openCases: 3, overdueNow: 2, completionRate: 25 })
  })
  it('has no completion rate when no case was opened', () => {
    expect(headline(summary()).completionRate).toBeNull()
  })
})

const women = (analyte: string, tested: number, positive: number) => ({
  analyte, tested, positive, negative: tested - positive, equivocal: 0,
  positive_rate: { numerator: positive, denominator: tested, rate: tested ? positive / tested : 0 },
})

describe('positivityByMonth', () => {
  it('gives one line per analyte, per woman, with gaps for months without results', () => {
    const months = [
      { month: '2026-01', summary: summary({ positivity: [women('TOXO_IGM', 3, 1)], analytes: [stats('TOXO_IGM', 9, 9)] }) },
      { month: '2026-02', summary: summary() },
      { month: '2026-03', summary: summary({ positivity: [women('TOXO_IGM', 4, 0), women('RUBV_IGG', 4, 4), women('CMV_IGM', 0, 0)] }) },
    ]
    expect(positivityByMonth(months, ['TOXO_IGM', 'RUBV_IGG'])).toEqual({
      months: ['2026-01', '2026-02', '2026-03'],
      series: [
        { name: 'TOXO_IGM', data: [33.3, null, 0] },
        { name: 'RUBV_IGG', data: [null, null, 100] },
      ],
    })
    expect([...analytesWithResults(months)].sort()).toEqual(['RUBV_IGG', 'TOXO_IGM'])
  })
})

describe('turnaround', () => {
  it('puts the women\'s first release first, then the samples\' intervals, null where nothing was timed', () => {
    const s = summary()
    s.turnaround.receipt_to_release = { count: 5, median_hours: 20.5, p90_hours: 47 }
    s.turnaround.collection_to_first_release = { count: 3, median_hours: 0.4, p90_hours: 1.2, within_5_working_days: { numerator: 3, denominator: 3, rate: 1 } }
    expect(turnaround(s)).toEqual({
      keys: ['collection_to_first_release', 'collection_to_receipt', 'receipt_to_release', 'release_to_first_reached_contact'],
      median: [0.4, null, 20.5, null], p90: [1.2, null, 47, null], counts: [3, 0, 5, 0],
    })
  })
  it('reads an answer without the women\'s interval as untimed', () => {
    expect(turnaround(summary()).median[0]).toBeNull()
  })
})

describe('byStation', () => {
  it('gives the women\'s completion and within-5-days percentages, null where nothing divides', () => {
    expect(byStation([
      row({ key: 'DC01', station_code: 'DC01', followup_completion: { numerator: 9, denominator: 10, rate: 0.9 }, within_5_working_days: { numerator: 37, denominator: 40, rate: 0.925 } }),
      row({ key: 'XC01', station_code: 'XC01', followup_completion: { numerator: 0, denominator: 0, rate: 0 } }),
    ])).toEqual({ stations: ['DC01', 'XC01'], completion: [90, null], within5: [92.5, null] })
  })
})
