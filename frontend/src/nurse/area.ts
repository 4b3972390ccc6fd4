import type { Area } from '../shared/area'
import Today from './Today.vue'

// The reception desk: the day's appointments, registration, booking,
// the draw and its label, recollections, a woman's page.
export const nurseArea: Area = {
  routes: [
    { path: '/nurse/today', component: Today, meta: { roles: ['nurse', 'admin'] } },
  ],
  nav: [
    { path: '/nurse/today', label: 'today', roles: ['nurse', 'admin'] },
  ],
}
