// The working calendar's lists as the editor keeps them: sorted, each day
// once, and the server's refusals (holidays[3] …) put back on the day
// they name. Pure functions, unit-tested.
import type { WorkCalendar } from '../api/types'

export type { WorkCalendar }
export type CalendarList = keyof WorkCalendar

// addDay puts a day in a list, in date order; a day already there is
// left as it is (the server would refuse it twice).
export function addDay(list: string[], day: string): string[] {
  if (!day || list.includes(day)) return list
  return [...list, day].sort()
}

export function removeDay(list: string[], day: string): string[] {
  return list.filter((d) => d !== day)
}

// isoWeekday is 1 (Monday) to 7 (Sunday) of a YYYY-MM-DD date, 0 if it is
// no date.
export function isoWeekday(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!m) return 0
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.getUTCDay() === 0 ? 7 : d.getUTCDay()
}

export function sameCalendar(a: WorkCalendar, b: WorkCalendar): boolean {
  return a.holidays.join() === b.holidays.join() && a.workdays.join() === b.workdays.join()
}

export interface CalendarErrors {
  // A whole list refused (required, too_many): its code.
  lists: Partial<Record<CalendarList, string>>
  // A day refused: list → day → code.
  days: Record<CalendarList, Record<string, string>>
}

// calendarErrors reads a 422's fields: "holidays[2]" names the third day
// of the list that was sent, "holidays" the list itself.
export function calendarErrors(fields: { field: string; code: string }[], sent: WorkCalendar): CalendarErrors {
  const out: CalendarErrors = { lists: {}, days: { holidays: {}, workdays: {} } }
  for (const f of fields) {
    const m = /^(holidays|workdays)(?:\[(\d+)\])?$/.exec(f.field)
    if (!m) continue
    const list = m[1] as CalendarList
    if (m[2] === undefined) {
      out.lists[list] ??= f.code
      continue
    }
    const day = sent[list][Number(m[2])]
    if (day !== undefined) out.days[list][day] ??= f.code
  }
  return out
}
