import { describe, expect, it } from 'vitest'
import { addDay, calendarErrors, isoWeekday, removeDay, sameCalendar } from './calendarDays'

describe('the calendar lists', () => {
  it('keeps days in date order, each once', () => {
    expect(addDay(['2026-10-01', '2026-10-05'], '2026-10-02')).toEqual(['2026-10-01', '2026-10-02', '2026-10-05'])
    expect(addDay(['2026-10-01'], '2026-10-01')).toEqual(['2026-10-01'])
    expect(addDay(['2026-10-01'], '')).toEqual(['2026-10-01'])
    expect(removeDay(['2026-10-01', '2026-10-02'], '2026-10-01')).toEqual(['2026-10-02'])
  })
  it('names the weekday, Monday 1 to Sunday 7', () => {
    expect(isoWeekday('2026-10-01')).toBe(4) // a Thursday
    expect(isoWeekday('2026-10-10')).toBe(6)
    expect(isoWeekday('2026-10-11')).toBe(7)
    expect(isoWeekday('2026-10-12')).toBe(1)
    expect(isoWeekday('nonsense')).toBe(0)
  })
  it('tells a changed calendar from the saved one', () => {
    expect(sameCalendar({ holidays: ['2026-10-01'], workdays: [] }, { holidays: ['2026-10-01'], workdays: [] })).toBe(true)
    expect(sameCalendar({ holidays: ['2026-10-01'], workdays: [] }, { holidays: [], workdays: ['2026-10-01'] })).toBe(false)
  })
})

describe('calendarErrors', () => {
  it('puts each refused entry back on the day that was sent at that place', () => {
    const sent = { holidays: ['2026-10-01', '2026-10-03'], workdays: ['2026-10-01', '2026-10-11'] }
    expect(calendarErrors([
      { field: 'holidays[1]', code: 'weekend' },
      { field: 'workdays[0]', code: 'not_weekend' },
      { field: 'workdays', code: 'too_many' },
      { field: 'workdays[9]', code: 'invalid' }, // no such entry: ignored
      { field: 'name', code: 'required' }, // not the calendar's
    ], sent)).toEqual({
      lists: { workdays: 'too_many' },
      days: { holidays: { '2026-10-03': 'weekend' }, workdays: { '2026-10-01': 'not_weekend' } },
    })
  })
  it('is empty without a refusal', () => {
    expect(calendarErrors([], { holidays: [], workdays: [] })).toEqual({ lists: {}, days: { holidays: {}, workdays: {} } })
  })
})
