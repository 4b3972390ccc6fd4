import { beforeEach, describe, expect, it, vi } from 'vitest'

// i18n reads the saved language when it loads; the reason prompt is
// Element Plus's message box, answered here by the test.
vi.hoisted(() => { (globalThis as { localStorage?: unknown }).localStorage = { getItem: () => null } })
let reply: () => Promise<{ value: string }> = () => Promise.reject(new Error('no prompt expected'))
let asked = 0
vi.mock('element-plus', () => ({ ElMessageBox: { prompt: () => { asked++; return reply() } } }))
const { labelSheet } = await import('./labels')

const pdf = () => new Response(new Blob(['%PDF']), { status: 200, headers: { 'Content-Type': 'application/pdf' } })
const needsReason = () => new Response(JSON.stringify({ code: 'validation', errors: [{ field: 'reason', code: 'required_for_reprint' }] }),
  { status: 422, headers: { 'Content-Type': 'application/problem+json' } })
const urls: string[] = []
function answer(...responses: Response[]) {
  urls.length = 0
  vi.stubGlobal('fetch', vi.fn(async (url: string) => { urls.push(url); return responses.shift()! }))
}

describe('labelSheet', () => {
  beforeEach(() => { asked = 0 })

  it('prints a first label without asking anything', async () => {
    answer(pdf())
    expect(await labelSheet(['A1', 'B2'], false)).toBeInstanceOf(Blob)
    expect(urls).toEqual(['/api/v1/labels.pdf?accession=A1&accession=B2'])
    expect(asked).toBe(0)
  })

  it('asks the reason of a known reprint before printing, and sends it', async () => {
    reply = async () => ({ value: ' 标签污损 ' })
    answer(pdf())
    expect(await labelSheet(['A1'], true)).toBeInstanceOf(Blob)
    expect(urls).toEqual(['/api/v1/labels.pdf?accession=A1&reason=%E6%A0%87%E7%AD%BE%E6%B1%A1%E6%8D%9F'])
  })

  it('asks when the server finds a reprint the desk did not know of, then prints once more', async () => {
    reply = async () => ({ value: 'smudged' })
    answer(needsReason(), pdf())
    expect(await labelSheet(['A1'], false)).toBeInstanceOf(Blob)
    expect(urls[1]).toBe('/api/v1/labels.pdf?accession=A1&reason=smudged')
  })

  it('prints nothing when the nurse gives up', async () => {
    reply = async () => { throw new Error('cancel') }
    answer()
    expect(await labelSheet(['A1'], true)).toBeUndefined()
    expect(asked).toBe(1)
    expect(urls).toEqual([])
  })

  it('passes any other refusal on', async () => {
    answer(new Response(JSON.stringify({ code: 'bad_accession' }), { status: 422 }))
    await expect(labelSheet(['A1'], false)).rejects.toMatchObject({ code: 'bad_accession' })
  })
})
