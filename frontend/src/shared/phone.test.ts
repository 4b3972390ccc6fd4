import { describe, expect, it } from 'vitest'
import { phoneLooksValid } from './phone'

describe('phoneLooksValid', () => {
  it('accepts what the server accepts', () => {
    for (const p of ['13800138000', '+86 138-0013-8000', '008613800138000', '010-6512 3456', '１３８００１３８０００']) expect(phoneLooksValid(p), p).toBe(true)
  })
  it('refuses what the server refuses', () => {
    for (const p of ['1380013800', '12800138000', '138001380001', '6512345', '138x0013800', '']) expect(phoneLooksValid(p), p).toBe(false)
  })
})
