import { findingCodes } from '../shared/findingWords'
import type { CaseEvent, Contact } from './types'

// Turning the server's codes into parts the screens translate. Pure
// functions, tested in words.test.ts.

// The lost-to-follow-up rule counts unreached attempts (no answer, wrong
// number) and the different days they fell on (lab.lostRuleMet).
export function unreachedSoFar(contacts: Pick<Contact, 'result' | 'at'>[]): { attempts: number; days: number } {
  const days = new Set<string>()
  let attempts = 0
  for (const c of contacts) {
    if (c.result !== 'no_answer' && c.result !== 'wrong_number') continue
    attempts++
    const d = new Date(c.at)
    days.add(`${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`)
  }
  return { attempts, days: days.size }
}

// lostRuleFromProblem reads the programme's two numbers from the
// lost_rule_not_met problem (min_unreached_attempts, min_distinct_days): a
// counselor may not read the settings. Null when the problem lacks them.
export function lostRuleFromProblem(body: Record<string, unknown>): { attempts: number; days: number } | null {
  const attempts = body.min_unreached_attempts, days = body.min_distinct_days
  return typeof attempts === 'number' && typeof days === 'number' ? { attempts, days } : null
}

// Why a next action was set, from the server's fixed phrases
// (lab/followup_next.go and its callers): key names counsel.why.*, the
// other members fill it.
export interface Why {
  key: string
  result?: string
  externalKind?: string
  accession?: string
  sampleKind?: string
  from?: string
  to?: string
  date?: string
  text?: string
}

