// The pregnancy follow-up's calls to the API, one typed function each,
// with queries built by withQuery. The routes are those of
// docs/openapi.yaml.
import { api, withQuery, type List } from '../api'
import type { Pregnancy, PregnancyContact, PregnancyTask, Task, Vaccination } from './types'

// Her pregnancies: recorded from her LMP or from a due date, and the
// earlier ones with their outcomes.
export const recordPregnancy = (clientId: number, body: ({ lmp_date: string } | { edd: string }) & { source: string }) =>
  api<Pregnancy>('POST', `/clients/${clientId}/pregnancies`, body)
export const pregnanciesOf = (clientId: number) => api<List<Pregnancy>>('GET', `/clients/${clientId}/pregnancies`)

// How one ended, recorded or (with a reason) corrected.
export const recordOutcome = (pregnancyId: number, body: Record<string, unknown>) => api<Pregnancy>('POST', `/pregnancies/${pregnancyId}/outcome`, body)
export const correctOutcome = (pregnancyId: number, body: Record<string, unknown>) => api<Pregnancy>('PUT', `/pregnancies/${pregnancyId}/outcome`, body)

// One attempt to reach her about a task.
export const logContact = (pregnancyId: number, c: { task: Task; channel: string; result: string; note: string }) =>
  api<PregnancyContact>('POST', `/pregnancies/${pregnancyId}/contacts`, c)

// A rubella vaccination, taken only with pregnancy excluded.
export const recordVaccination = (clientId: number, v: { vaccine: 'rubella'; given_on: string; pregnancy_excluded: boolean; note: string }) =>
  api<Vaccination>('POST', `/clients/${clientId}/vaccinations`, v)

// The worklist: the tasks due today (due), or those still to come as
// well; a station's, or every station's when none is given.
export const worklist = (f: { limit: number; due: boolean; stationId?: number }) =>
  api<List<PregnancyTask>>('GET', withQuery('/pregnancies', { limit: f.limit, due: f.due ? true : undefined, station_id: f.stationId }))
