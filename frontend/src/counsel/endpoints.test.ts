import { describe, expect, it } from 'vitest'
import { bookRetest, counselors, followups, reassign } from './endpoints'
import { recordFetch } from '../shared/recordFetch'

const calls = recordFetch()

describe('the follow-up endpoints', () => {
  it('ask for the queue by status, and for one counselor only when one is chosen', async () => {
    await followups({ status: 'open,in_progress', limit: 500 })
    await followups({ status: 'closed', limit: 500, assignee: '7' })
    await counselors()
    expect(calls.map((c) => c.url)).toEqual([
      '/api/v1/followups?status=open%2Cin_progress&limit=500',
      '/api/v1/followups?status=closed&limit=500&assignee=7',
      '/api/v1/users?role=counselor&limit=200',
    ])
  })
  it('reassign to the counselor chosen', async () => {
    await reassign(3, 9)
    expect(calls).toEqual([{ method: 'PATCH', url: '/api/v1/followups/3', body: { assignee_id: 9 } }])
  })
  it('book her retest on the case, in the slot chosen', async () => {
    await bookRetest(4, 12)
    expect(calls).toEqual([{ method: 'POST', url: '/api/v1/followups/4/retest', body: { slot_id: 12 } }])
  })
})
