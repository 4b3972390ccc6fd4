import type { Area } from '../shared/area'

// The reception desk: the day's appointments (the nurse's home), a woman's
// registration and page, booking on the calendar, redraws, shipments.
// Nurses, and admins (the API's desk group allows both; an admin names the
// station when registering). An admin's bar is long already: she gets the
// day list, which leads to the rest.
const roles: ('nurse' | 'admin')[] = ['nurse', 'admin']

export const nurseArea: Area = {
  routes: [
    { path: '/nurse/today', component: () => import('./Today.vue'), meta: { roles } },
    { path: '/nurse/register', component: () => import('./Register.vue'), meta: { roles } },
    // Her page is the counselors' too (her pregnancy and vaccinations):
    // they reach it as /clients/:id, and see no desk actions on it.
    { path: '/nurse/clients/:id(\\d+)', alias: '/clients/:id(\\d+)', component: () => import('./Client.vue'), meta: { roles: [...roles, 'counselor'] } },
    { path: '/nurse/clients/:id(\\d+)/book', component: () => import('./Book.vue'), meta: { roles } },
    { path: '/nurse/recollections', component: () => import('./Recollections.vue'), meta: { roles } },
    { path: '/nurse/shipments', component: () => import('./Shipments.vue'), meta: { roles } },
  ],
  nav: [
    { path: '/nurse/today', label: 'nurse.nav.today', roles },
    { path: '/nurse/register', label: 'nurse.nav.register', roles: ['nurse'] },
    { path: '/nurse/recollections', label: 'nurse.nav.recollections', roles: ['nurse'] },
    { path: '/nurse/shipments', label: 'nurse.nav.shipments', roles: ['nurse'] },
  ],
}
