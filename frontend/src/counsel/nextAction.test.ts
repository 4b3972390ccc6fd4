import { describe, expect, it } from 'vitest'
import { addIsoDays, defaultNextAction, dueOnFor, firstDay } from './nextAction'

describe('addIsoDays', () => {
  it('crosses months and years', () => {
    expect(addIsoDays('2026-12-28', 7)).toBe('2027-01-04')
    expect(addIsoDays('2026-03-01', -1)).toBe('2026-02-28')
  })
})

describe('firstDay', () => {
  it('holds a retest to its first allowed day', () => {
    expect(firstDay('retest', '2026-03-01', '2026-03-12')).toBe('2026-03-12')
    expect(firstDay('retest', '2026-03-20', '2026-03-12')).toBe('2026-03-20')
    expect(firstDay('contact', '2026-03-01', '2026-03-12')).toBe('2026-03-01')
    expect(firstDay('retest', '2026-03-01', null)).toBe('2026-03-01')
  })
})

describe('the proposed next action', () => {
  const today = '2026-03-01'
  it('is the server suggestion', () => {
    expect(defaultNextAction(today, '2026-03-12', { kind: 'retest', due_on: '2026-03-12' })).toEqual({ kind: 'retest', due_on: '2026-03-12' })
    expect(defaultNextAction(today, null, { kind: 'external_result', due_on: '2026-03-08' })).toEqual({ kind: 'external_result', due_on: '2026-03-08' })
  })
  it('never proposes a retest before its first day, nor anything before today', () => {
    expect(defaultNextAction(today, '2026-03-12', { kind: 'retest', due_on: '2026-03-05' })).toEqual({ kind: 'retest', due_on: '2026-03-12' })
    expect(defaultNextAction(today, null, { kind: 'contact', due_on: '2026-02-20' })).toEqual({ kind: 'contact', due_on: today })
  })
  it('is a contact a week ahead without a suggestion', () => {
    expect(defaultNextAction(today, null, null)).toEqual({ kind: 'contact', due_on: '2026-03-08' })
  })
  it('moves the day with the kind chosen', () => {
    const suggested = { kind: 'retest' as const, due_on: '2026-03-12' }
    expect(dueOnFor('contact', today, '2026-03-12', suggested)).toBe('2026-03-08')
    expect(dueOnFor('retest', today, '2026-03-12', suggested)).toBe('2026-03-12')
    expect(dueOnFor('retest', today, '2026-03-12', null)).toBe('2026-03-12')
    expect(dueOnFor('outcome', today, '2026-03-20', null)).toBe('2026-03-08')
  })
})

describe('the outcome of her pregnancy', () => {
  it("is proposed on her pregnancy's outcome due day, else a week ahead", () => {
    expect(dueOnFor('outcome', '2026-03-01', null, { kind: 'retest', due_on: '2026-03-12' }, '2026-10-20')).toBe('2026-10-20')
    expect(dueOnFor('outcome', '2026-03-01', null, null)).toBe('2026-03-08')
    expect(dueOnFor('contact', '2026-03-01', null, null, '2026-10-20')).toBe('2026-03-08')
  })
})
