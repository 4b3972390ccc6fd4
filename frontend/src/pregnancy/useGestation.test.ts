import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import messages from './messages'
import { gestationText } from './useGestation'

function inLanguage(locale: 'zh' | 'en') {
  const i18n = createI18n({ legacy: false, locale, messages: { zh: { pregnancy: messages.zh }, en: { pregnancy: messages.en } } })
  const t = i18n.global.t as (key: string, named: Record<string, unknown>, plural?: number) => string
  return (weeks: number, days: number) => gestationText((k, n, p) => (p === undefined ? t(k, n) : t(k, n, p)), { weeks, days })
}

describe('gestationText', () => {
  it('in Chinese', () => {
    const g = inLanguage('zh')
    expect(g(8, 4)).toBe('孕8周4天')
    expect(g(40, 3)).toBe('孕40周3天（已过预产期 3 天）')
    expect(g(47, 1)).toBe('已过预产期 50 天')
  })
  it('in English, each number with its own plural', () => {
    const g = inLanguage('en')
    expect(g(13, 1)).toBe('13 weeks 1 day')
    expect(g(1, 0)).toBe('1 week 0 days')
    expect(g(40, 1)).toBe('40 weeks 1 day (1 day past the due date)')
    expect(g(47, 1)).toBe('50 days past the due date')
  })
  it('says nothing without a gestation', () => {
    expect(gestationText(() => 'x', undefined)).toBe('')
  })
})
