import { describe, expect, it, vi } from 'vitest'

// i18n reads the saved language when it loads.
vi.hoisted(() => { (globalThis as { localStorage?: unknown }).localStorage = { getItem: () => null } })
const { fieldWords } = await import('./fieldErrors')

describe('fieldWords', () => {
  it("puts the server's refusals on their fields, in Chinese", () => {
    expect(fieldWords([
      { field: 'phone', code: 'invalid' },
      { field: 'lmp_date', code: 'implausible' },
      { field: 'national_id', code: 'checksum' },
      { field: 'name', code: 'required' },
      { field: 'address', code: 'something_new' },
    ])).toEqual({
      phone: '应为 11 位手机号（1 开头）或带区号的座机号（0 开头）',
      lmp_date: '日期不合理（超过 44 周前）',
      national_id: '校验码错误',
      name: '必填',
      address: '请检查填写的内容。',
    })
  })
  it('joins two refusals of one field', () => {
    expect(fieldWords([{ field: 'name', code: 'required' }, { field: 'name', code: 'too_long' }])).toEqual({ name: '必填；太长' })
  })
})
