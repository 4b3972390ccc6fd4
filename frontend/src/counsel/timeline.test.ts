import { describe, expect, it } from 'vitest'
import { mergeTimeline, whoDid } from './timeline'
import type { CaseEvent, Contact } from './types'

const ev = (event: string, at: string): CaseEvent => ({ event, at, actor_id: 1, actor: 'tech2' })
const ct = (id: number, at: string): Contact => ({ id, channel: 'phone', result: 'no_answer', at, by_id: 3, by: 'counselor.dc' })

describe('mergeTimeline', () => {
  it('shows contacts in full instead of their steps, newest first', () => {
    const got = mergeTimeline(
      [ev('opened', '2026-03-01T01:00:00Z'), ev('assigned', '2026-03-01T01:00:00Z'), ev('contact', '2026-03-01T02:00:00Z'), ev('closed', '2026-03-02T01:00:00Z')],
      [ct(7, '2026-03-01T02:00:00Z')],
    )
    expect(got.map((e) => ('contact' in e ? `contact ${e.contact.id}` : e.event.event))).toEqual(['closed', 'contact 7', 'assigned', 'opened'])
  })
})

describe('whoDid', () => {
  it('names people by their display names, not their logins', () => {
    expect(whoDid({ ...ev('assigned', '2026-03-01T01:00:00Z'), actor_name: '检验师 王强' })).toBe('检验师 王强')
    expect(whoDid({ ...ct(1, '2026-03-01T01:00:00Z'), by_name: '咨询员 张敏' })).toBe('咨询员 张敏')
  })
  it('keeps the login only for a user the server no longer names', () => {
    expect(whoDid(ev('assigned', '2026-03-01T01:00:00Z'))).toBe('tech2')
    expect(whoDid(ct(1, '2026-03-01T01:00:00Z'))).toBe('counselor.dc')
  })
  it('leaves torchlab\'s own steps to the caller', () => {
    expect(whoDid({ event: 'escalated', at: '2026-03-01T01:00:00Z', actor_id: null, actor: '(jobs)' })).toBeNull()
  })
})
