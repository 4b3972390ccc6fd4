import { createRouter, createWebHistory } from 'vue-router'
import { useSession } from './stores/session'
import Login from './views/Login.vue'
import ChangePassword from './views/ChangePassword.vue'
import Today from './views/Today.vue'
import Placeholder from './views/Placeholder.vue'

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', component: Login, meta: { public: true } },
    { path: '/password', component: ChangePassword },
    { path: '/nurse/today', component: Today },
    { path: '/home', component: Placeholder },
    { path: '/:rest(.*)*', redirect: '/home' },
  ],
})


// Every screen but sign-in needs a session; a forced password change
// comes before anything else; each role starts on its own screen.
router.beforeEach(async (to) => {
  const session = useSession()
  if (session.user === null) await session.load()
  if (to.meta.public) return session.user ? home(session.user.role) : true
  if (!session.user) return '/login'
  if (session.user.must_change_password && to.path !== '/password') return '/password'
  if (to.path === '/home' && session.user.role === 'nurse') return '/nurse/today'
  return true
})

function home(role: string): string {
  return role === 'nurse' ? '/nurse/today' : '/home'
}
