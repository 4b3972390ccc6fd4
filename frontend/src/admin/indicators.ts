// The programme's indicators as the dashboard writes them: a ratio as its
// percentage with the numerator and denominator an officer can check, a
// turnaround in hours with one decimal or in minutes when short, and a
// figure measured against the programme's target. Pure functions,
// unit-tested; the words come from the caller (messages.ts).
import type { Ratio, Summary, SummaryRow } from './types'

export const dash = '—'

// ratioPercent is the rate as a percentage with one decimal ("40.0 %"),
// a dash when the figure is absent or has nothing to divide (a 0 % would
// read as measured).
export function ratioPercent(r: Ratio | null | undefined): string {
  if (!r || !(r.denominator > 0)) return dash
  return `${(Math.round((r.numerator / r.denominator) * 1000) / 10).toFixed(1)} %`
}

// ratioFraction is "numerator / denominator", a dash when absent.
export function ratioFraction(r: Ratio | null | undefined): string {
  return r ? `${r.numerator} / ${r.denominator}` : dash
}

// ratioText is the whole figure on one line: "40.0 % (2 / 5)"; a dash
// alone when absent, and "— (0 / 0)" when there is nothing to divide.
export function ratioText(r: Ratio | null | undefined): string {
  return r ? `${ratioPercent(r)} (${ratioFraction(r)})` : dash
}

// perTenThousand writes a rate per 10,000 with one decimal, a dash when
// absent or nothing to divide.
export function perTenThousand(r: Ratio | null | undefined): string {
  if (!r || !(r.denominator > 0)) return dash
  return (Math.round((r.numerator / r.denominator) * 100000) / 10).toFixed(1)
}

// The words of a duration in the user's language (admin.ind.hours…).
export interface DurationWords {
  hours: (n: string) => string // "6.8 h"
  minutes: (n: string) => string // "24 min"
  underMinutes: (n: string) => string // "< 3 min"
}

// durationText writes a turnaround the summary gives in hours rounded to
// 0.1: one decimal of hours from an hour up, whole minutes below it (0.4 h
// is "24 min"), and "< 3 min" for 0.0 h, which is anything under 0.05 h.
export function durationText(hours: number | null | undefined, w: DurationWords): string {
  if (hours === null || hours === undefined || !Number.isFinite(hours)) return dash
  if (hours >= 1) return w.hours(hours.toFixed(1))
  const minutes = Math.round(hours * 60)
  if (minutes === 0) return w.underMinutes('3')
  return w.minutes(String(minutes))
}

// chartUnit picks the turnaround chart's unit: minutes when every value is
// under an hour (so a morning's releases draw as bars, not as an empty
// chart), else hours. scale converts hours into that unit.
export function chartUnit(values: (number | null | undefined)[]): { unit: 'hours' | 'minutes'; scale: (h: number | null | undefined) => number | null } {
  const known = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
  const minutes = known.length > 0 && known.every((v) => v < 1)
  return {
    unit: minutes ? 'minutes' : 'hours',
    scale: (h) => (typeof h === 'number' && Number.isFinite(h) ? (minutes ? Math.round(h * 60) : h) : null),
  }
}

// The programme's targets (NFPCP): every abnormal woman's follow-up
// completed for 90 % of them, results within 5 working days for 95 %.
export const targets = {
  followup_completion: 90,
  within_5_working_days: 95,
} as const
export type TargetKey = keyof typeof targets

export type TargetMark = 'met' | 'below' | 'none'

// targetMark tells whether a figure reaches its target percentage, in
// whole numbers (n × 100 ≥ target × d), so that 19 of 20 is 95 % exactly;
// 'none' when there is nothing to measure.
export function targetMark(r: Ratio | null | undefined, targetPercent: number): TargetMark {
  if (!r || !(r.denominator > 0)) return 'none'
  return r.numerator * 100 >= targetPercent * r.denominator ? 'met' : 'below'
}

// stationMarks gives a per-station row's two target marks.
export function stationMarks(row: SummaryRow): Record<TargetKey, TargetMark> {
  return {
    followup_completion: targetMark(row.followup_completion, targets.followup_completion),
    within_5_working_days: targetMark(row.within_5_working_days, targets.within_5_working_days),
  }
}

// The women's figures the dashboard shows as cards, each with its
// definition (admin.dash.def.<key>) on hover.
export const womenRatioKeys = [
  'within_5_working_days', 'reached_in_time', 'followup_completion', 'lost_to_follow_up',
  'retest_completion', 'rubella_vaccination_completion',
] as const
export type WomenRatioKey = (typeof womenRatioKeys)[number]

// The pregnancy follow-up figures: shown as a dash until the summary
// carries them.
export const pregnancyRatioKeys = ['early_pregnancy_followup', 'outcome_followup'] as const

// Every key with a definition in both languages: the cards, the tables'
// headings and the sample figures (messages.test.ts checks each).
export const definitionKeys = [
  'screened', 'tested', 'positivity', 'by_category', 'turnaround_median', 'turnaround_p90',
  ...womenRatioKeys, ...pregnancyRatioKeys, 'outcomes_by_screening_result', 'birth_defects_per_10000_births',
  'retests', 'redraws',
  'collected', 'received', 'rejected', 'released', 'positives', 'abnormal', 'openCases', 'overdueNow', 'completionRate',
] as const

// womenRatio reads one of the women's ratios off the summary (undefined
// when the answer lacks it).
export function womenRatio(s: Summary, key: WomenRatioKey | (typeof pregnancyRatioKeys)[number]): Ratio | undefined {
  if (key === 'within_5_working_days') return s.turnaround.collection_to_first_release?.within_5_working_days
  return s[key]
}
