import { describe, expect, it } from 'vitest'
import { panelName } from './catalog'

describe('panelName', () => {
  const panels = [{ code: 'TORCH8', name_zh: 'TORCH 八项', name_en: 'TORCH 8' }, { code: 'RUB2', name_zh: '', name_en: '' }]
  it('names a panel in the language shown, never by its code', () => {
    expect(panelName(panels, 'TORCH8', 'zh')).toBe('TORCH 八项')
    expect(panelName(panels, 'TORCH8', 'en')).toBe('TORCH 8')
  })
  it('falls back to the code only when there is no name', () => {
    expect(panelName(panels, 'RUB2', 'zh')).toBe('RUB2')
    expect(panelName([], 'TORCH8', 'zh')).toBe('TORCH8')
  })
})
