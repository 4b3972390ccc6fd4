import { describe, expect, it } from 'vitest'
import { messagesOf, messageTemplates, resetTemplate, saveTemplate, setReminders } from './endpoints'
import { recordFetch } from '../shared/recordFetch'

const calls = recordFetch()

describe('the message endpoints', () => {
  it('ask for the templates and her messages', async () => {
    await messageTemplates()
    await messagesOf(7)
    expect(calls.map((c) => [c.method, c.url])).toEqual([
      ['GET', '/api/v1/settings/message-templates'],
      ['GET', '/api/v1/messages?client_id=7&limit=200'],
    ])
  })

  it('change a wording and her choice', async () => {
    await saveTemplate('appointment_reminder', 'en', 'See you {date}')
    await resetTemplate('appointment_reminder', 'zh')
    await setReminders(7, { opt_in: true, lang: 'en' })
    expect(calls).toEqual([
      { url: '/api/v1/settings/message-templates/appointment_reminder/en', method: 'PUT', body: { body: 'See you {date}' } },
      { url: '/api/v1/settings/message-templates/appointment_reminder/zh', method: 'DELETE', body: undefined },
      { url: '/api/v1/clients/7/reminders', method: 'PUT', body: { opt_in: true, lang: 'en' } },
    ])
  })
})
