import { useI18n } from 'vue-i18n'

// Units of measure as the reader says them. The kits' dimensionless
// "index" and "ratio" have usual Chinese words (指数, 比值), the same the
// report PDF prints (lab/reportpdf); every other unit (IU/mL, AU/mL) is an
// international symbol and stays as it is.
const zh: Record<string, string> = { index: '指数', ratio: '比值' }

export function unitWord(unit: string | undefined | null, lang: string): string {
  const u = unit ?? ''
  return lang === 'zh' ? zh[u.trim().toLowerCase()] ?? u : u
}

// useUnitWord gives a screen unitWord in the language shown.
export function useUnitWord(): (unit: string | undefined | null) => string {
  const { locale } = useI18n()
  return (unit) => unitWord(unit, locale.value)
}
