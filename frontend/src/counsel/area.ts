import type { Area } from '../shared/area'

// The counselor's follow-up: her queue (her home) and the case page the
// notification bell links to (/counsel/cases/:id). Admins see every case.
export const counselArea: Area = {
  routes: [
    { path: '/counsel/queue', component: () => import('./Queue.vue'), meta: { roles: ['counselor', 'admin'] } },
    { path: '/counsel/cases/:id(\\d+)', component: () => import('./CasePage.vue'), meta: { roles: ['counselor', 'admin'] } },
  ],
  nav: [{ path: '/counsel/queue', label: 'counsel.nav.queue', roles: ['counselor', 'admin'] }],
}
