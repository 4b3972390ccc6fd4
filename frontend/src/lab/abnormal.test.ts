import { describe, expect, it } from 'vitest'
import { isAbnormal, patterns } from './abnormal'
import type { Interpretation } from './types'

const all = (g: Interpretation, m: Interpretation): Record<string, Interpretation> => ({
  TOXO_IGG: g, TOXO_IGM: m, RUBV_IGG: 'positive', RUBV_IGM: 'negative', CMV_IGG: 'positive', CMV_IGM: 'negative', HSV_IGG: 'positive', HSV_IGM: 'negative',
})

// The rows of the table in domain.md §0 (lab/interpret.go, Interpret).
describe('abnormal, as the server decides', () => {
  it.each([
    ['IgM positive, IgG positive', 'positive', 'positive', true],
    ['IgM positive, IgG negative', 'negative', 'positive', true],
    ['IgM equivocal', 'positive', 'equivocal', true],
    ['IgG equivocal', 'equivocal', 'negative', true],
    ['susceptible to toxoplasma', 'negative', 'negative', false],
    ['past infection', 'positive', 'negative', false],
  ] as const)('%s', (_, g, m, want) => {
    expect(patterns(all(g, m))[0]).toMatchObject({ pathogen: 'TOXO', abnormal: want })
    expect(isAbnormal(all(g, m))).toBe(want)
  })

  it('a woman not immune to rubella needs action', () => {
    expect(isAbnormal({ ...all('positive', 'negative'), RUBV_IGG: 'negative' })).toBe(true)
  })

  it('a missing IgM counts as negative (NFPCP has no rubella IgM)', () => {
    const p = patterns({ RUBV_IGG: 'positive' })
    expect(p).toEqual([{ pathogen: 'RUBV', igg: 'positive', igm: undefined, abnormal: false }])
  })

  it('a pathogen without an IgG result has no finding', () => {
    expect(patterns({ TOXO_IGM: 'positive' })).toEqual([])
  })
})
