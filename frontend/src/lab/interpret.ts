import type { Interpretation, Kit } from './types'

// The preview of a typed value, decided exactly as lab/interpret.go and
// lab/results.go do: the server judges again on save and its answer
// replaces this one.

// parseValue reads a typed value as judgeInput does (strconv.ParseFloat,
// at most 32 characters, not below zero). It answers the number, or the
// field code the server would refuse it with.
export function parseValue(text: string): { value: number } | { error: 'not_numeric' | 'negative' } | null {
  const s = text.trim()
  if (s === '') return null
  if (s.length > 32 || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return { error: 'not_numeric' }
  const x = Number(s)
  if (!Number.isFinite(x)) return { error: 'not_numeric' }
  if (x < 0) return { error: 'negative' }
  return { value: x }
}

// judge: value < negativeBelow is negative, negativeBelow ≤ value <
// positiveFrom equivocal, value ≥ positiveFrom positive (equal bounds: no
// grey zone).
export function judge(value: number, negativeBelow: number, positiveFrom: number): Interpretation {
  if (value < negativeBelow) return 'negative'
  if (value < positiveFrom) return 'equivocal'
  return 'positive'
}

// kitOn is the kit of an analyte in force on a day (YYYY-MM-DD): the one
// with the latest effective_from not after it, as the server picks when
// no kit is named.
export function kitOn(kits: Kit[], day: string): Kit | undefined {
  let best: Kit | undefined
  for (const k of kits) {
    if (k.effective_from <= day && (!best || k.effective_from > best.effective_from)) best = k
  }
  return best
}

// preview is what a cell shows while typing.
export type Preview = { kind: 'empty' } | { kind: 'error'; code: string } | { kind: 'judged'; interpretation: Interpretation }

export function preview(text: string, kit: Kit | undefined): Preview {
  const p = parseValue(text)
  if (p === null) return { kind: 'empty' }
  if ('error' in p) return { kind: 'error', code: p.error }
  if (!kit) return { kind: 'error', code: 'unknown' }
  return { kind: 'judged', interpretation: judge(p.value, kit.negative_below, kit.positive_from) }
}

// dayIn is the calendar day of an instant in a time zone (the collection
// day at the station decides the kit).
export function dayIn(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant))
}
