import { useI18n } from 'vue-i18n'
import { gestationWords } from './pregnancy'
import type { GestationalAge } from './types'

type Translate = (key: string, named: Record<string, unknown>, plural?: number) => string

// gestationText puts her gestational age into words: "孕12周6天" / "12
// weeks 6 days", past the due date with the days since, and after 42
// weeks only the days since her due date. Each number has its own plural.
export function gestationText(t: Translate, ga: GestationalAge | null | undefined): string {
  if (!ga) return ''
  const part = (key: 'wk' | 'dy' | 'past', n: number) => t('pregnancy.gestation.' + key, { n }, n)
  const w = gestationWords(ga)
  if (w.key === 'pastEdd') return t('pregnancy.gestation.pastEdd', { past: part('past', w.n) })
  const words = { wk: part('wk', w.w), dy: part('dy', w.d) }
  if (w.key === 'weeks') return t('pregnancy.gestation.weeks', words)
  return t('pregnancy.gestation.weeksPastEdd', { ...words, past: part('past', w.n) })
}

// useGestation is gestationText in the user's language, wherever she
// appears: her page, her case, the queue, the worklist.
export function useGestation() {
  const { t } = useI18n()
  return (ga: GestationalAge | null | undefined) => gestationText((key, named, plural) => (plural === undefined ? t(key, named) : t(key, named, plural)), ga)
}
