// The JSON of the pregnancy and vaccination routes (docs/openapi.yaml,
// lab/pregnancy*.go, lab/vaccination.go), only the fields the screens use.

import type { GestationalAge, Pregnancy, Vaccination } from '../api/types'
// Weeks and days since her last menstrual period, a pregnancy (with today's
// gestational age while open), a rubella vaccination, one task of the
// worklist (GET /pregnancies) and an attempt to reach her about it: the
// reference's types.
export type { GestationalAge, Pregnancy, Vaccination }
export type { PregnancyContact, PregnancyTask } from '../api/types'
export type Defect = Pregnancy['defects'][number]

export const sources = ['self_report', 'clinic', 'registration'] as const
export type Source = (typeof sources)[number]
// The sources a pregnancy may be recorded with by hand: "registration" is
// the server's own, for a woman registered as pregnant.
export const recordSources = ['self_report', 'clinic'] as const

export const outcomes = ['live_birth', 'stillbirth', 'miscarriage', 'induced_abortion', 'ectopic', 'unknown'] as const
export type Outcome = (typeof outcomes)[number]

export const tasks = ['early_contact', 'outcome'] as const
export type Task = (typeof tasks)[number]

// What her page (GET /clients/{id}) adds to her record.
export interface PregnancyPage {
  pregnancy: Pregnancy | null
  vaccinations: Vaccination[]
  rubella_deferral_ends_on: string | null
}

