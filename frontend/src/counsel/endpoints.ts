// The follow-up desk's calls to the API, one typed function each, with
// queries built by withQuery. The routes are those of docs/openapi.yaml.
import { api, withQuery, type List } from '../api'
import type { CaseDetail, CaseView, Client, Contact, Counselor, ExternalResult, Station } from './types'

// The queue: status is one status or several separated by commas (her
// active cases, open and in progress, in one request); no assignee is
// everyone's.
export const followups = (f: { status: string; limit: number; assignee?: string }) =>
  api<List<CaseView>>('GET', withQuery('/followups', { status: f.status, limit: f.limit, assignee: f.assignee }))
export const counselors = () => api<List<Counselor>>('GET', withQuery('/users', { role: 'counselor', limit: 200 }))

// One case and what it is about.
export const caseDetail = (id: number) => api<CaseDetail>('GET', `/followups/${id}`)
export const getClient = (id: number) => api<Client>('GET', `/clients/${id}`)
export const getStation = (id: number) => api<Station>('GET', `/stations/${id}`)
export const revealPhone = (clientId: number) => api<{ phone: string }>('GET', `/clients/${clientId}/phone`)

// What the counselor records.
export const addContact = (caseId: number, body: Record<string, unknown>) => api<Contact>('POST', `/followups/${caseId}/contacts`, body)
export const addExternalResult = (caseId: number, body: Record<string, unknown>) =>
  api<ExternalResult>('POST', `/followups/${caseId}/external-results`, body)
export const closeCase = (caseId: number, outcome: string, note: string) => api<CaseView>('POST', `/followups/${caseId}/close`, { outcome, note })
// Her retest or redraw, booked on the case: the appointment it made.
export const bookRetest = (caseId: number, slotId: number) => api<unknown>('POST', `/followups/${caseId}/retest`, { slot_id: slotId })

// An admin's moves.
export const reassign = (caseId: number, assigneeId: number | undefined) => api<CaseView>('PATCH', `/followups/${caseId}`, { assignee_id: assigneeId })
export const reopen = (caseId: number, reason: string) => api<CaseView>('POST', `/followups/${caseId}/reopen`, { reason })
