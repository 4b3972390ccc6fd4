import { describe, expect, it } from 'vitest'
import { eventWords, findingPattern, lostRuleFromProblem, unreachedSoFar } from './words'

describe('findingPattern', () => {
  it('drops the pathogen', () => {
    expect(findingPattern('TOXO_IGM_POS_IGG_NEG', 'TOXO')).toBe('IGM_POS_IGG_NEG')
    expect(findingPattern('RUBV_SUSCEPTIBLE', 'RUBV')).toBe('SUSCEPTIBLE')
  })
})

describe('unreachedSoFar', () => {
  it('counts unreached attempts and the different days they fell on', () => {
    const got = unreachedSoFar([
      { result: 'no_answer', at: '2026-03-01T02:00:00Z' },
      { result: 'wrong_number', at: '2026-03-01T03:00:00Z' },
      { result: 'reached', at: '2026-03-02T03:00:00Z' },
      { result: 'refused', at: '2026-03-02T03:00:00Z' },
      { result: 'no_answer', at: '2026-03-03T03:00:00Z' },
    ])
    expect(got).toEqual({ attempts: 3, days: 2 })
  })
})

describe('lostRuleFromProblem', () => {
  it("reads the setting's numbers from the problem's fields", () => {
    expect(lostRuleFromProblem({ code: 'lost_rule_not_met', min_unreached_attempts: 3, min_distinct_days: 2 })).toEqual({ attempts: 3, days: 2 })
    expect(lostRuleFromProblem({ code: 'lost_rule_not_met' })).toBeNull()
  })
})

describe('eventWords', () => {
  it.each([
    [{ event: 'assigned', detail: 'to user 6' }, { kind: 'assigned', userId: 6 }],
    [{ event: 'contact', detail: 'phone: no_answer' }, { kind: 'contact', channel: 'phone', result: 'no_answer' }],
    [{ event: 'closed', detail: 'counseled' }, { kind: 'closed', outcome: 'counseled' }],
    [{ event: 'reopened', detail: 'she called back' }, { kind: 'reopened', text: 'she called back' }],
    [{ event: 'retest_booked', detail: 'appointment 12 on 2026-03-16 at 08:30' }, { kind: 'retest_booked', date: '2026-03-16', time: '08:30' }],
    [{ event: 'retest_released', detail: 'retest 10000002K, report version 1' }, { kind: 'retest_released', accession: '10000002K', version: 1 }],
    [{ event: 'findings_amended', detail: 'report version 2: priority raised from high to urgent' }, { kind: 'findings_amended', version: 2, raised: { from: 'high', to: 'urgent' } }],
    [{ event: 'acknowledged', detail: '' }, { kind: 'acknowledged' }],
  ])('reads %o', (e, want) => {
    expect(eventWords(e)).toEqual(want)
  })
})
