import { describe, expect, it } from 'vitest'
import { dayIn, judge, kitOn, parseValue, preview } from './interpret'
import type { Kit } from './types'

describe('judge, at the boundaries as lab/interpret.go', () => {
  it.each([
    [0.99, 'negative'],
    [1, 'equivocal'],
    [2.99, 'equivocal'],
    [3, 'positive'],
    [300, 'positive'],
  ] as const)('%s against 1 / 3 is %s', (v, want) => expect(judge(v, 1, 3)).toBe(want))

  it('has no grey zone when the bounds are equal', () => {
    expect(judge(9.99, 10, 10)).toBe('negative')
    expect(judge(10, 10, 10)).toBe('positive')
  })
})

describe('parseValue, as the server reads a value', () => {
  it.each([
    ['12.5', 12.5],
    [' 0 ', 0],
    ['.5', 0.5],
    ['5.', 5],
    ['1e2', 100],
    ['+3', 3],
  ])('reads %j', (s, want) => expect(parseValue(s)).toEqual({ value: want }))

  it.each(['abc', '1,5', '1.2.3', 'NaN', 'Infinity', '1e999', '12 5', '1'.repeat(33)])('refuses %j as not numeric', (s) =>
    expect(parseValue(s)).toEqual({ error: 'not_numeric' }))

  it('refuses a value below zero', () => expect(parseValue('-0.1')).toEqual({ error: 'negative' }))
  it('reads nothing typed as nothing', () => expect(parseValue('  ')).toBeNull())
})

const kit = (from: string, l: number, h: number): Kit => ({ id: 1, analyte: 'TOXO_IGM', kit: 'K' + from, unit: 'AU/mL', negative_below: l, positive_from: h, effective_from: from, created_at: '2000-01-01T00:00:00Z' })

describe('kitOn', () => {
  const kits = [kit('2000-01-01', 8, 10), kit('2026-06-01', 6, 8)]
  it('is the latest kit in force on the day', () => {
    expect(kitOn(kits, '2026-05-31')?.kit).toBe('K2000-01-01')
    expect(kitOn(kits, '2026-06-01')?.kit).toBe('K2026-06-01')
  })
  it('is none before the first kit', () => expect(kitOn(kits, '1999-12-31')).toBeUndefined())
})

describe('preview', () => {
  const k = kit('2000-01-01', 8, 10)
  it('judges a typed value with the kit', () => {
    expect(preview('12', k)).toEqual({ kind: 'judged', interpretation: 'positive' })
    expect(preview('8', k)).toEqual({ kind: 'judged', interpretation: 'equivocal' })
    expect(preview('7.9', k)).toEqual({ kind: 'judged', interpretation: 'negative' })
  })
  it('says why a value cannot be judged', () => {
    expect(preview('x', k)).toEqual({ kind: 'error', code: 'not_numeric' })
    expect(preview('5', undefined)).toEqual({ kind: 'error', code: 'unknown' })
  })
  it('is empty for nothing typed', () => expect(preview('', k)).toEqual({ kind: 'empty' }))
})

describe('dayIn', () => {
  it('is the day at the station', () => {
    expect(dayIn('2026-11-27T16:30:00Z', 'Asia/Shanghai')).toBe('2026-11-28')
    expect(dayIn('2026-11-27T15:59:59Z', 'Asia/Shanghai')).toBe('2026-11-27')
  })
})
