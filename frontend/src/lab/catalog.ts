import { shallowRef } from 'vue'
import { api, type List } from '../api'
import type { Analyte, Panel } from './types'

// The panels and analytes (with their kits) change only when an admin adds
// a kit: loaded once per page load and shared by the bench screens.
const panels = shallowRef<Panel[]>([])
const analytes = shallowRef<Map<string, Analyte>>(new Map())
let loading: Promise<void> | null = null

export function useCatalog() {
  if (!loading) {
    loading = Promise.all([api<List<Panel>>('GET', '/panels'), api<List<Analyte>>('GET', '/analytes')])
      .then(([p, a]) => {
        panels.value = p.items
        analytes.value = new Map(a.items.map((x) => [x.code, x]))
      })
      .catch((e) => {
        loading = null // try again on the next screen
        throw e
      })
  }
  return { panels, analytes, ready: loading }
}

// analyteLabel: "弓形虫 IgM" / "Toxoplasma IgM", short enough for a grid header.
export function analyteLabel(a: Analyte | undefined, code: string, pathogenName: (p: string) => string): string {
  return a ? `${pathogenName(a.pathogen)} ${a.antibody}` : code
}
