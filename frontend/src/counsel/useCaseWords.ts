import { useI18n } from 'vue-i18n'
import { useFindingWords } from '../shared/useFindingWords'
import { dueWords, type DueWords } from './queue'
import type { Finding } from './types'

// The words a case is shown in, shared by the queue and the case page:
// findings and analytes named from their codes, the due time relative to now.
export function useCaseWords() {
  const { t, te } = useI18n()
  const pathogen = (p: string) => (te('counsel.pathogens.' + p) ? t('counsel.pathogens.' + p) : p)
  const findings = useFindingWords(pathogen)

  // "弓形虫 IgM阳性、IgG阴性", "弓形虫 IgG由阴转阳（血清学转换…）": what
  // the finding stands on, from its readings or its code.
  const finding = (f: Pick<Finding, 'code' | 'pathogen' | 'igg' | 'igm'>) => findings.name(f)
  // A finding named from its code alone (a timeline's detail).
  const findingCode = (code: string) => findings.name({ code })
  // A paired finding's change, earlier → now ("IgG 阴性→阳性"); '' otherwise.
  const change = (f: Finding) => findings.change(f)

  // TOXO_IGM → 弓形虫IgM抗体
  function analyte(code: string): string {
    const [p, ig] = code.split('_')
    if (!ig) return code
    return pathogen(p) + t('counsel.antibody', { ig: ig.replace('IG', 'Ig') })
  }

  const dueText = (w: DueWords) => t('counsel.due.' + w.key, { n: w.n }, w.n)
  const due = (dueAt: string, now: Date) => dueText(dueWords(dueAt, now))
  // How late, from a length of time ("已逾期 13 天").
  const late = (ms: number) => dueText(dueWords(new Date(0).toISOString(), new Date(ms)))

  return { finding, findingCode, change, analyte, due, late, pathogen }
}
