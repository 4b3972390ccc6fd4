import { describe, expect, it, vi } from 'vitest'

// The component file brings i18n along, which reads the saved language.
vi.hoisted(() => { (globalThis as { localStorage?: unknown }).localStorage = { getItem: () => null } })
import { calendarDays, freePlaces, isPast, pickable, type Slot } from '../shared/SlotCalendar.vue'

// The shared booking calendar's arithmetic: which slot the nurse may pick
// and on which day it shows.
const slot = (over: Partial<Slot>): Slot => ({ id: 1, station_id: 1, date: '2026-03-02', start: '08:00', capacity: 5, booked: 0, starts_at: '2026-03-02T00:00:00Z', ...over })

describe('freePlaces', () => {
  it('is capacity minus booked', () => expect(freePlaces(slot({ capacity: 5, booked: 3 }))).toBe(2))
  it('never goes below zero when capacity was lowered', () => expect(freePlaces(slot({ capacity: 2, booked: 4 }))).toBe(0))
})

describe('pickable', () => {
  const before = new Date('2026-03-01T23:00:00Z')
  it('a future slot with room', () => expect(pickable(slot({}), before)).toBe(true))
  it('not a full one', () => expect(pickable(slot({ booked: 5 }), before)).toBe(false))
  it('not one that has started', () => {
    const s = slot({})
    expect(isPast(s, new Date('2026-03-02T00:00:00Z'))).toBe(true)
    expect(pickable(s, new Date('2026-03-02T00:30:00Z'))).toBe(false)
  })
})

describe('calendarDays', () => {
  it('keeps every day of the range, slots in start order, ISO weekdays', () => {
    const days = calendarDays([
      slot({ id: 2, date: '2026-03-02', start: '14:00' }),
      slot({ id: 1, date: '2026-03-02', start: '08:00' }),
      slot({ id: 3, date: '2026-03-08', start: '09:00' }),
      slot({ id: 4, date: '2026-03-20', start: '09:00' }), // outside the range
    ], '2026-03-02', 7)
    expect(days.map((d) => d.date)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08'])
    expect(days[0].weekday).toBe(1) // 2 March 2026 is a Monday
    expect(days[6].weekday).toBe(7)
    expect(days[0].slots.map((s) => s.id)).toEqual([1, 2])
    expect(days[6].slots.map((s) => s.id)).toEqual([3])
    expect(days.flatMap((d) => d.slots).some((s) => s.id === 4)).toBe(false)
  })
  it('crosses a month end', () => {
    expect(calendarDays([], '2026-02-27', 3).map((d) => d.date)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01'])
  })
})
