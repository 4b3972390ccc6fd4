import { describe, expect, it } from 'vitest'
import { generatePassword } from './password'

describe('generatePassword', () => {
  it('is long enough for the server and free of look-alike characters', () => {
    for (let i = 0; i < 50; i++) {
      const p = generatePassword()
      expect(p).toHaveLength(12)
      expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]+$/)
    }
  })
  it('differs each time', () => {
    expect(generatePassword()).not.toBe(generatePassword())
  })
})
