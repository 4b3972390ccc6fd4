import { useI18n } from 'vue-i18n'
import { findingKey, findingPattern, fromReadings, pairChanges, pathogenOf } from './findingWords'

interface FindingLike {
  code: string
  pathogen?: string
  igg?: string
  igm?: string
  earlier_igg?: string
  earlier_igm?: string
}

// useFindingWords names findings in the user's language, for the lab's
// verification and the counselor's case alike: "弓形虫 IgG由阴转阳（血清学转换）",
// and a paired finding's change "IgG 阴性→阳性". pathogen names a
// pathogen code in the area's words.
export function useFindingWords(pathogen: (code: string) => string) {
  const { t, te } = useI18n()
  const reading = (v?: string) => (v ? t('interpretations.' + v) : t('findingNames.notTested'))

  function name(f: FindingLike): string {
    const p = f.pathogen || pathogenOf(f.code)
    let what: string
    if (f.igg !== undefined && fromReadings(f.code, p)) {
      what = [t('findingNames.ig', { ig: 'IgM', value: reading(f.igm) }), t('findingNames.ig', { ig: 'IgG', value: reading(f.igg) })].join(t('findingNames.sep'))
    } else {
      const key = findingKey(f.code, p)
      what = te('findingNames.' + key) ? t('findingNames.' + key) : findingPattern(f.code, p)
    }
    return p ? `${pathogen(p)} ${what}` : what
  }

  // "IgG 阴性→阳性、IgM 阳性→阳性"; '' for a finding of one sample.
  function change(f: FindingLike): string {
    if (f.igg === undefined) return ''
    return pairChanges({ igg: f.igg, igm: f.igm, earlier_igg: f.earlier_igg, earlier_igm: f.earlier_igm })
      .map((c) => t('findingNames.change', { ig: c.ig, from: t('interpretations.' + c.from), to: t('interpretations.' + c.to) }))
      .join(t('findingNames.sep'))
  }

  return { name, change }
}
