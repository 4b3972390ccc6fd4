import { useI18n } from 'vue-i18n'
import { dueWords } from './queue'
import { findingPattern } from './words'
import type { Finding } from './types'

// The words a case is shown in, shared by the queue and the case page:
// findings and analytes named from their codes, the due time relative to now.
export function useCaseWords() {
  const { t, te } = useI18n()
  const pathogen = (p: string) => (te('counsel.pathogens.' + p) ? t('counsel.pathogens.' + p) : p)
  const interp = (v: string) => (v ? t('interpretations.' + v) : t('counsel.notTested'))

  // "弓形虫 IgM阳性、IgG阴性": the serology pattern the finding stands on.
  function finding(f: Finding): string {
    if (findingPattern(f.code, f.pathogen) === 'SUSCEPTIBLE') return `${pathogen(f.pathogen)} ${t('counsel.notImmune')}`
    const parts = [t('counsel.igValue', { ig: 'IgM', value: interp(f.igm) }), t('counsel.igValue', { ig: 'IgG', value: interp(f.igg) })]
    return `${pathogen(f.pathogen)} ${parts.join(t('counsel.sep'))}`
  }

  // TOXO_IGM → 弓形虫IgM抗体
  function analyte(code: string): string {
    const [p, ig] = code.split('_')
    if (!ig) return code
    return pathogen(p) + t('counsel.antibody', { ig: ig.replace('IG', 'Ig') })
  }

  function due(dueAt: string, now: Date): string {
    const w = dueWords(dueAt, now)
    return t('counsel.due.' + w.key, { n: w.n }, w.n)
  }

  return { finding, analyte, due, pathogen }
}
