// The JSON of the follow-up routes this area reads (docs/openapi.yaml,
// lab/followup_view.go), only the fields the screens use.

export type CaseStatus = 'open' | 'in_progress' | 'closed'
export type Priority = 'urgent' | 'high' | 'routine'

export interface Finding {
  code: string
  pathogen: string
  igg: string
  igm: string // '' when the panel has no IgM test
  abnormal: boolean
  priority?: Priority
  recommendation: string
  recommendation_en: string
}

export interface CaseView {
  id: number
  client_id: number
  station_id: number
  status: CaseStatus
  priority: Priority
  due_at: string
  assignee_id: number | null
  acknowledged_at?: string
  reached_at?: string
  escalated_at?: string
  outcome?: string
  close_note?: string
  opened_at: string
  closed_at?: string
  updated_at: string
  sample_accession: string
  findings: Finding[]
  overdue: boolean
  client_name: string
  national_id: string
  assignee_name?: string
  // The latest attempt to reach her; null before the first.
  last_contact: { at: string; channel: string; result: string } | null
}

export interface Result {
  analyte: string
  value: number | null
  value_text?: string
  qualitative?: string
  unit: string
  interpretation: string
  entered_at: string
}

export interface RetestView {
  appointment_id: number
  date: string
  status: string
  accession?: string
  results: Result[]
}

export interface Contact {
  id: number
  channel: string
  result: string
  note?: string
  next_attempt_on?: string
  at: string
  by: string
}

export interface CaseEvent {
  event: string
  detail?: string
  at: string
  actor_id: number | null
  actor: string
}

export interface CaseDetail extends CaseView {
  results: Result[]
  retests: RetestView[]
  contacts: Contact[]
  timeline: CaseEvent[]
}

export interface Client {
  id: number
  station_id: number
  name: string
  national_id: string
  phone: string
  category: string
  lmp_date: string | null
}

export interface Station {
  id: number
  code: string
  name: string
}

// A counselor as GET /users (admins only) lists her.
export interface Counselor {
  id: number
  username: string
  display_name: string
  station_id: number | null
  active: boolean
}

export const channels = ['phone', 'sms', 'visit', 'in_person'] as const
export const contactResults = ['reached', 'no_answer', 'wrong_number', 'refused'] as const
// The outcomes CloseFollowup accepts (lab/followup_work.go caseOutcomes).
export const outcomes = ['counseled', 'retest_normal', 'referred', 'vaccination_advised', 'declined', 'lost_to_follow_up', 'other'] as const
