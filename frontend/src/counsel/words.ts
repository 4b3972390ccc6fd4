import type { CaseEvent, Contact } from './types'

// Turning the server's codes into parts the screens translate. Pure
// functions, tested in words.test.ts.

// findingPattern is the finding's serology pattern without the pathogen:
// TOXO_IGM_POS_IGG_NEG → IGM_POS_IGG_NEG (domain.md §0, "Findings").
export function findingPattern(code: string, pathogen: string): string {
  return code.startsWith(pathogen + '_') ? code.slice(pathogen.length + 1) : code
}

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
    case 'retest_released':
      if ((m = d.match(/retest (\w+)/))) w.accession = m[1]
      if ((m = d.match(/version (\d+)/))) w.version = Number(m[1])
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
