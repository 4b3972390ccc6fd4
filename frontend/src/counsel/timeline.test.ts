import { describe, expect, it } from 'vitest'
import { mergeTimeline } from './timeline'
import type { CaseEvent, Contact } from './types'

const ev = (event: string, at: string): CaseEvent => ({ event, at, actor_id: 1, actor: 'tech2' })
const ct = (id: number, at: string): Contact => ({ id, channel: 'phone', result: 'no_answer', at, by: 'counselor.dc' })

describe('mergeTimeline', () => {
  it('shows contacts in full instead of their steps, newest first', () => {
    const got = mergeTimeline(
      [ev('opened', '2026-03-01T01:00:00Z'), ev('assigned', '2026-03-01T01:00:00Z'), ev('contact', '2026-03-01T02:00:00Z'), ev('closed', '2026-03-02T01:00:00Z')],
      [ct(7, '2026-03-01T02:00:00Z')],
    )
    expect(got.map((e) => ('contact' in e ? `contact ${e.contact.id}` : e.event.event))).toEqual(['closed', 'contact 7', 'assigned', 'opened'])
  })
})
