import { describe, expect, it } from 'vitest'
import { eventWords, goDuration, loweredReason, lostRuleFromProblem, nextActionWhy, unreachedSoFar } from './words'

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
    [{ event: 'retest_released', detail: 'retest 10000002K, report version 1' }, { kind: 'retest_released', sampleKind: 'retest', accession: '10000002K', version: 1 }],
    [{ event: 'retest_released', detail: 'retest 10000002K, report version 1: TOXO_SEROCONVERSION' },
      { kind: 'retest_released', sampleKind: 'retest', accession: '10000002K', version: 1, codes: ['TOXO_SEROCONVERSION'] }],
    [{ event: 'sample_added', detail: 'redraw 100000029, report version 1: no abnormal finding' },
      { kind: 'sample_added', sampleKind: 'redraw', accession: '100000029', version: 1, codes: [] }],
    [{ event: 'earlier_sample_amended', detail: '100000011, report version 2: TOXO_IGM_POS_IGG_NEG' },
      { kind: 'earlier_sample_amended', accession: '100000011', version: 2, codes: ['TOXO_IGM_POS_IGG_NEG'] }],
    [{ event: 'opened', detail: 'urgent, due 2026-11-23T08:00:00Z: TOXO_IGM_POS_IGG_NEG, RUBV_SUSCEPTIBLE' },
      { kind: 'opened', priority: 'urgent', codes: ['TOXO_IGM_POS_IGG_NEG', 'RUBV_SUSCEPTIBLE'] }],
    [{ event: 'next_action', detail: 'retest due 2026-12-06: chosen when she was reached' },
      { kind: 'next_action', actionKind: 'retest', date: '2026-12-06', why: { key: 'reached' } }],
    [{ event: 'next_action', detail: 'contact due 2026-12-06: something new' }, { kind: 'next_action', actionKind: 'contact', date: '2026-12-06', why: null }],
    [{ event: 'escalated', detail: 'overdue by 310h5m0s: contact' }, { kind: 'escalated', lateMs: (310 * 60 + 5) * 60_000, actionKind: 'contact' }],
    [{ event: 'escalated', detail: 'overdue by 45m0s' }, { kind: 'escalated', lateMs: 45 * 60_000 }],
    [{ event: 'external_result', detail: 'obstetric_referral: seen on 2026-12-01' },
      { kind: 'external_result', external: { kind: 'obstetric_referral', pathogen: '', result: 'seen', date: '2026-12-01' } }],
    [{ event: 'external_result', detail: 'avidity TOXO: high on 2026-12-01; high avidity at 9+5 weeks places the TOXO infection before this pregnancy: priority from urgent to routine' },
      { kind: 'external_result', external: { kind: 'avidity', pathogen: 'TOXO', result: 'high', date: '2026-12-01' },
        lowered: { weeks: 9, days: 5, pathogen: 'TOXO', from: 'urgent', to: 'routine' } }],
    [{ event: 'findings_amended', detail: 'report version 2: priority raised from high to urgent' }, { kind: 'findings_amended', version: 2, raised: { from: 'high', to: 'urgent' } }],
    [{ event: 'acknowledged', detail: '' }, { kind: 'acknowledged' }],
    [{ event: 'next_action_kept', detail: 'her first contact is due sooner: retest 41 booked for 2026-12-06' },
      { kind: 'next_action_kept', why: { key: 'booked', sampleKind: 'retest', date: '2026-12-06' } }],
    [{ event: 'pregnancy_recorded', detail: 'LMP 2026-09-15, EDD 2027-06-22' }, { kind: 'pregnancy_recorded', lmp: '2026-09-15', edd: '2027-06-22' }],
    [{ event: 'pregnancy_outcome', detail: 'live_birth on 2026-12-01' }, { kind: 'pregnancy_outcome', pregnancyOutcome: 'live_birth', date: '2026-12-01' }],
    [{ event: 'next_action', detail: "outcome due 2027-09-02: her pregnancy's outcome" },
      { kind: 'next_action', actionKind: 'outcome', date: '2027-09-02', why: { key: 'pregnancyRecorded' } }],
  ])('reads %o', (e, want) => {
    expect(eventWords(e)).toEqual(want)
  })
})

describe('nextActionWhy', () => {
  it.each([
    ['chosen when she was reached', { key: 'reached' }],
    ['next contact chosen when she was reached', { key: 'reached' }],
    ['reached with no next action chosen: a contact within the routine due time', { key: 'reachedDefault' }],
    ['next attempt after no_answer', { key: 'nextAttempt', result: 'no_answer' }],
    ['chosen with the avidity result', { key: 'withExternal', externalKind: 'avidity' }],
    ['tell her the obstetric_referral result', { key: 'tellExternal', externalKind: 'obstetric_referral' }],
    ['tell her the results of 100000029', { key: 'tellResults', accession: '100000029' }],
    ['tell her the amended results', { key: 'tellAmended' }],
    ['priority raised from high to urgent', { key: 'raised', from: 'high', to: 'urgent' }],
    ['retest 41 booked for 2026-12-06', { key: 'booked', sampleKind: 'retest', date: '2026-12-06' }],
    ['redraw 41 moved to 2026-12-08', { key: 'moved', sampleKind: 'redraw', date: '2026-12-08' }],
    ['retest 41 missed on 2026-12-06', { key: 'missed', sampleKind: 'retest', date: '2026-12-06' }],
    ['retest 41 cancelled on 2026-12-06', { key: 'cancelled', sampleKind: 'retest', date: '2026-12-06' }],
    ['retest drawn as 100000037; its results are due', { key: 'drawn', sampleKind: 'retest', accession: '100000037' }],
    ['reopened: she called back', { key: 'reopened', text: 'she called back' }],
    ['reached; her retest is booked', { key: 'reachedRetest' }],
    ["reached; her pregnancy's outcome", { key: 'reachedOutcome' }],
    ["her pregnancy's outcome", { key: 'pregnancyRecorded' }],
    ["the pregnancy's outcome is recorded", { key: 'outcomeRecorded' }],
  ])('reads %s', (why, want) => {
    expect(nextActionWhy(why)).toEqual(want)
  })
  it('knows when it does not know', () => {
    expect(nextActionWhy('something else')).toBeNull()
  })
})

describe('goDuration and loweredReason', () => {
  it('reads Go durations', () => {
    expect(goDuration('1h30m0s')).toBe(90 * 60_000)
    expect(goDuration('0s')).toBe(0)
    expect(goDuration('soon')).toBeNull()
  })
  it('reads the avidity rule', () => {
    expect(loweredReason('nothing')).toBeNull()
  })
})
