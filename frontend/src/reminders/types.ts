// The JSON of the routes of messages to women (api/messages.go,
// lab/message.go, lab/message_templates.go, lab/message_reminders.go).
import type { Message } from '../api/types'

export type MessageLang = 'zh' | 'en'
export type MessageStatus = 'queued' | 'sent' | 'delivered' | 'failed' | 'cancelled'

// Her choice (on GET /clients/{id} as `reminders`), a template and one row
// of GET /messages (the phone masked; the text whole, since no message
// states a result) are the reference's types.
export type { Message, MessageTemplate, Reminders } from '../api/types'

// GET /settings/message-templates: every template and the words none may say.
export type { MessageTemplateList as TemplateList } from '../api/types'

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
