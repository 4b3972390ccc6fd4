import { describe, expect, it } from 'vitest'
import { narrowWidth } from './width'
import { checkNationalId } from './nationalId'

describe('narrowWidth', () => {
  it('reads full-width ASCII and the ideographic space as ASCII', () => {
    expect(narrowWidth('１３９　１２３４－５６７８')).toBe('139 1234-5678')
    expect(narrowWidth('１０００００００３ｙＸ！～')).toBe('100000003yX!~')
  })
  it('leaves every other character as it is, as the server does', () => {
    // NFKC would read these as digits or X; lab/text_fullwidth.go does not, so
    // the form must not accept a number the server refuses.
    expect(narrowWidth('①Ⅹ²𝟏王秀英 a-1')).toBe('①Ⅹ²𝟏王秀英 a-1')
    expect(checkNationalId('11010519491231002Ⅹ', '2026-03-02').ok).toBe(false)
  })
})
