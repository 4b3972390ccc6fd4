import { describe, expect, it } from 'vitest'
import { externalPathogen, loweredReasons } from './external'

describe('externalPathogen', () => {
  it('proposes the only pathogen with an IgM finding', () => {
    expect(externalPathogen([{ code: 'TOXO_SEROCONVERSION', pathogen: 'TOXO' }, { code: 'RUBV_SUSCEPTIBLE', pathogen: 'RUBV' }])).toBe('TOXO')
    expect(externalPathogen([{ code: 'HSV_IGM_POS_IGG_POS', pathogen: 'HSV' }, { code: 'CMV_IGM_PERSISTENT', pathogen: 'CMV' }])).toBe('CMV')
  })
  it('leaves the choice to her with none or several', () => {
    expect(externalPathogen([{ code: 'RUBV_SUSCEPTIBLE', pathogen: 'RUBV' }])).toBe('')
    expect(externalPathogen([{ code: 'TOXO_IGM_POS_IGG_NEG', pathogen: 'TOXO' }, { code: 'CMV_IGM_EQUIVOCAL', pathogen: 'CMV' }])).toBe('')
  })
})

describe('loweredReasons', () => {
  it('pairs each external result with its reason', () => {
    expect(loweredReasons([
      { event: 'opened', detail: 'urgent, due 2026-03-02T00:00:00Z: TOXO_IGM_POS_IGG_POS' },
      { event: 'external_result', detail: 'pcr TOXO: not_detected on 2026-03-03' },
      { event: 'next_action', detail: 'contact due 2026-03-10: tell her the pcr result' },
      { event: 'external_result', detail: 'avidity TOXO: high on 2026-03-04; high avidity at 10+2 weeks places the TOXO infection before this pregnancy: priority from urgent to routine' },
    ])).toEqual([null, { weeks: 10, days: 2, pathogen: 'TOXO', from: 'urgent', to: 'routine' }])
  })
})
