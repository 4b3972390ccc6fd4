import type { NextAction, NextActionKind } from './types'

// Choosing a case's next action when she is reached (or an external
// result is recorded): what the form proposes and which days it allows.
// Dates are the API's YYYY-MM-DD at her station; pure, tested in
// nextAction.test.ts.

// The days ahead a next action other than the proposed one starts at:
// the routine due time (lab: due_hours_routine, 7 days by default).
export const defaultDaysAhead = 7

export function addIsoDays(iso: string, n: number): string {
  const d = new Date(iso + 'T00:00:00Z')
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

const later = (a: string, b: string) => (a > b ? a : b)

// firstDay is the first day a next action of this kind may be due: today,
// and for a retest not before the first day it may be drawn.
export function firstDay(kind: NextActionKind, today: string, retestEarliestOn: string | null): string {
  return kind === 'retest' && retestEarliestOn ? later(today, retestEarliestOn) : today
}

// dueOnFor is the day the form proposes for a kind: the server's
// suggestion when it is of that kind, else the first day of a retest, her
// pregnancy's outcome due day (outcomeDueOn, when she has one) for its
// outcome, or a week ahead; never before the kind's first day.
export function dueOnFor(kind: NextActionKind, today: string, retestEarliestOn: string | null, suggested: NextAction | null,
  outcomeDueOn: string | null = null): string {
  const floor = firstDay(kind, today, retestEarliestOn)
  if (suggested && suggested.kind === kind) return later(suggested.due_on, floor)
  if (kind === 'outcome' && outcomeDueOn) return later(outcomeDueOn, floor)
  return kind === 'retest' ? floor : later(addIsoDays(today, defaultDaysAhead), floor)
}

// defaultNextAction is what the form shows first: the server's suggestion,
// or a contact a week ahead when it has none (a closed case).
export function defaultNextAction(today: string, retestEarliestOn: string | null, suggested: NextAction | null): { kind: NextActionKind; due_on: string } {
  const kind = suggested?.kind ?? 'contact'
  return { kind, due_on: dueOnFor(kind, today, retestEarliestOn, suggested) }
}
