import { defineStore } from 'pinia'
import { api, type User } from '../api'

export const useSession = defineStore('session', {
  state: () => ({ user: null as User | null, unread: 0 }),
  actions: {
    async load() {
      try {
        this.user = await api<User>('GET', '/me')
      } catch {
        this.user = null
      }
    },
    async login(username: string, password: string) {
      const res = await api<{ user: User }>('POST', '/auth/login', { username, password })
      this.user = res.user
    },
    async logout() {
      await api('POST', '/auth/logout').catch(() => undefined)
      this.user = null
      this.unread = 0
    },
    async refreshUnread() {
      if (!this.user || this.user.must_change_password) return
      const res = await api<{ unread: number }>('GET', '/notifications?unread=true&limit=1')
      this.unread = res.unread
    },
  },
})
