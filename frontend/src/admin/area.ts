import type { Area } from '../shared/area'

export const adminArea: Area = {
  routes: [],
  nav: [],
}
