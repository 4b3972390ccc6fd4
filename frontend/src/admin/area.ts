import type { Area } from '../shared/area'

// The programme administrator: the dashboard (her home), stations, users,
// schedules, kit cut-offs, analysers, rules, messages to women, the audit log and the
// safety net. Every screen is lazy-loaded, so the charts library and these
// forms stay out of the initial JS of the nurses' and technicians' screens.
const admin = { roles: ['admin'] }

export const adminArea: Area = {
  routes: [
    { path: '/admin/dashboard', component: () => import('./Dashboard.vue'), meta: admin },
    { path: '/admin/stations', component: () => import('./Stations.vue'), meta: admin },
    { path: '/admin/users', component: () => import('./Users.vue'), meta: admin },
    { path: '/admin/slots', component: () => import('./Slots.vue'), meta: admin },
    { path: '/admin/analytes', component: () => import('./Analytes.vue'), meta: admin },
    { path: '/admin/analysers', component: () => import('./Analysers.vue'), meta: admin },
    { path: '/admin/settings', component: () => import('./Settings.vue'), meta: admin },
    { path: '/admin/messages', component: () => import('../reminders/AdminMessages.vue'), meta: admin },
    { path: '/admin/audit', component: () => import('./Audit.vue'), meta: admin },
    { path: '/admin/safety-net', component: () => import('./SafetyNet.vue'), meta: admin },
  ],
  nav: [
    { path: '/admin/dashboard', label: 'admin.nav.dashboard', roles: ['admin'] },
    { path: '/admin/stations', label: 'admin.nav.stations', roles: ['admin'] },
    { path: '/admin/users', label: 'admin.nav.users', roles: ['admin'] },
    { path: '/admin/slots', label: 'admin.nav.slots', roles: ['admin'] },
    { path: '/admin/analytes', label: 'admin.nav.analytes', roles: ['admin'] },
    { path: '/admin/analysers', label: 'admin.nav.analysers', roles: ['admin'] },
    { path: '/admin/settings', label: 'admin.nav.settings', roles: ['admin'] },
    { path: '/admin/messages', label: 'reminders.nav.admin', roles: ['admin'] },
    { path: '/admin/audit', label: 'admin.nav.audit', roles: ['admin'] },
    { path: '/admin/safety-net', label: 'admin.nav.safetyNet', roles: ['admin'] },
  ],
}
