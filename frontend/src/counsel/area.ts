import type { Area } from '../shared/area'

export const counselArea: Area = {
  routes: [],
  nav: [],
}
