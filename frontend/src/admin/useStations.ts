// The stations every admin screen filters by or names rows with.
import { computed, ref } from 'vue'
import { api, type List } from '../api'
import type { Station } from './types'

export function useStations() {
  const stations = ref<Station[]>([])
  async function load() {
    stations.value = (await api<List<Station>>('GET', '/stations?limit=200')).items
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
