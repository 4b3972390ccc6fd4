import { describe, expect, it } from 'vitest'
import admin from './messages'
import { definitionKeys, womenRatioKeys, pregnancyRatioKeys } from './indicators'

// Every figure of the dashboard has a name and a definition in both
// languages, and the definitions are not left untranslated.
describe('the dashboard definitions', () => {
  for (const key of definitionKeys) {
    it(`${key} is named and defined in Chinese and English`, () => {
      for (const lang of [admin.zh, admin.en]) {
        const ind = lang.ind as { fig: Record<string, string>; def: Record<string, string> }
        expect(ind.fig[key], `${key} name`).toBeTruthy()
        expect(ind.def[key]?.length ?? 0, `${key} definition`).toBeGreaterThan(10)
      }
      const zh = (admin.zh.ind.def as Record<string, string>)[key]
      const en = (admin.en.ind.def as Record<string, string>)[key]
      expect(zh).not.toBe(en)
      expect(zh).toMatch(/[\u4e00-\u9fff]/)
      expect(en).not.toMatch(/[\u4e00-\u9fff]/)
    })
  }
  it('states each target in the definition of the figure it applies to', () => {
    expect(admin.zh.ind.def.followup_completion).toContain('≥ 90 %')
    expect(admin.en.ind.def.followup_completion).toContain('≥ 90 %')
    expect(admin.zh.ind.def.within_5_working_days).toContain('≥ 95 %')
    expect(admin.en.ind.def.within_5_working_days).toContain('≥ 95 %')
  })
  it('says the ratios keep those never reached, and the turnaround uses the first release', () => {
    expect(admin.en.ind.def.reached_in_time).toMatch(/never reached stays in the denominator/)
    expect(admin.zh.ind.def.reached_in_time).toMatch(/没联系上的妇女也在分母中/)
    expect(admin.en.ind.def.turnaround_median).toMatch(/first release/)
    expect(admin.zh.ind.def.turnaround_median).toMatch(/第一次发布/)
  })
  it('names the ratio figures in both languages', () => {
    for (const key of [...womenRatioKeys, ...pregnancyRatioKeys]) {
      expect((admin.zh.ind.fig as Record<string, string>)[key]).not.toBe((admin.en.ind.fig as Record<string, string>)[key])
    }
  })
})
