import { beforeEach, describe, expect, it, vi } from 'vitest'
import { messagesOf, messageTemplates, resetTemplate, saveTemplate, setReminders } from './endpoints'

const calls: { url: string; method?: string; body?: unknown }[] = []
beforeEach(() => {
  calls.length = 0
  vi.stubGlobal('document', { cookie: 'torchlab_csrf=t' })
  vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
    calls.push({ url, method: init?.method, body: init?.body ? JSON.parse(String(init.body)) : undefined })
    return new Response(JSON.stringify({ items: [] }), { status: 200, headers: { 'Content-Type': 'application/json' } })
  }))
})

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
