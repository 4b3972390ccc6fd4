import { shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { analytes as listAnalytes, panels as listPanels } from './endpoints'
import type { Analyte, Panel } from './types'

// The panels and analytes (with their kits) change only when an admin adds
// a kit: loaded once per page load and shared by the bench screens.
const panels = shallowRef<Panel[]>([])
const analytes = shallowRef<Map<string, Analyte>>(new Map())
let loading: Promise<void> | null = null

export function useCatalog() {
  if (!loading) {
    loading = Promise.all([listPanels(), listAnalytes()])
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

// panelName: the panel's name in the language shown ("TORCH 八项" rather
// than its code TORCH8); the code only while the catalog loads or for a
// panel it does not know.
export function panelName(panels: Pick<Panel, 'code' | 'name_zh' | 'name_en'>[], code: string, lang: string): string {
  const p = panels.find((x) => x.code === code)
  return (p && (lang === 'zh' ? p.name_zh : p.name_en)) || code
}

// usePanelName gives a screen panelName over the shared catalog. A catalog
// that fails to load leaves the codes showing; the screen's own load says
// what went wrong.
export function usePanelName(): (code: string) => string {
  const { panels, ready } = useCatalog()
  ready.catch(() => undefined)
  const { locale } = useI18n()
  return (code: string) => panelName(panels.value, code, locale.value)
}
