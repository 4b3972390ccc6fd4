import { describe, expect, it, vi } from 'vitest'
vi.hoisted(() => { (globalThis as { localStorage?: unknown }).localStorage = { getItem: () => null } })
import { ApiError } from '../api'
import { i18n } from '../i18n'
import { formErrors, mapOf, rowErrors, rowsOf } from './analysers'

const word = (code: string) => `<${code}>`

describe('the analyte code map as rows', () => {
  it('lists a saved map sorted by code', () => {
    expect(rowsOf({ 'TOXO-M': 'TOXO_IGM', '40677-3': 'TOXO_IGG' })).toEqual([
      { code: '40677-3', analyte: 'TOXO_IGG' },
      { code: 'TOXO-M', analyte: 'TOXO_IGM' },
    ])
    expect(rowsOf(undefined)).toEqual([])
  })

  it('sends filled rows trimmed and drops blank ones', () => {
    const { map, problems } = mapOf([
      { code: ' TOXO-G ', analyte: 'TOXO_IGG' },
      { code: '', analyte: '' },
      { code: '22577-7', analyte: 'RUB_IGG' },
    ])
    expect(map).toEqual({ 'TOXO-G': 'TOXO_IGG', '22577-7': 'RUB_IGG' })
    expect(problems).toEqual({})
  })

  it('refuses a code given twice in any case, which JSON would silently merge', () => {
    const { map, problems } = mapOf([
      { code: 'toxo-g', analyte: 'TOXO_IGG' },
      { code: 'TOXO-G ', analyte: 'TOXO_IGM' },
    ])
    expect(problems).toEqual({ 1: 'duplicate' })
    expect(map).toEqual({ 'toxo-g': 'TOXO_IGG' })
  })

  it('refuses half-filled rows', () => {
    expect(mapOf([{ code: 'X', analyte: '' }, { code: ' ', analyte: 'RUB_IGG' }]).problems).toEqual({ 0: 'required', 1: 'required' })
  })
})

describe('the server refusals on their rows', () => {
  const rows = [{ code: 'TOXO-G', analyte: 'TOXO_IGG' }, { code: 'HIV-1', analyte: 'HIV' }]

  it('puts each code_map.<code> refusal on the row that sent that code', () => {
    const err = new ApiError(422, 'validation', '', [
      { field: 'name', code: 'required' },
      { field: 'code_map.HIV-1', code: 'unknown_analyte' },
    ])
    expect(rowErrors(err, rows, word)).toEqual({ 1: '<unknown_analyte>' })
  })

  it('puts a refusal of the whole map on row -1, and nothing without an error', () => {
    expect(rowErrors(new ApiError(422, 'validation', '', [{ field: 'code_map', code: 'too_long' }]), rows, word)).toEqual({ [-1]: '<too_long>' })
    expect(rowErrors(null, rows, word)).toEqual({})
  })
})

describe('the words of a refused analyser form', () => {
  const err = new ApiError(422, 'validation', '', [
    { field: 'sender_id', code: 'invalid' },
    { field: 'name', code: 'required' },
    { field: 'code_map.X|Y', code: 'invalid' },
  ])
  it('says which characters a sender id may not hold, in both languages', () => {
    i18n.global.locale.value = 'zh'
    const zh = formErrors(err)
    expect(zh.sender_id).toContain('不能含有 | ~')
    expect(zh.name).toBe('必填')
    expect(zh).not.toHaveProperty('code_map.X|Y')
    i18n.global.locale.value = 'en'
    expect(formErrors(err).sender_id).toContain('without | ~')
  })
  it('names an unknown analyte and a bad code on its row', () => {
    i18n.global.locale.value = 'en'
    const rows = [{ code: 'X|Y', analyte: 'HIV' }]
    expect(rowErrors(err, rows)).toEqual({ 0: '1 to 64 characters, without | ^ ~ \\ &' })
    const unknown = new ApiError(422, 'validation', '', [{ field: 'code_map.X|Y', code: 'unknown_analyte' }])
    expect(rowErrors(unknown, rows)).toEqual({ 0: 'No such analyte' })
  })
})
