import { beforeEach, describe, expect, it, vi } from 'vitest'

// i18n reads the saved language when it loads; the reason prompt is
// Element Plus's message box, answered here by the test.
vi.hoisted(() => {
  (globalThis as { localStorage?: unknown }).localStorage = { getItem: () => null }
})
let reply: () => Promise<{ value: string }> = () => Promise.reject(new Error('no prompt expected'))
let asked = 0
vi.mock('element-plus', () => ({ ElMessageBox: { prompt: () => { asked++; return reply() } } }))
const { labelSheet, confirmPrinted } = await import('./labels')

const pdf = () => new Response(new Blob(['%PDF']), { status: 200, headers: { 'Content-Type': 'application/pdf' } })
const needsReason = () => new Response(JSON.stringify({ code: 'validation', errors: [{ field: 'reason', code: 'required_for_reprint' }] }),
  { status: 422, headers: { 'Content-Type': 'application/problem+json' } })
const done = () => new Response(null, { status: 204 })
const urls: string[] = []
const bodies: unknown[] = []
function answer(...responses: Response[]) {
  urls.length = 0
  bodies.length = 0
  vi.stubGlobal('document', { cookie: 'torchlab_csrf=t' }) // the write's CSRF token
  vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
    urls.push(url)
    bodies.push(init?.body ? JSON.parse(String(init.body)) : undefined)
    return responses.shift()!
  }))
}

describe('labelSheet', () => {
  beforeEach(() => { asked = 0 })

  it('previews the sheet without asking anything, even for a reprint', async () => {
    answer(pdf())
    expect(await labelSheet(['A1', 'B2'])).toBeInstanceOf(Blob)
    expect(urls).toEqual(['/api/v1/labels.pdf?accession=A1&accession=B2'])
    expect(asked).toBe(0)
  })

  it('passes a refusal on', async () => {
    answer(new Response(JSON.stringify({ code: 'bad_accession' }), { status: 422 }))
    await expect(labelSheet(['A1'])).rejects.toMatchObject({ code: 'bad_accession' })
  })
})

describe('confirmPrinted', () => {
  beforeEach(() => { asked = 0 })

  it('records a first print without asking anything', async () => {
    answer(done())
    expect(await confirmPrinted(['A1', 'B2'], false)).toBe(true)
    expect(urls).toEqual(['/api/v1/labels/printed'])
    expect(bodies[0]).toEqual({ accessions: ['A1', 'B2'], format: 'pdf' })
    expect(asked).toBe(0)
  })

  it('asks the reason of a known reprint before recording, and sends it', async () => {
    reply = async () => ({ value: ' 标签污损 ' })
    answer(done())
    expect(await confirmPrinted(['A1'], true)).toBe(true)
    expect(bodies[0]).toEqual({ accessions: ['A1'], format: 'pdf', reason: '标签污损' })
  })

  it('asks when the server finds a reprint the desk did not know of, then records once more', async () => {
    reply = async () => ({ value: 'smudged' })
    answer(needsReason(), done())
    expect(await confirmPrinted(['A1'], false)).toBe(true)
    expect(bodies[1]).toEqual({ accessions: ['A1'], format: 'pdf', reason: 'smudged' })
  })

  it('records nothing when the nurse gives up', async () => {
    reply = async () => { throw new Error('cancel') }
    answer()
    expect(await confirmPrinted(['A1'], true)).toBe(false)
    expect(asked).toBe(1)
    expect(urls).toEqual([])
  })
})
