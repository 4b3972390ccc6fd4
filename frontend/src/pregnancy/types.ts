// The JSON of the pregnancy and vaccination routes (docs/openapi.yaml,
// lab/pregnancy*.go, lab/vaccination.go), only the fields the screens use.

import type { GestationalAge } from '../api/types'
// Weeks and days since her last menstrual period (the reference's type).
export type { GestationalAge }

export const sources = ['self_report', 'clinic', 'registration'] as const
export type Source = (typeof sources)[number]
// The sources a pregnancy may be recorded with by hand: "registration" is
// the server's own, for a woman registered as pregnant.
export const recordSources = ['self_report', 'clinic'] as const

export const outcomes = ['live_birth', 'stillbirth', 'miscarriage', 'induced_abortion', 'ectopic', 'unknown'] as const
export type Outcome = (typeof outcomes)[number]

export const tasks = ['early_contact', 'outcome'] as const
export type Task = (typeof tasks)[number]

export interface Defect {
  code?: string
  text: string
}

export interface Pregnancy {
  id: number
  client_id: number
  station_id: number
  lmp_date: string
  edd: string
  source: Source | string
  recorded_at: string
  // The early-pregnancy contact is due by this day; null when she was
  // recorded after early pregnancy (the task was missed, not overdue).
  early_due_on: string | null
  early_contacted_at: string | null
  outcome_from: string
  outcome_due_on: string
  outcome?: Outcome | string
  outcome_on?: string
  gestation_weeks?: number
  birth_weight_g?: number
  defects: Defect[]
  open: boolean
  // Today's, while the pregnancy is open.
  gestational_age?: GestationalAge
  warnings?: string[]
}

export interface Vaccination {
  id: number
  client_id: number
  vaccine: string
  given_on: string
  pregnancy_excluded?: boolean
  deferral_days: number
  // The first day the deferral no longer applies.
  deferral_ends_on: string
  note?: string
  recorded_at?: string
}

// What her page (GET /clients/{id}) adds to her record.
export interface PregnancyPage {
  pregnancy: Pregnancy | null
  vaccinations: Vaccination[]
  rubella_deferral_ends_on: string | null
}

// One task of the worklist (GET /pregnancies).
export interface PregnancyTask {
  pregnancy_id: number
  task: Task
  opens_on: string
  due_on: string
  overdue: boolean
  client_id: number
  client_name: string
  national_id: string
  station_id: number
  lmp_date: string
  edd: string
  gestational_age?: GestationalAge
}

export interface PregnancyContact {
  id: number
  pregnancy_id: number
  task: Task
  channel: string
  result: string
  note?: string
  at: string
}
