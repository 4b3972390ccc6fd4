import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '../api'
import type { FailCode } from '../api/types'
import { common } from '../common-messages'

// i18n reads the saved language when it loads.
vi.hoisted(() => { (globalThis as { localStorage?: unknown }).localStorage = { getItem: () => null } })
const { failText, isFailCode } = await import('./failText')

describe('failText', () => {
  it('words a refusal by its code, and anything else as an internal error', () => {
    expect(failText(new ApiError(409, 'slot_full', 'slot 3 is full'))).toBe(common.zh.errors.slot_full)
    expect(failText(new ApiError(0, 'network', ''))).toBe(common.zh.errors.network)
    expect(failText(new TypeError('x is undefined'))).toBe(common.zh.errors.internal)
    expect(failText(null)).toBe(common.zh.errors.internal)
  })
  it('tells a problem code from other words', () => {
    expect(isFailCode('qc_failed')).toBe(true)
    expect(isFailCode('not_numeric')).toBe(false)
    expect(isFailCode('toString')).toBe(false)
  })
})

// What the build relies on, checked by vue-tsc (npm run build): a table of
// problem words that lacks one code, or words a code the reference does not
// have, is a type error. Were either accepted, the @ts-expect-error below
// would be unused, which is itself an error.
const { slot_full: _, ...lacking } = common.zh.errors
// @ts-expect-error a table without slot_full's words
void (lacking satisfies Record<FailCode, string>)
const { qc_failed: _en, ...lackingEn } = common.en.errors
// @ts-expect-error the same in English
void (lackingEn satisfies Record<FailCode, string>)
// @ts-expect-error words for a code the server never sends
void ({ ...common.zh.errors, slot_overbooked: '…' } satisfies Record<FailCode, string>)
