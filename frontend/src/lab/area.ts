import type { Area } from '../shared/area'

// The laboratory bench: receiving tubes by scanning, shipments checked in,
// results entered or imported, and the second technician's verification;
// what the analysers sent over their interfaces.
// Lab technicians, and admins (the API's bench group allows both).
const roles: ('lab_tech' | 'admin')[] = ['lab_tech', 'admin']

export const labArea: Area = {
  routes: [
    { path: '/lab/receive', component: () => import('./Receive.vue'), meta: { roles } },
    { path: '/lab/shipments/:id?', component: () => import('./Shipment.vue'), meta: { roles } },
    { path: '/lab/results', component: () => import('./Results.vue'), meta: { roles } },
    { path: '/lab/import', component: () => import('./Import.vue'), meta: { roles } },
    { path: '/lab/verify', component: () => import('./Verify.vue'), meta: { roles } },
    { path: '/lab/amend', component: () => import('./Amend.vue'), meta: { roles } },
    { path: '/lab/interfaces', component: () => import('./Interfaces.vue'), meta: { roles } },
    { path: '/lab/qc', component: () => import('./QC.vue'), meta: { roles } },
  ],
  nav: [
    { path: '/lab/receive', label: 'lab.nav.receive', roles },
    { path: '/lab/shipments', label: 'lab.nav.shipments', roles },
    { path: '/lab/results', label: 'lab.nav.results', roles },
    { path: '/lab/import', label: 'lab.nav.import', roles },
    { path: '/lab/verify', label: 'lab.nav.verify', roles },
    { path: '/lab/amend', label: 'lab.nav.amend', roles },
    { path: '/lab/interfaces', label: 'lab.nav.interfaces', roles },
    { path: '/lab/qc', label: 'lab.nav.qc', roles },
  ],
}
