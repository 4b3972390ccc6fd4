import { describe, expect, it } from 'vitest'
import { addIsoDays, byUrgency, daysFrom, deferralDaysLeft, defectCodeOk, dueIn, earlyState, gestationWords, outcomeState, weeksOn, weighed, withinDeferral } from './pregnancy'
import type { PregnancyTask } from './types'

describe('dates', () => {
  it('counts days across months and years', () => {
    expect(daysFrom('2026-12-30', '2027-01-02')).toBe(3)
    expect(daysFrom('2027-01-02', '2026-12-30')).toBe(-3)
    expect(addIsoDays('2026-02-27', 2)).toBe('2026-03-01')
    expect(addIsoDays('2026-01-10', 280)).toBe('2026-10-17')
  })
})

describe('gestationWords', () => {
  it('weeks and days up to the due date', () => {
    expect(gestationWords({ weeks: 8, days: 4 })).toEqual({ key: 'weeks', w: 8, d: 4 })
    expect(gestationWords({ weeks: 40, days: 0 })).toEqual({ key: 'weeks', w: 40, d: 0 })
  })
  it('the days past the due date up to 42 weeks, then those days only', () => {
    expect(gestationWords({ weeks: 40, days: 1 })).toEqual({ key: 'weeksPastEdd', w: 40, d: 1, n: 1 })
    expect(gestationWords({ weeks: 42, days: 0 })).toEqual({ key: 'weeksPastEdd', w: 42, d: 0, n: 14 })
    expect(gestationWords({ weeks: 42, days: 1 })).toEqual({ key: 'pastEdd', n: 15 })
    expect(gestationWords({ weeks: 47, days: 1 })).toEqual({ key: 'pastEdd', n: 50 })
  })
})

describe('task states', () => {
  const today = '2026-12-06'
  it('early contact: done, missed, overdue, due (its last day is not overdue)', () => {
    expect(earlyState({ early_due_on: '2026-12-01', early_contacted_at: '2026-11-30T02:00:00Z' }, today)).toEqual({ key: 'done', at: '2026-11-30T02:00:00Z' })
    expect(earlyState({ early_due_on: null, early_contacted_at: null }, today)).toEqual({ key: 'missed' })
    expect(earlyState({ early_due_on: '2026-12-05', early_contacted_at: null }, today)).toEqual({ key: 'overdue', on: '2026-12-05' })
    expect(earlyState({ early_due_on: today, early_contacted_at: null }, today)).toEqual({ key: 'due', on: today })
  })
  it('outcome: later until it opens, open through its due day, then overdue', () => {
    const p = { outcome: '', outcome_from: '2026-12-07', outcome_due_on: '2027-01-06' }
    expect(outcomeState(p, today).key).toBe('later')
    expect(outcomeState(p, '2026-12-07').key).toBe('open')
    expect(outcomeState(p, '2027-01-06').key).toBe('open')
    expect(outcomeState(p, '2027-01-07').key).toBe('overdue')
    expect(outcomeState({ ...p, outcome: 'live_birth' }, '2027-01-07')).toEqual({ key: 'recorded' })
  })
  it('due in words', () => {
    expect(dueIn(today, today)).toEqual({ key: 'dueToday', n: 0 })
    expect(dueIn('2026-12-11', today)).toEqual({ key: 'dueInDays', n: 5 })
    expect(dueIn('2026-11-28', today)).toEqual({ key: 'daysLate', n: 8 })
  })
})

describe('rubella deferral', () => {
  it('runs until its end day, which is no longer in it', () => {
    expect(deferralDaysLeft('2026-12-10', '2026-12-06')).toBe(4)
    expect(deferralDaysLeft('2026-12-06', '2026-12-06')).toBe(0)
    expect(deferralDaysLeft(null, '2026-12-06')).toBe(0)
  })
  it('an LMP before the end falls within it', () => {
    expect(withinDeferral('2026-12-09', '2026-12-10')).toBe(true)
    expect(withinDeferral('2026-12-10', '2026-12-10')).toBe(false)
    expect(withinDeferral('2026-12-09', null)).toBe(false)
  })
})

describe('outcome form', () => {
  it('checks a defect code for the form of ICD-10 chapter XVII, as the server does', () => {
    for (const ok of ['', 'Q21', 'Q21.0', 'q90.9', ' Q35.12 ']) expect(defectCodeOk(ok), ok).toBe(true)
    for (const bad of ['Z21', 'Q2', 'Q210', 'Q21.', 'Q21.123', 'QQ1']) expect(defectCodeOk(bad), bad).toBe(false)
  })
  it('weighs births only', () => {
    expect(weighed('live_birth')).toBe(true)
    expect(weighed('stillbirth')).toBe(true)
    expect(weighed('miscarriage')).toBe(false)
  })
  it('proposes whole weeks from her LMP, within 1–45', () => {
    expect(weeksOn('2026-01-10', '2026-10-17')).toBe(40)
    expect(weeksOn('2026-01-10', '2026-01-15')).toBe(null)
  })
})

describe('byUrgency', () => {
  const today = '2026-12-06'
  const task = (id: number, due: string, overdue = false): PregnancyTask => ({
    pregnancy_id: id, task: 'early_contact', opens_on: '2026-12-01', due_on: due, overdue, client_id: id, client_name: '', national_id: '',
    station_id: 1, lmp_date: '2026-09-01', edd: '2027-06-08',
  })
  it('puts the overdue first, then today, the week, the month and later, in the server order', () => {
    const g = byUrgency([task(1, '2026-11-28', true), task(2, '2026-12-05', true), task(3, today), task(4, '2026-12-07'), task(5, '2026-12-13'),
      task(6, '2026-12-14'), task(7, '2027-01-05'), task(8, '2027-01-06')], today)
    expect(g.map((x) => [x.key, x.tasks.map((t) => t.pregnancy_id)])).toEqual([
      ['overdue', [1, 2]], ['today', [3]], ['week', [4, 5]], ['month', [6, 7]], ['later', [8]],
    ])
  })
  it('leaves out the empty headings', () => {
    expect(byUrgency([], today)).toEqual([])
    expect(byUrgency([task(1, '2027-03-01')], today).map((x) => x.key)).toEqual(['later'])
  })
})
