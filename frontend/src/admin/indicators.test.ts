import { describe, expect, it } from 'vitest'
import {
  chartUnit, definitionKeys, durationText, perTenThousand, ratioFraction, ratioPercent, ratioText, stationMarks, targetMark, targets, womenRatio,
} from './indicators'
import type { Summary, SummaryRow } from './types'

const r = (numerator: number, denominator: number) => ({ numerator, denominator, rate: denominator ? Math.round((numerator / denominator) * 10000) / 10000 : 0 })
const words = { hours: (n: string) => `${n} h`, minutes: (n: string) => `${n} min`, underMinutes: (n: string) => `< ${n} min` }

const zhWords = { hours: (n: string) => `${n} 小时`, minutes: (n: string) => `${n} 分钟`, underMinutes: (n: string) => `< ${n} 分钟` }

describe('durationText', () => {
  it('writes an hour and more in hours with one decimal', () => {
    expect(durationText(1, words)).toBe('1.0 h')
    expect(durationText(6.8, words)).toBe('6.8 h')
    expect(durationText(47, words)).toBe('47.0 h')
    expect(durationText(120.25, words)).toBe('120.3 h')
  })
  it('writes under an hour in whole minutes', () => {
    expect(durationText(0.9, words)).toBe('54 min')
    expect(durationText(0.4, words)).toBe('24 min')
    expect(durationText(0.1, words)).toBe('6 min')
  })
  it('says 0.0 h is under 3 minutes, not zero', () => {
    expect(durationText(0, words)).toBe('< 3 min')
  })
  it('is a dash when nothing was timed', () => {
    expect(durationText(null, words)).toBe('—')
    expect(durationText(undefined, words)).toBe('—')
  })
  it('takes the words of either language', () => {
    expect(durationText(2.5, zhWords)).toBe('2.5 小时')
    expect(durationText(0.5, zhWords)).toBe('30 分钟')
  })
})

describe('chartUnit', () => {
  it('draws in minutes when every value is under an hour', () => {
    const u = chartUnit([0.1, 0.4, null, 0])
    expect(u.unit).toBe('minutes')
    expect([0.1, 0.4, null, 0].map(u.scale)).toEqual([6, 24, null, 0])
  })
  it('draws in hours as soon as one value is an hour or more', () => {
    const u = chartUnit([0.4, 1.2])
    expect(u.unit).toBe('hours')
    expect([0.4, 1.2].map(u.scale)).toEqual([0.4, 1.2])
  })
  it('draws in hours when nothing was timed', () => {
    expect(chartUnit([null, null]).unit).toBe('hours')
  })
})

describe('ratio text', () => {
  it('shows the percentage with its numerator and denominator', () => {
    expect(ratioPercent(r(2, 5))).toBe('40.0 %')
    expect(ratioFraction(r(2, 5))).toBe('2 / 5')
    expect(ratioText(r(2, 5))).toBe('40.0 % (2 / 5)')
    expect(ratioText(r(1, 3))).toBe('33.3 % (1 / 3)')
    expect(ratioText(r(3, 3))).toBe('100.0 % (3 / 3)')
  })
  it('computes from the counts, not the rounded rate', () => {
    expect(ratioPercent({ numerator: 2, denominator: 3, rate: 0.6667 })).toBe('66.7 %')
  })
  it('is a dash when the figure is absent or nothing divides', () => {
    expect(ratioPercent(undefined)).toBe('—')
    expect(ratioText(undefined)).toBe('—')
    expect(ratioFraction(undefined)).toBe('—')
    expect(ratioPercent(r(0, 0))).toBe('—')
    expect(ratioText(r(0, 0))).toBe('— (0 / 0)')
  })
  it('writes births per 10,000 with one decimal, a dash without births', () => {
    expect(perTenThousand(r(1, 300))).toBe('33.3')
    expect(perTenThousand(r(0, 12))).toBe('0.0')
    expect(perTenThousand(r(0, 0))).toBe('—')
    expect(perTenThousand(undefined)).toBe('—')
  })
})

describe('targetMark', () => {
  it('marks a figure below its target, and one at it as met', () => {
    expect(targets).toEqual({ followup_completion: 90, within_5_working_days: 95 })
    expect(targetMark(r(19, 20), 95)).toBe('met') // exactly 95 %
    expect(targetMark(r(18, 20), 95)).toBe('below')
    expect(targetMark(r(9, 10), 90)).toBe('met')
    expect(targetMark(r(89, 99), 90)).toBe('below') // 89.9 %
    expect(targetMark(r(0, 2), 90)).toBe('below')
  })
  it('marks nothing when there is nothing to measure', () => {
    expect(targetMark(r(0, 0), 90)).toBe('none')
    expect(targetMark(undefined, 90)).toBe('none')
  })
  it('gives a station row both marks', () => {
    const row: SummaryRow = {
      key: 'DC01', screened: 2, collected: 2, rejected: 0, released: 2, abnormal: 2, cases_opened: 2, cases_reached: 0, cases_closed: 0, cases_lost: 0,
      tested: 2, followup_completion: r(0, 2), within_5_working_days: r(2, 2),
    }
    expect(stationMarks(row)).toEqual({ followup_completion: 'below', within_5_working_days: 'met' })
    expect(stationMarks({ ...row, followup_completion: undefined, within_5_working_days: undefined })).toEqual({ followup_completion: 'none', within_5_working_days: 'none' })
  })
})

describe('womenRatio', () => {
  it('reads within 5 working days from the first-release turnaround and the others from the summary', () => {
    const spread = { count: 0, median_hours: null, p90_hours: null }
    const s = {
      turnaround: { collection_to_receipt: spread, receipt_to_release: spread, release_to_first_reached_contact: spread, collection_to_first_release: { ...spread, within_5_working_days: r(4, 5) } },
      reached_in_time: r(1, 2),
    } as unknown as Summary
    expect(womenRatio(s, 'within_5_working_days')).toEqual(r(4, 5))
    expect(womenRatio(s, 'reached_in_time')).toEqual(r(1, 2))
    expect(womenRatio(s, 'early_pregnancy_followup')).toBeUndefined()
  })
  it('lists every figure the dashboard defines once', () => {
    expect(new Set(definitionKeys).size).toBe(definitionKeys.length)
  })
})
