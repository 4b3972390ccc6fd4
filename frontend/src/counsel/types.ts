// The JSON of the follow-up routes this area reads (docs/openapi.yaml,
// lab/followup_view.go), only the fields the screens use.
import type { CaseSample, Finding, Result, Client, Contact, ExternalResult } from '../api/types'
export type { Finding, Result, Client }
import type { GestationalAge, Pregnancy } from '../pregnancy/types'

export type CaseStatus = 'open' | 'in_progress' | 'closed'
export type Priority = 'urgent' | 'high' | 'routine'

export const nextActionKinds = ['contact', 'retest', 'external_result', 'outcome'] as const
export type NextActionKind = (typeof nextActionKinds)[number]

// What an open case waits for, and when: due_on is the day at her
// station, due_at the instant the case turns overdue.
export interface NextAction {
  kind: NextActionKind
  due_on: string
  due_at?: string
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
  // Null once the case is closed.
  next_action: NextAction | null
  // Today's, when she has an open pregnancy.
  gestational_age?: GestationalAge
}

export interface RetestView {
  appointment_id: number
  date: string
  status: string
  accession?: string
  results: Result[]
}

// An attempt to reach her (by is the login, by_name her display name) and
// a result from outside the programme: the reference's types.
export type { Contact, ExternalResult }

export interface CaseEvent {
  event: string
  detail?: string
  at: string
  actor_id: number | null
  actor: string
  actor_name?: string // the display name; actor is the login
}

export type SampleKind = 'screening' | 'retest' | 'redraw'

// One tube of her episode, with its released results (the reference's type).
export type { CaseSample }

export const externalKinds = {
  avidity: ['high', 'low', 'equivocal'],
  pcr: ['detected', 'not_detected'],
  obstetric_referral: ['seen', 'not_seen'],
} as const
export type ExternalKind = keyof typeof externalKinds
// The pathogens an avidity or PCR result may be about (HSV takes none).
export const externalPathogens = ['TOXO', 'RUBV', 'CMV'] as const

export interface CaseDetail extends CaseView {
  results: Result[]
  retests: RetestView[]
  contacts: Contact[]
  timeline: CaseEvent[]
  // The episode's tubes in the order they were drawn.
  samples: CaseSample[]
  external_results: ExternalResult[]
  // The first day a retest may be drawn; null for a closed case.
  retest_earliest_on: string | null
  suggested_next_action: NextAction | null
  // Her open pregnancy, if any; the day of her latest rubella vaccination.
  pregnancy: Pregnancy | null
  vaccinated_on: string | null
}

// Her station, as GET /stations/{id} answers it (the reference's type).
export type { Station } from '../api/types'

// A counselor as GET /users (admins only) lists her.
export type { User as Counselor } from '../api/types'

export const channels = ['phone', 'sms', 'visit', 'in_person'] as const
export const contactResults = ['reached', 'no_answer', 'wrong_number', 'refused'] as const
// The outcomes CloseFollowup accepts (lab/followup_work.go caseOutcomes).
export const outcomes = ['counseled', 'retest_normal', 'referred', 'vaccination_advised', 'declined', 'lost_to_follow_up', 'other'] as const
