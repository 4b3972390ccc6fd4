import { checkNationalId } from '../shared/nationalId'

// What the ID number field says as the nurse types: nothing while she is
// still typing a plausible number, the reason once it cannot be right, and
// the birth date and age when it is valid (so she can check it with the
// woman in front of her).
export type IdHint =
  | { kind: 'none' }
  | { kind: 'error'; reason: string }
  | { kind: 'ok'; birthDate: string; age: number }

export function idHint(value: string, today: string): IdHint {
  const c = checkNationalId(value, today, true)
  if (c.ok) return { kind: 'ok', birthDate: c.birthDate, age: ageOn(c.birthDate, today) }
  if (c.typing) return { kind: 'none' }
  return { kind: 'error', reason: c.reason }
}

// ageOn is the age in whole years on a day (both YYYY-MM-DD).
export function ageOn(birth: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birth.slice(0, 4))
  return day.slice(5) < birth.slice(5) ? years - 1 : years
}
