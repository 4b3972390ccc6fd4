// Shaping GET /reports/summary into what the dashboard shows: headline
// figures and the series of its charts. Pure functions, unit-tested; the
// chart component only draws what these return.
import type { Ratio, Summary, SummaryRow } from './types'

export interface MonthRange {
  month: string // YYYY-MM
  from: string // YYYY-MM-DD, clipped to the asked range
  to: string
}

const pad = (n: number) => String(n).padStart(2, '0')

// monthsOf splits a date range into calendar months, each clipped to the
// range, keeping the latest `cap` months: the summary gives positivity per
// analyte for a whole range only, so the trend asks once per month.
export function monthsOf(from: string, to: string, cap = 12): MonthRange[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || from > to) return []
  const out: MonthRange[] = []
  let y = Number(from.slice(0, 4))
  let m = Number(from.slice(5, 7))
  const lastKey = to.slice(0, 7)
  for (;;) {
    const key = `${y}-${pad(m)}`
    if (key > lastKey) break
    const monthEnd = `${key}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`
    out.push({ month: key, from: key === from.slice(0, 7) ? from : `${key}-01`, to: monthEnd < to ? monthEnd : to })
    m++
    if (m > 12) { m = 1; y++ }
  }
  return out.slice(-cap)
}

// percent turns a 0..1 rate into a percentage with one decimal.
export function percent(rate: number): number {
  return Math.round(rate * 1000) / 10
}

export interface Headline {
  screened: number
  collected: number
  received: number
  rejected: number
  released: number
  positives: number // positive results, all analytes
  abnormal: number // released samples with a finding that needs action
  openCases: number // cases of these samples not closed yet
  overdueNow: number
  completionRate: number | null // percent; null when no case was opened
}

export function headline(s: Summary): Headline {
  return {
    screened: s.screened,
    collected: s.collected,
    received: s.received,
    rejected: s.rejected,
    released: s.released,
    positives: s.analytes.reduce((n, a) => n + a.positive, 0),
    abnormal: s.by_station.reduce((n, r) => n + (r.abnormal ?? 0), 0),
    openCases: s.followup.opened - s.followup.closed,
    overdueNow: s.followup.overdue_now,
    completionRate: s.followup.opened > 0 ? percent(s.followup.completion_rate) : null,
  }
}

export interface LineSeries {
  name: string
  data: (number | null)[]
}

// positivityByMonth gives one line per analyte (in the order given): per
// woman, the percentage of her first screen's results that were positive,
// per month; null (a gap, not a zero) for a month with no result of that
// analyte.
export function positivityByMonth(months: { month: string; summary: Summary }[], analytes: string[]): { months: string[]; series: LineSeries[] } {
  return {
    months: months.map((m) => m.month),
    series: analytes.map((code) => ({
      name: code,
      data: months.map(({ summary }) => {
        const a = summary.positivity?.find((x) => x.analyte === code)
        return a && a.positive_rate.denominator > 0 ? percent(a.positive_rate.numerator / a.positive_rate.denominator) : null
      }),
    })),
  }
}

// analytesWithResults lists the analytes with a result in any month.
export function analytesWithResults(months: { summary: Summary }[]): Set<string> {
  return new Set(months.flatMap((m) => (m.summary.positivity ?? []).filter((a) => a.positive_rate.denominator > 0).map((a) => a.analyte)))
}

export const turnaroundKeys = ['collection_to_first_release', 'collection_to_receipt', 'receipt_to_release', 'release_to_first_reached_contact'] as const
export type TurnaroundKey = (typeof turnaroundKeys)[number]

// turnaround gives the median and 90th percentile in hours of the
// intervals, in the order of turnaroundKeys: first the women's (collection
// to first release), then the samples'; null where nothing was timed.
export function turnaround(s: Summary): { keys: TurnaroundKey[]; median: (number | null)[]; p90: (number | null)[]; counts: number[] } {
  const keys = [...turnaroundKeys]
  return {
    keys,
    median: keys.map((k) => s.turnaround[k]?.median_hours ?? null),
    p90: keys.map((k) => s.turnaround[k]?.p90_hours ?? null),
    counts: keys.map((k) => s.turnaround[k]?.count ?? 0),
  }
}

// ratePercent is a ratio in percent with one decimal; null when there is
// nothing to divide, so a chart leaves a gap, not a 0.
export function ratePercent(r: Ratio | undefined): number | null {
  return r && r.denominator > 0 ? percent(r.numerator / r.denominator) : null
}

// byStation gives per station the women's follow-up completion and their
// results within 5 working days, in percent, for the chart with the
// programme's target lines.
export function byStation(rows: SummaryRow[]): { stations: string[]; completion: (number | null)[]; within5: (number | null)[] } {
  return {
    stations: rows.map((r) => r.station_code || r.key),
    completion: rows.map((r) => ratePercent(r.followup_completion)),
    within5: rows.map((r) => ratePercent(r.within_5_working_days)),
  }
}
