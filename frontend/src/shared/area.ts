import type { RouteRecordRaw } from 'vue-router'
import type { Role } from '../api'

// An area of the UI (nurse, lab, counsel, admin) brings its own routes and
// the entries of the navigation bar; router.ts and App.vue put them together.
// `roles` on a route's meta says who may open it (admins may open all).
export interface NavEntry {
  path: string
  label: string // an i18n key
  roles: Role[]
}

export interface Area {
  routes: RouteRecordRaw[]
  nav: NavEntry[]
}
