import type { Area } from '../shared/area'

export const labArea: Area = {
  routes: [],
  nav: [],
}
