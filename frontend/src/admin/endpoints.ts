// The administration's calls to the API, one typed function each, with
// queries built by withQuery. The routes are those of docs/openapi.yaml.
import { api, apiURL, withQuery, type List } from '../api'
import type { JSONBody, WorkCalendar } from '../api/types'
import type { Analyser } from './analysers'
import type { AdminUser, Analyte, AuditEntry, Kit, SafetyNetItem, SettingRule, Settings, Slot, SlotBatch, Station, Summary } from './types'

// A station filter: 0 or none is every station.
const station = (id?: number) => (id ? id : undefined)

// Users, a page of at most limit; no active filter lists the active and
// the inactive.
export interface UserFilter {
  limit: number
  role?: string
  stationId?: number
  active?: boolean
  cursor?: string
}
export const users = (f: UserFilter) =>
  api<List<AdminUser>>('GET', withQuery('/users', { limit: f.limit, role: f.role || undefined, station_id: station(f.stationId), active: f.active, cursor: f.cursor }))
// The people a case of the station may be given to.
export const stationCounselors = (stationId: number) => users({ limit: 200, role: 'counselor', active: true, stationId })
export const createUser = (body: JSONBody<'/api/v1/users', 'post'>) => api<AdminUser>('POST', '/users', body)
export const updateUser = (id: number, patch: JSONBody<'/api/v1/users/{id}', 'patch'>) => api<AdminUser>('PATCH', `/users/${id}`, patch)
export const resetPassword = (id: number, password: string) => updateUser(id, { password })

// Stations (the list is useStations', shared by every area).
export const createStation = (body: JSONBody<'/api/v1/stations', 'post'>) => api<Station>('POST', '/stations', body)
export const updateStation = (id: number, patch: JSONBody<'/api/v1/stations/{id}', 'patch'>) => api<Station>('PATCH', `/stations/${id}`, patch)

// Slots: a period of a station's, and the changes to them. A delete
// answers 204, so it resolves to undefined.
export const slots = (stationId: number, from: string, to: string) => api<List<Slot>>('GET', withQuery(`/stations/${stationId}/slots`, { from, to }))
export const createSlot = (stationId: number, one: { date: string; start: string; end?: string; capacity: number }) =>
  api<Slot>('POST', `/stations/${stationId}/slots`, one)
export const createSlots = (stationId: number, range: { from: string; to: string; weekdays: number[]; times: string[]; capacity: number }) =>
  api<SlotBatch>('POST', `/stations/${stationId}/slots`, range)
export const updateSlot = (id: number, patch: JSONBody<'/api/v1/slots/{id}', 'patch'>) => api<Slot>('PATCH', `/slots/${id}`, patch)
// Resolves to true: the 204 carries no body, and useAction's run reads
// undefined as a refusal already shown.
export const deleteSlot = async (id: number): Promise<true> => {
  await api<undefined>('DELETE', `/slots/${id}`)
  return true
}

// The analytes and their kits. A cut-off left empty is sent as null, so
// that the server names the field it needs.
export const analytes = () => api<List<Analyte>>('GET', '/analytes')
export const addKit = (code: string, kit: { kit: string; unit: string; negative_below: number | null; positive_from: number | null; effective_from: string }) =>
  api<Kit>('POST', `/analytes/${encodeURIComponent(code)}/kits`, kit)

// Analysers.
export const analysers = () => api<List<Analyser>>('GET', '/analysers')
export const createAnalyser = (body: JSONBody<'/api/v1/analysers', 'post'>) => api<Analyser>('POST', '/analysers', body)
export const updateAnalyser = (id: number, patch: JSONBody<'/api/v1/analysers/{id}', 'patch'>) => api<Analyser>('PATCH', `/analysers/${id}`, patch)

// The programme's rules and working calendar.
export const settingRules = () => api<List<SettingRule>>('GET', '/settings/rules')
export const settings = () => api<Settings>('GET', '/settings')
export const saveSettings = (changed: Settings) => api<Settings>('PUT', '/settings', changed)
export const calendar = () => api<WorkCalendar>('GET', '/settings/calendar')
export const saveCalendar = (c: WorkCalendar) => api<WorkCalendar>('PUT', '/settings/calendar', c)

// The audit log, newest first, a page of 50; an empty filter is none.
export interface AuditFilter {
  entity?: string
  entity_id?: string
  actor?: string
  cursor?: string
}
export const audit = (f: AuditFilter) =>
  api<List<AuditEntry>>('GET', withQuery('/audit', { limit: 50, entity: f.entity || undefined, entity_id: f.entity_id || undefined, actor: f.actor || undefined, cursor: f.cursor || undefined }))

// The programme's figures for a range of collection dates, and the same
// as files the browser downloads.
export interface SummaryRange {
  from: string
  to: string
  stationId?: number
}
const summaryQuery = (r: SummaryRange) => ({ from: r.from, to: r.to, station_id: station(r.stationId) })
export const summary = (r: SummaryRange) => api<Summary>('GET', withQuery('/reports/summary', summaryQuery(r)))
export const summaryFileURL = (format: 'csv' | 'xlsx', r: SummaryRange) => apiURL(`/reports/summary.${format}`, summaryQuery(r))

// The safety net, and giving one of its cases to a counselor.
export const safetyNet = () => api<List<SafetyNetItem>>('GET', '/followups/safety-net')
export const reassignCase = (followupId: number, assigneeId: number) => api<unknown>('PATCH', `/followups/${followupId}`, { assignee_id: assigneeId })
