import type { GestationalAge, Pregnancy, PregnancyTask } from './types'

// The pregnancy screens' rules as pure functions, tested in
// pregnancy.test.ts. Dates are the API's YYYY-MM-DD at her station; today
// is the browser's (the stations' computers keep the station's time).

const day = 86_400_000

// daysFrom counts the days from a to b (negative when b is earlier).
export function daysFrom(a: string, b: string): number {
  return Math.round((Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z')) / day)
}

export function addIsoDays(iso: string, n: number): string {
  return new Date(Date.parse(iso + 'T00:00:00Z') + n * day).toISOString().slice(0, 10)
}

// Naegele's rule, as the server counts (lab/pregnancy_rules.go).
export const term = 280
// Past 42 weeks she has almost surely given birth: a gestational age no
// longer means anything, how long ago her due date was does.
export const postTerm = 294

// GestationWords says how far along she is: weeks and days (with the days
// past her due date once past it), or, after 42 weeks, only the days
// since her due date.
export type GestationWords =
  | { key: 'weeks'; w: number; d: number }
  | { key: 'weeksPastEdd'; w: number; d: number; n: number }
  | { key: 'pastEdd'; n: number }

export function gestationWords(ga: GestationalAge): GestationWords {
  const days = ga.weeks * 7 + ga.days
  if (days <= term) return { key: 'weeks', w: ga.weeks, d: ga.days }
  if (days <= postTerm) return { key: 'weeksPastEdd', w: ga.weeks, d: ga.days, n: days - term }
  return { key: 'pastEdd', n: days - term }
}

// The early-pregnancy contact's state: done once a contact reached her,
// missed when she was recorded after early pregnancy (no task), overdue
// after its day, else due by its day.
export type EarlyState = { key: 'done'; at: string } | { key: 'missed' } | { key: 'overdue' | 'due'; on: string }

export function earlyState(p: Pick<Pregnancy, 'early_due_on' | 'early_contacted_at'>, today: string): EarlyState {
  if (p.early_contacted_at) return { key: 'done', at: p.early_contacted_at }
  if (!p.early_due_on) return { key: 'missed' }
  return { key: p.early_due_on < today ? 'overdue' : 'due', on: p.early_due_on }
}

// The outcome follow-up's state: recorded, not open yet (it opens
// outcome_after_edd_days after the EDD), open until its due day, overdue.
export type OutcomeState = { key: 'recorded' } | { key: 'later' | 'open' | 'overdue'; from: string; on: string }

export function outcomeState(p: Pick<Pregnancy, 'outcome' | 'outcome_from' | 'outcome_due_on'>, today: string): OutcomeState {
  if (p.outcome) return { key: 'recorded' }
  const key = p.outcome_due_on < today ? 'overdue' : today < p.outcome_from ? 'later' : 'open'
  return { key, from: p.outcome_from, on: p.outcome_due_on }
}

// DueIn names an i18n key and the days it counts: "due in 5 days", "due
// today", "3 days overdue".
export function dueIn(dueOn: string, today: string): { key: 'dueToday' | 'dueInDays' | 'daysLate'; n: number } {
  const n = daysFrom(today, dueOn)
  if (n === 0) return { key: 'dueToday', n: 0 }
  return n > 0 ? { key: 'dueInDays', n } : { key: 'daysLate', n: -n }
}

// The days left of a rubella vaccination's deferral (she should avoid
// pregnancy until its end); 0 once it has ended.
export function deferralDaysLeft(endsOn: string | null | undefined, today: string): number {
  if (!endsOn) return 0
  return Math.max(0, daysFrom(today, endsOn))
}

// A pregnancy whose LMP falls before a deferral's end began within it
// (the server's warning lmp_within_rubella_deferral).
export function withinDeferral(lmp: string, deferralEndsOn: string | null | undefined): boolean {
  return !!deferralEndsOn && lmp < deferralEndsOn
}

// A birth defect's code is optional; given, it has the form of an ICD-10
// code of chapter XVII (Q00–Q99 with an optional subcategory), as the
// server checks it (lab.ValidDefectCode).
const icd10Q = /^Q[0-9]{2}(\.[0-9]{1,2})?$/
export function defectCodeOk(code: string | undefined): boolean {
  const c = (code ?? '').trim().toUpperCase()
  return c === '' || icd10Q.test(c)
}

// A birth weight belongs to a live birth or a stillbirth only.
export const weighed = (outcome: string) => outcome === 'live_birth' || outcome === 'stillbirth'

// The gestation in whole weeks on the day of the outcome, counted from
// her LMP; null outside the server's 1–45.
export function weeksOn(lmp: string, on: string): number | null {
  const w = Math.floor(daysFrom(lmp, on) / 7)
  return w >= 1 && w <= 45 ? w : null
}

// The worklist's headings, the most pressing first: overdue, due today,
// within a week, within 30 days, later. Each task falls under one by its
// due day; within one the server's order (by due day) is kept.
export const buckets = ['overdue', 'today', 'week', 'month', 'later'] as const
export type Bucket = (typeof buckets)[number]

export function bucketOf(x: Pick<PregnancyTask, 'overdue' | 'due_on'>, today: string): Bucket {
  if (x.overdue) return 'overdue'
  const n = daysFrom(today, x.due_on)
  return n <= 0 ? 'today' : n <= 7 ? 'week' : n <= 30 ? 'month' : 'later'
}

export interface TaskGroup {
  key: Bucket
  tasks: PregnancyTask[]
}

export function byUrgency(tasks: PregnancyTask[], today: string): TaskGroup[] {
  return buckets.map((key) => ({ key, tasks: tasks.filter((x) => bucketOf(x, today) === key) })).filter((g) => g.tasks.length > 0)
}
