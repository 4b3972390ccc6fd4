import type { Role } from '../api'

export const roles: Role[] = ['admin', 'nurse', 'lab_tech', 'counselor']

// Nurses and counselors work at one station; admins and lab technicians
// at none (the server refuses a station for them).
export function stationBound(role: Role | '' | undefined): boolean {
  return role === 'nurse' || role === 'counselor'
}
