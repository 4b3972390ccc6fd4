import { describe, expect, it } from 'vitest'
import { unitWord } from './unitWord'

describe('unitWord', () => {
  it('says index and ratio in Chinese words', () => {
    expect(unitWord('index', 'zh')).toBe('指数')
    expect(unitWord('ratio', 'zh')).toBe('比值')
    expect(unitWord(' Index ', 'zh')).toBe('指数')
  })
  it('leaves international symbols and English as they are', () => {
    expect(unitWord('IU/mL', 'zh')).toBe('IU/mL')
    expect(unitWord('index', 'en')).toBe('index')
    expect(unitWord(undefined, 'zh')).toBe('')
  })
})
