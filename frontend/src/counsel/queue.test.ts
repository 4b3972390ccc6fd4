import { describe, expect, it } from 'vitest'
import { daySummary, dueWords, truncated } from './queue'

const now = new Date('2026-03-02T10:00:00+08:00')
const at = (h: number) => new Date(now.getTime() + h * 3_600_000).toISOString()

describe('dueWords', () => {
  it.each([
    [0.001, 'now', 0],
    [-0.001, 'now', 0],
    [0.5, 'inMinutes', 30],
    [3.67, 'inHours', 3],
    [47.9, 'inHours', 47],
    [48, 'inDays', 2],
    [24 * 7, 'inDays', 7],
    [-0.25, 'minutesLate', 15],
    [-5.5, 'hoursLate', 5],
    [-49, 'daysLate', 2],
    [-24 * 3 - 5, 'daysLate', 3],
  ])('due in %f h reads %s %i', (h, key, n) => {
    expect(dueWords(at(h), now)).toEqual({ key, n })
  })
})

describe('daySummary', () => {
  it('counts overdue, due later today and urgent open cases', () => {
    const items: Parameters<typeof daySummary>[0] = [
      { status: 'open', priority: 'urgent', due_at: at(-2), overdue: true },
      { status: 'open', priority: 'high', due_at: at(0.5), overdue: false },
      { status: 'in_progress', priority: 'urgent', due_at: at(5), overdue: false }, // reached, waiting for its next action
      { status: 'open', priority: 'routine', due_at: at(40), overdue: false },
      { status: 'closed', priority: 'urgent', due_at: at(1), overdue: false },
    ]
    expect(daySummary(items, now)).toEqual({
      overdue: 1, dueToday: 2, urgent: 2, open: 4,
      atLeast: { overdue: false, dueToday: false, urgent: false, open: false },
    })
  })

  // A list cut short holds the most pressing cases in the server's order:
  // overdue first, then urgent, then the rest.
  it('reads the counts of a list cut short as the least there are, unless the order makes them exact', () => {
    const overdue = { status: 'open', priority: 'high', due_at: at(-3), overdue: true } as const
    const urgent = { status: 'open', priority: 'urgent', due_at: at(30), overdue: false } as const
    const routine = { status: 'open', priority: 'routine', due_at: at(0.5), overdue: false } as const
    expect(daySummary([overdue, overdue], now, true).atLeast).toEqual({ overdue: true, dueToday: true, urgent: true, open: true })
    expect(daySummary([overdue, urgent], now, true).atLeast).toEqual({ overdue: false, dueToday: true, urgent: true, open: true })
    expect(daySummary([overdue, urgent, routine], now, true).atLeast).toEqual({ overdue: false, dueToday: true, urgent: false, open: true })
    expect(daySummary([overdue, overdue], now, false).atLeast).toEqual({ overdue: false, dueToday: false, urgent: false, open: false })
  })
})

describe('truncated', () => {
  const items = (n: number) => Array.from({ length: n }, (_, i) => i)
  it('counts on the total when the server gives one', () => {
    expect(truncated({ items: items(200), total: 200 }, 200)).toBe(false)
    expect(truncated({ items: items(200), total: 201 }, 200)).toBe(true)
    expect(truncated({ items: items(3), total: 3 }, 200)).toBe(false)
  })
  it('takes a full page without a total as having more', () => {
    expect(truncated({ items: items(200) }, 200)).toBe(true)
    expect(truncated({ items: items(199) }, 200)).toBe(false)
    expect(truncated({ items: [] }, 200)).toBe(false)
  })
})
