import { describe, expect, it } from 'vitest'
import { changePassword, login, logout, markRead, me, notifications, slots, station, stations, unreadCount } from './endpoints'
import { recordFetch } from './recordFetch'

const calls = recordFetch()

describe('the shared endpoints', () => {
  it('ask for the bell, the stations and a station\'s slots', async () => {
    await notifications()
    await stations()
    await station(3)
    await slots(3, '2026-03-02', '2026-03-15')
    expect(calls.map((c) => [c.method, c.url])).toEqual([
      ['GET', '/api/v1/notifications?limit=50'],
      ['GET', '/api/v1/stations?limit=200'],
      ['GET', '/api/v1/stations/3'],
      ['GET', '/api/v1/stations/3/slots?from=2026-03-02&to=2026-03-15'],
    ])
  })

  it('ask who is signed in and the bell\'s unread count, and sign out', async () => {
    await me()
    await unreadCount()
    await logout()
    expect(calls.map((c) => [c.method, c.url])).toEqual([
      ['GET', '/api/v1/me'],
      ['GET', '/api/v1/notifications?unread=true&limit=1'],
      ['POST', '/api/v1/auth/logout'],
    ])
  })

  it('send a notification read, a sign-in and a new password', async () => {
    await markRead(9)
    await login('nurse1', 'pw')
    await changePassword({ current_password: 'old', new_password: 'new' })
    expect(calls).toEqual([
      { url: '/api/v1/notifications/9/read', method: 'POST', body: undefined },
      { url: '/api/v1/auth/login', method: 'POST', body: { username: 'nurse1', password: 'pw' } },
      { url: '/api/v1/me/password', method: 'POST', body: { current_password: 'old', new_password: 'new' } },
    ])
  })
})
