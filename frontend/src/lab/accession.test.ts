import { describe, expect, it } from 'vitest'
import { isAccession, normaliseScan } from './accession'

// Codes the server itself issued (torchlab demo, then collecting four
// tubes): the client must accept each, and refuse every typo the check
// character is there to catch.
const issued = ['100000003', '100000011', '100000020', '10000003Y']

describe('isAccession', () => {
  it.each(issued)('accepts %s', (code) => expect(isAccession(code)).toBe(true))

  it('refuses every single wrong character and every swap of neighbours', () => {
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
    for (const code of issued) {
      for (let i = 0; i < code.length; i++) {
        for (const c of alphabet) {
          if (c === code[i]) continue
          expect(isAccession(code.slice(0, i) + c + code.slice(i + 1))).toBe(false)
        }
        if (i + 1 < code.length && code[i] !== code[i + 1]) {
          expect(isAccession(code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2))).toBe(false)
        }
      }
    }
  })

  it.each(['', 'ABC', '1000000030', '10000000', 'IIIIIIII0', '0000000O0', '0000-0001'])('refuses %j', (s) =>
    expect(isAccession(s)).toBe(false))
})

describe('normaliseScan', () => {
  it.each([
    ['100000003', '100000003'],
    ['  10000003y\n', '10000003Y'],
    ['1000 0000 3', '100000003'],
    ['1000-0001-1', '100000011'],
    ['https://lab.example.cn/s/100000020', '100000020'],
    ['ACC:10000003Y', '10000003Y'],
    ['TORCH 100000003 DC01', '100000003'],
    ['１００００００３ｙ', '10000003Y'], // through an input method in full-width mode
  ])('reads %j as %s', (raw, want) => expect(normaliseScan(raw)).toBe(want))

  it('returns the cleaned text when no valid code is in it', () => {
    expect(normaliseScan(' 100000004 ')).toBe('100000004')
    expect(normaliseScan('abc def')).toBe('ABCDEF')
  })
})
