// The calls to the API about messages to women, one typed function each,
// with queries built by withQuery. The routes are those of
// docs/openapi.yaml. The reminders' switches are settings, read and
// changed through the administration's endpoints.
import { api, withQuery, type List } from '../api'
import type { MessageLang, MessageTemplate, Message, Reminders, TemplateList } from './types'

// Each event's wording in each language: changed, or back to the default.
export const messageTemplates = () => api<TemplateList>('GET', '/settings/message-templates')
export const saveTemplate = (event: string, lang: MessageLang, body: string) =>
  api<MessageTemplate>('PUT', `/settings/message-templates/${event}/${lang}`, { body })
export const resetTemplate = (event: string, lang: MessageLang) => api<MessageTemplate>('DELETE', `/settings/message-templates/${event}/${lang}`)

// Her messages, newest first, and her choice of reminders.
export const messagesOf = (clientId: number) => api<List<Message>>('GET', withQuery('/messages', { client_id: clientId, limit: 200 }))
export const setReminders = (clientId: number, r: Reminders) => api<{ reminders: Reminders }>('PUT', `/clients/${clientId}/reminders`, r)
