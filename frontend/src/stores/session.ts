import { defineStore } from 'pinia'
import type { User } from '../api'
import { login, logout, me, unreadCount } from '../shared/endpoints'

export const useSession = defineStore('session', {
  state: () => ({ user: null as User | null, unread: 0 }),
  actions: {
    async load() {
      try {
        this.user = await me()
      } catch {
        this.user = null
      }
    },
    async login(username: string, password: string) {
      this.user = (await login(username, password)).user
    },
    async logout() {
      await logout().catch(() => undefined)
      this.user = null
      this.unread = 0
    },
    async refreshUnread() {
      if (!this.user || this.user.must_change_password) return
      this.unread = await unreadCount()
    },
  },
})
