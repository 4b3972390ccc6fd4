import { describe, expect, it } from 'vitest'
import { ageOn, idHint, reproductiveAge } from './idHint'

describe('idHint', () => {
  const today = '2026-03-02'
  it('stays quiet while the number is being typed', () => {
    expect(idHint('', today)).toEqual({ kind: 'none' })
    expect(idHint('1101051949', today)).toEqual({ kind: 'none' })
  })
  it('says why a full number is wrong', () => {
    expect(idHint('11010519491231003X', today)).toEqual({ kind: 'error', reason: 'checksum' })
    expect(idHint('440524188001010014', today)).toEqual({ kind: 'error', reason: 'not_female' })
    expect(idHint('1101051949A231002X', today)).toEqual({ kind: 'error', reason: 'format' })
  })
  it('shows birth date and age of a valid number', () => {
    expect(idHint('11010519491231002X', today)).toEqual({ kind: 'ok', birthDate: '1949-12-31', age: 76 })
  })
})

describe('ageOn', () => {
  it('counts a birthday only once it has come', () => {
    expect(ageOn('1996-03-02', '2026-03-02')).toBe(30)
    expect(ageOn('1996-03-03', '2026-03-02')).toBe(29)
  })
})

describe('reproductiveAge', () => {
  it('flags ages outside 15 to 49, the bounds included in the range', () => {
    expect([14, 15, 30, 49, 50, 66].map(reproductiveAge)).toEqual([false, true, true, true, false, false])
  })
})
