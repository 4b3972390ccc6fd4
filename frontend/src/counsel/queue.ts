import type { CaseView } from './types'

// The queue's words as pure functions, so that they are tested without a
// browser. Its order is the server's alone (lab.ListFollowups: overdue
// first, then priority, due time and age), which sends her open and
// in-progress cases in one list; the screen keeps that order.

// DueWords names an i18n key of counsel.due.* and the number it counts.
export interface DueWords {
  key: 'now' | 'inMinutes' | 'inHours' | 'inDays' | 'minutesLate' | 'hoursLate' | 'daysLate'
  n: number
}

const minute = 60_000
const hour = 60 * minute

// dueWords says how far the due time is from now, as a counselor reads
// it: minutes within the hour, hours within two days, then whole days,
// always rounded down ("in 3 h" from 3 h 40 min; "2 days overdue").
export function dueWords(dueAt: string, now: Date): DueWords {
  const diff = Date.parse(dueAt) - now.getTime()
  const late = diff < 0
  const abs = Math.abs(diff)
  if (abs < minute) return { key: 'now', n: 0 }
  if (abs < hour) return { key: late ? 'minutesLate' : 'inMinutes', n: Math.floor(abs / minute) }
  if (abs < 48 * hour) return { key: late ? 'hoursLate' : 'inHours', n: Math.floor(abs / hour) }
  return { key: late ? 'daysLate' : 'inDays', n: Math.floor(abs / (24 * hour)) }
}

function sameLocalDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate()
}

export interface DaySummary {
  overdue: number
  dueToday: number
  urgent: number
  open: number
  // atLeast marks the counts that a list cut short (see truncated) may
  // fall short of: the screen shows them as the least there are ("200+").
  atLeast: { overdue: boolean; dueToday: boolean; urgent: boolean; open: boolean }
}

type SummaryItem = Pick<CaseView, 'status' | 'priority' | 'due_at' | 'overdue'>

// daySummary counts the open cases a counselor must act on: overdue ones,
// ones whose next action falls due later today (not yet overdue; reached
// or not, a case waits for its next action), urgent ones (whatever their
// due time), and all of them. When the list
// was cut short, a count is still exact where the server's order says so:
// overdue cases come first, so a page that holds one that is not overdue
// holds them all; urgent ones come next, so a page that reaches past them
// (a case neither overdue nor urgent) holds every urgent one.
export function daySummary(items: SummaryItem[], now: Date, cutShort = false): DaySummary {
  const s: DaySummary = {
    overdue: 0, dueToday: 0, urgent: 0, open: 0,
    atLeast: { overdue: cutShort, dueToday: cutShort, urgent: cutShort, open: cutShort },
  }
  for (const c of items) {
    if (c.status === 'closed') continue
    s.open++
    if (c.overdue) s.overdue++
    else if (sameLocalDay(new Date(c.due_at), now)) s.dueToday++
    if (c.priority === 'urgent') s.urgent++
    if (!c.overdue) {
      s.atLeast.overdue = false
      if (c.priority !== 'urgent') s.atLeast.urgent = false
    }
  }
  return s
}

// truncated says whether a list of at most limit cases has more than it
// shows. An admin's queue across all stations gives its total only on the
// page that reaches the end of the list (counting every station's cases
// cost more than the page), so a full page without a total has more.
export function truncated(list: { items: unknown[]; total?: number }, limit: number): boolean {
  if (list.total === undefined) return list.items.length >= limit
  return list.total > list.items.length
}
