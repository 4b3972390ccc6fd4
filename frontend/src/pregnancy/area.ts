import type { Area } from '../shared/area'

// The pregnancy follow-up (NFPCP item 19): the worklist of early-pregnancy
// contacts and outcome follow-ups, worked by counselors and nurses at
// their station and by admins anywhere. Her pregnancy and vaccinations
// are panels of her page (nurse/Client.vue), which counselors open too.
const roles: ('counselor' | 'nurse' | 'admin')[] = ['counselor', 'nurse', 'admin']

export const pregnancyArea: Area = {
  routes: [
    { path: '/pregnancies', component: () => import('./Worklist.vue'), meta: { roles } },
  ],
  nav: [{ path: '/pregnancies', label: 'pregnancy.nav.worklist', roles }],
}
