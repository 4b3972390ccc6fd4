// The calls to the API that every area shares (the session, the bell, the
// stations, the booking calendar), one typed function each, with queries
// built by withQuery. The routes are those of docs/openapi.yaml.
import { api, withQuery, type List, type User } from '../api'
import type { JSONBody, Notification } from '../api/types'
import type { Slot } from './SlotCalendar.vue'
import type { Station } from './useStations'

// The session: signing in again over an expired one, and a new password.
export const login = (username: string, password: string) => api<{ user: User }>('POST', '/auth/login', { username, password })
export const changePassword = (body: JSONBody<'/api/v1/me/password', 'post'>) => api<void>('POST', '/me/password', body)

// The bell: the latest notifications, and one read.
export const notifications = () => api<List<Notification>>('GET', withQuery('/notifications', { limit: 50 }))
export const markRead = (id: number) => api<void>('POST', `/notifications/${id}/read`)

// Stations: the page of 200 a screen names rows with (the most one page
// holds), and one station.
export const stations = () => api<List<Station>>('GET', withQuery('/stations', { limit: 200 }))
export const station = (id: number) => api<Station>('GET', `/stations/${id}`)

// A station's slots from one day to another, both included.
export const slots = (stationId: number, from: string, to: string) => api<List<Slot>>('GET', withQuery(`/stations/${stationId}/slots`, { from, to }))
