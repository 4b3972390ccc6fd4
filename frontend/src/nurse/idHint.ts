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

// reproductiveAge is WHO's reproductive age range of women, 15 to 49:
// domain.md §6 asks to flag (not refuse) an age outside it, which is most
// often a mistyped birth year.
export function reproductiveAge(age: number): boolean {
  return age >= 15 && age <= 49
}

// ageOn is the age in whole years on a day (both YYYY-MM-DD).
export function ageOn(birth: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birth.slice(0, 4))
  return day.slice(5) < birth.slice(5) ? years - 1 : years
}
