// The JSON of the routes of messages to women (api/messages.go,
// lab/message.go, lab/message_templates.go, lab/message_reminders.go).

export type MessageLang = 'zh' | 'en'
export type MessageStatus = 'queued' | 'sent' | 'delivered' | 'failed' | 'cancelled'

// Her choice, on GET /clients/{id} as `reminders`.
export interface Reminders {
  opt_in: boolean
  lang: MessageLang
}

export interface MessageTemplate {
  event: string
  lang: MessageLang
  body: string
  default_body: string
  customized: boolean
  placeholders: string[]
  updated_at?: string
  updated_by?: number
}

export interface TemplateList {
  items: MessageTemplate[]
  forbidden_words: string[]
}

// One row of GET /messages: the phone masked; the text whole, since no
// message states a result.
export interface Message {
  id: number
  client_id: number
  station_id: number
  event: string
  event_on?: string
  lang: MessageLang
  text: string
  phone: string
  status: MessageStatus
  status_detail?: string
  attempts: number
  last_error?: string
  created_at: string
  sent_at?: string | null
  delivered_at?: string | null
  failed_at?: string | null
  cancelled_at?: string | null
  updated_at: string
}

// The admins' switch of each event, by setting name (lab/settings.go).
export const reminderSwitches: { setting: string; event: string }[] = [
  { setting: 'reminder_appointment', event: 'appointment_reminder' },
  { setting: 'reminder_report_ready', event: 'report_ready' },
  { setting: 'reminder_retest_due', event: 'retest_due' },
  { setting: 'reminder_pregnancy_early', event: 'pregnancy_early' },
  { setting: 'reminder_pregnancy_outcome', event: 'pregnancy_outcome' },
]

// lastChange is when a message last moved, and to what: the log's
// "last change" column.
export function lastChange(m: Message): string {
  return m.delivered_at ?? m.failed_at ?? m.cancelled_at ?? m.sent_at ?? m.created_at
}
