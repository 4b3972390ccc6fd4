import { createRouter, createWebHistory } from 'vue-router'
import type { Role } from './api'
import { useSession } from './stores/session'
import Login from './views/Login.vue'
import ChangePassword from './views/ChangePassword.vue'
import Placeholder from './views/Placeholder.vue'
import type { Area } from './shared/area'
import { nurseArea } from './nurse/area'
import { labArea } from './lab/area'
import { counselArea } from './counsel/area'
import { adminArea } from './admin/area'
import { pregnancyArea } from './pregnancy/area'

export const areas: Area[] = [nurseArea, labArea, counselArea, pregnancyArea, adminArea]

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', component: Login, meta: { public: true } },
    { path: '/password', component: ChangePassword },
    ...areas.flatMap((a) => a.routes),
    { path: '/home', component: Placeholder },
    { path: '/:rest(.*)*', redirect: '/home' },
  ],
})

// homes is where each role starts its day: the first navigation entry its
// areas give it.
export function home(role: Role): string {
  for (const a of areas) {
    const first = a.nav.find((n) => n.roles.includes(role))
    if (first && (role !== 'admin' || a === adminArea)) return first.path
  }
  return '/home'
}

// Every screen but sign-in needs a session; a forced password change
// comes before anything else; each role starts on its own screen, and a
// screen of another role sends it home (the API refuses it anyway).
router.beforeEach(async (to) => {
  const session = useSession()
  if (session.user === null) await session.load()
  if (to.meta.public) return session.user ? home(session.user.role) : true
  if (!session.user) return { path: '/login', query: to.fullPath !== '/home' ? { next: to.fullPath } : {} }
  if (session.user.must_change_password && to.path !== '/password') return '/password'
  const roles = to.meta.roles as Role[] | undefined
  if (roles && !roles.includes(session.user.role)) return home(session.user.role)
  if (to.path === '/home') {
    const h = home(session.user.role)
    if (h !== '/home') return h
  }
  return true
})
