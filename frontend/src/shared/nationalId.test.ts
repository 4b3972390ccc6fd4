import { describe, expect, it } from 'vitest'
import { checkCharOf, checkNationalId } from './nationalId'
import { narrowWidth } from './width'

// The same vectors as lab/client_idcard_test.go: both sides must agree on every
// number, or a nurse would see a number accepted here and refused there.
const today = '2026-03-02'

describe('checkNationalId', () => {
  it.each([
    ["standard's female example", '11010519491231002X', '1949-12-31', true],
    ["standard's male example", '440524188001010014', '1880-01-01', false],
    ['lower-case x', '11010519491231002x', '1949-12-31', true],
    ['surrounding spaces', '  11010519491231002X ', '1949-12-31', true],
    ['number typed full-width', '\u3000１１０１０５１９４９１２３１００２ｘ', '1949-12-31', true],
  ])('accepts the %s', (_, raw, birth, female) => {
    const got = checkNationalId(raw, today)
    expect(got).toEqual({ ok: true, number: narrowWidth(raw).trim().toUpperCase(), birthDate: birth, female })
  })

  it.each([
    ['empty', '', 'required', true],
    ['still typing', '1101051949', 'length', true],
    ['old 15-digit card', '110105491231002', 'legacy_15_digit', true],
    ['too long', '11010519491231002X1', 'length', false],
    ['a letter inside', '1101051949A231002X', 'format', false],
    ['February 30', '110105199502300021', 'birth_date', false],
    ['month 13', '110105199513010021', 'birth_date', false],
    ['one digit mistyped', '11010519491231003X', 'checksum', false],
    ['wrong check character', '110105194912310021', 'checksum', false],
    ['two digits swapped', '11010591491231002X', 'future_birth_date', false],
  ])('refuses %s', (_, raw, reason, typing) => {
    expect(checkNationalId(raw, today)).toEqual({ ok: false, reason, typing })
  })

  it("refuses a man's number when the programme asks for women", () => {
    expect(checkNationalId('440524188001010014', today, true)).toEqual({ ok: false, reason: 'not_female', typing: false })
    expect(checkNationalId('11010519491231002X', today, true).ok).toBe(true)
  })

  it('catches every single mistyped digit of a valid number', () => {
    const good = '11010519491231002X'
    for (let i = 0; i < 17; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === good[i]) continue
        const typo = good.slice(0, i) + d + good.slice(i + 1)
        expect(checkNationalId(typo, today).ok, typo).toBe(false)
      }
    }
  })

  it('computes the check character of the standard examples', () => {
    expect(checkCharOf('11010519491231002')).toBe('X')
    expect(checkCharOf('44052418800101001')).toBe('4')
  })
})
