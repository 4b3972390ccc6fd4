import { describe, expect, it } from 'vitest'
import { cleanTimes, isoWeekday, normalizeTime, previewCount, rangeDays } from './slotRange'

describe('normalizeTime', () => {
  it.each([
    ['8:00', '08:00'], ['08:00', '08:00'], ['0830', '08:30'], ['8', '08:00'], [' 14:05 ', '14:05'], ['9：30', '09:30'],
  ])('reads %s as %s', (raw, want) => expect(normalizeTime(raw)).toBe(want))
  it.each(['24:00', '12:60', 'noon', '', '1:2', '123:00'])('refuses %s', (raw) => expect(normalizeTime(raw)).toBeNull())
})

describe('cleanTimes', () => {
  it('drops duplicates and non-times and sorts', () => {
    expect(cleanTimes(['14:00', '8:00', '08:00', 'x', '09:30'])).toEqual(['08:00', '09:30', '14:00'])
  })
})

describe('isoWeekday', () => {
  it('numbers Monday 1 to Sunday 7', () => {
    expect(isoWeekday('2026-03-02')).toBe(1) // a Monday
    expect(isoWeekday('2026-03-08')).toBe(7)
    expect(isoWeekday('2026-03-07')).toBe(6)
  })
})

describe('rangeDays', () => {
  it('keeps the chosen weekdays, both ends included', () => {
    expect(rangeDays('2026-03-02', '2026-03-15', [1, 3])).toEqual(['2026-03-02', '2026-03-04', '2026-03-09', '2026-03-11'])
  })
  it('crosses a month and a leap day', () => {
    expect(rangeDays('2028-02-28', '2028-03-01', [1, 2, 3, 4, 5, 6, 7])).toEqual(['2028-02-28', '2028-02-29', '2028-03-01'])
  })
  it('gives nothing for a reversed or incomplete range', () => {
    expect(rangeDays('2026-03-10', '2026-03-01', [1, 2, 3])).toEqual([])
    expect(rangeDays('', '2026-03-01', [1])).toEqual([])
  })
})

describe('previewCount', () => {
  it('is chosen days times distinct times', () => {
    // Two weeks of weekdays (10 days) at three distinct times.
    expect(previewCount('2026-03-02', '2026-03-15', [1, 2, 3, 4, 5], ['08:00', '9:00', '09:00', '14:00'])).toBe(30)
  })
  it('is zero without weekdays or times', () => {
    expect(previewCount('2026-03-02', '2026-03-15', [], ['08:00'])).toBe(0)
    expect(previewCount('2026-03-02', '2026-03-15', [1], [])).toBe(0)
  })
  it('counts a whole year', () => {
    expect(previewCount('2027-01-01', '2027-12-31', [1, 2, 3, 4, 5, 6, 7], ['08:00'])).toBe(365)
  })
})
