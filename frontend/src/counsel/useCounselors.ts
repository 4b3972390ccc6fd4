import { ref } from 'vue'
import { counselors as listCounselors } from './endpoints'
import type { Counselor } from './types'

// The counselors, for an admin's assignee filter, names and reassignment
// (GET /users is admin-only: a counselor's queue is hers alone anyway).
export function useCounselors() {
  const counselors = ref<Counselor[]>([])
  async function load() {
    const res = await listCounselors()
    counselors.value = res.items
  }
  function name(id: number | null | undefined): string | undefined {
    const c = counselors.value.find((u) => u.id === id)
    return c ? c.display_name || c.username : undefined
  }
  return { counselors, load, name }
}
