// The stations a screen filters by or names rows with: every admin screen,
// and the desk's day list, search and registration when an admin works
// them. A page of 200, the most one page holds (the default is 50).
import { computed, ref } from 'vue'
import type { Station } from '../api/types'
import { stations as listStations } from './endpoints'

// A station as GET /stations answers it (the reference's Station; phone is
// what messages to women give her to call, '' for none).
export type { Station }

export function useStations() {
  const stations = ref<Station[]>([])
  async function load() {
    stations.value = (await listStations()).items
  }
  const byId = computed(() => new Map(stations.value.map((s) => [s.id, s])))
  // label is how a row names its station: code and name, or the bare id
  // while the list is loading.
  function label(id: number | null | undefined): string {
    if (id == null) return ''
    const s = byId.value.get(id)
    return s ? `${s.code} ${s.name}` : String(id)
  }
  return { stations, byId, load, label }
}