const whyPatterns: [RegExp, (m: RegExpMatchArray) => Why][] = [
  [/^(?:next contact )?chosen when she was reached$/, () => ({ key: 'reached' })],
  [/^reached with no next action chosen/, () => ({ key: 'reachedDefault' })],
  [/^next attempt after (\w+)$/, (m) => ({ key: 'nextAttempt', result: m[1] })],
  [/^chosen with the (\w+) result$/, (m) => ({ key: 'withExternal', externalKind: m[1] })],
  [/^tell her the (\w+) result$/, (m) => ({ key: 'tellExternal', externalKind: m[1] })],
  [/^tell her the results of (\w+)$/, (m) => ({ key: 'tellResults', accession: m[1] })],
  [/^tell her the amended results$/, () => ({ key: 'tellAmended' })],
  [/^priority raised from (\w+) to (\w+)$/, (m) => ({ key: 'raised', from: m[1], to: m[2] })],
  [/^(retest|redraw) \d+ booked for (\d{4}-\d{2}-\d{2})$/, (m) => ({ key: 'booked', sampleKind: m[1], date: m[2] })],
  [/^(retest|redraw) \d+ moved to (\d{4}-\d{2}-\d{2})$/, (m) => ({ key: 'moved', sampleKind: m[1], date: m[2] })],
  [/^(retest|redraw) \d+ (missed|cancelled) on (\d{4}-\d{2}-\d{2})$/, (m) => ({ key: m[2], sampleKind: m[1], date: m[3] })],
  [/^(retest|redraw) drawn as (\w+)/, (m) => ({ key: 'drawn', sampleKind: m[1], accession: m[2] })],
  [/^reopened: ([\s\S]*)$/, (m) => ({ key: 'reopened', text: m[1] })],
  [/^reached; her retest is booked$/, () => ({ key: 'reachedRetest' })],
  [/^reached; her pregnancy's outcome$/, () => ({ key: 'reachedOutcome' })],
  [/^her pregnancy's outcome$/, () => ({ key: 'pregnancyRecorded' })],
  [/^the pregnancy's outcome is recorded$/, () => ({ key: 'outcomeRecorded' })],
]

// nextActionWhy reads why a next action was set; null for a phrase it
// does not know (the line then says what and when only).
export function nextActionWhy(why: string): Why | null {
  for (const [re, read] of whyPatterns) {
    const m = why.match(re)
    if (m) return read(m)
  }
  return null
}

// goDuration reads a Go duration as the server writes it ("310h5m0s",
// "45m0s") in milliseconds; null when it is not one.
export function goDuration(s: string): number | null {
  const m = s.match(/^(?:(\d+)h)?(?:(\d+)m)?(?:([\d.]+)s)?$/)
  if (!m || s === '') return null
  return ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000
}

// The avidity rule's reason (lab/followup_external.go avidityLowers).
export interface Lowered {
  weeks: number
  days: number
  pathogen: string
  from: string
  to: string
}

export function loweredReason(text: string): Lowered | null {
  const m = text.match(/at (\d+)\+(\d+) weeks places the (\w+) infection before this pregnancy: priority from (\w+) to (\w+)/)
  return m ? { weeks: Number(m[1]), days: Number(m[2]), pathogen: m[3], from: m[4], to: m[5] } : null
}

// EventWords is a timeline line: its kind (counsel.events.*) and the data
// of its detail, parsed from the server's fixed sentences; `text` is the
// detail as it came when it is the user's own words (a reopening reason).
export interface EventWords {
  kind: string
  userId?: number
  channel?: string
  result?: string
  outcome?: string
  date?: string
  time?: string
  accession?: string
  version?: number
  raised?: { from: string; to: string }
  text?: string
  priority?: string
  codes?: string[] // finding codes
  sampleKind?: string
  actionKind?: string // a next action's kind
  why?: Why | null
  lateMs?: number // how late an escalated case was
  external?: { kind: string; pathogen: string; result: string; date: string }
  lowered?: Lowered | null
  lmp?: string // a pregnancy recorded: her LMP and due date
  edd?: string
  pregnancyOutcome?: string // how her pregnancy ended
}

export function eventWords(e: Pick<CaseEvent, 'event' | 'detail'>): EventWords {
  const d = e.detail ?? ''
  const w: EventWords = { kind: e.event }
  let m: RegExpMatchArray | null
  switch (e.event) {
    case 'assigned':
      if ((m = d.match(/user (\d+)/))) w.userId = Number(m[1])
      break
    case 'contact':
      if ((m = d.match(/^(\w+): (\w+)$/))) [w.channel, w.result] = [m[1], m[2]]
      break
    case 'closed':
      w.outcome = d
      break
    case 'reopened':
      w.text = d
      break
    case 'retest_booked':
      if ((m = d.match(/on (\d{4}-\d{2}-\d{2}) at (\d{2}:\d{2})/))) [w.date, w.time] = [m[1], m[2]]
      break
    case 'opened':
      if ((m = d.match(/^(\w+), due/))) w.priority = m[1]
      w.codes = findingCodes(d)
      break
    case 'retest_released':
    case 'sample_added':
      if ((m = d.match(/^(retest|redraw|screening) (\w+)/))) [w.sampleKind, w.accession] = [m[1], m[2]]
      if ((m = d.match(/version (\d+)/))) w.version = Number(m[1])
      if (d.includes(':')) w.codes = findingCodes(d)
      break
    case 'earlier_sample_amended':
      if ((m = d.match(/^(\w+), report version (\d+)/))) [w.accession, w.version] = [m[1], Number(m[2])]
      w.codes = findingCodes(d)
      break
    case 'next_action':
      if ((m = d.match(/^(\w+) due (\d{4}-\d{2}-\d{2})(?:: ([\s\S]*))?$/))) {
        ;[w.actionKind, w.date] = [m[1], m[2]]
        w.why = m[3] ? nextActionWhy(m[3]) : null
      }
      break
    case 'escalated':
      if ((m = d.match(/^overdue by (\S+?)(?:: (\w+))?$/))) {
        const ms = goDuration(m[1])
        if (ms !== null) w.lateMs = ms
        if (m[2]) w.actionKind = m[2]
      }
      break
    case 'external_result':
      if ((m = d.match(/^(\w+)(?: (\w+))?: (\w+) on (\d{4}-\d{2}-\d{2})/))) w.external = { kind: m[1], pathogen: m[2] ?? '', result: m[3], date: m[4] }
      if (d.includes('; ')) w.lowered = loweredReason(d)
      break
    case 'next_action_kept':
      if ((m = d.match(/^her first contact is due sooner: ([\s\S]*)$/))) w.why = nextActionWhy(m[1])
      break
    case 'pregnancy_recorded':
      if ((m = d.match(/^LMP (\d{4}-\d{2}-\d{2}), EDD (\d{4}-\d{2}-\d{2})$/))) [w.lmp, w.edd] = [m[1], m[2]]
      break
    case 'pregnancy_outcome':
      if ((m = d.match(/^(\w+) on (\d{4}-\d{2}-\d{2})$/))) [w.pregnancyOutcome, w.date] = [m[1], m[2]]
      break
    case 'findings_amended':
    case 'findings_amended_after_close':
    case 'sample_turned_normal':
      if ((m = d.match(/version (\d+)/))) w.version = Number(m[1])
      if ((m = d.match(/from (\w+) to (\w+)/))) w.raised = { from: m[1], to: m[2] }
      break
  }
  return w
}
