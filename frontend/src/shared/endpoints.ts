// The calls to the API that every area shares (the session, the bell, the
// stations, the booking calendar), one typed function each, with queries
// built by withQuery. The routes are those of docs/openapi.yaml.
import { api, withQuery, type List, type User } from '../api'
import type { JSONBody, Notification } from '../api/types'
import type { Slot } from '../api/types'
import type { Station } from './useStations'

// The session: who is signed in, signing in (again over an expired one)
// and out, and a new password.
export const me = () => api<User>('GET', '/me')
export const login = (username: string, password: string) => api<{ user: User }>('POST', '/auth/login', { username, password })
export const logout = () => api<void>('POST', '/auth/logout')
export const changePassword = (body: JSONBody<'/api/v1/me/password', 'post'>) => api<void>('POST', '/me/password', body)

// The bell: the latest notifications, and one read.
export const notifications = () => api<List<Notification>>('GET', withQuery('/notifications', { limit: 50 }))
export const markRead = (id: number) => api<void>('POST', `/notifications/${id}/read`)
// The bell's number: the unread count, which the server stops at 100.
export const unreadCount = async () => (await api<{ unread: number }>('GET', withQuery('/notifications', { unread: true, limit: 1 }))).unread

// Stations: the page of 200 a screen names rows with (the most one page
// holds), and one station.
export const stations = () => api<List<Station>>('GET', withQuery('/stations', { limit: 200 }))
export const station = (id: number) => api<Station>('GET', `/stations/${id}`)

// A station's slots from one day to another, both included.
export const slots = (stationId: number, from: string, to: string) => api<List<Slot>>('GET', withQuery(`/stations/${stationId}/slots`, { from, to }))
