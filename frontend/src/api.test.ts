import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { api, apiFile, ApiError } from './api'
import { setReauthPrompt, type ReauthOutcome } from './reauth'

// The session gate: a 401 waits for the sign-in dialog (one for all the
// requests that meet it), then the request is sent again, or not.

const ok = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
const expired = () => new Response(JSON.stringify({ code: 'unauthenticated' }), { status: 401 })
let calls: { url: string; method: string; body?: string; csrf?: string }[] = []
let cookie = 'torchlab_csrf=old'

// serve answers each URL from its own queue of responses.
function serve(answers: Record<string, (() => Response)[]>) {
  calls = []
  vi.stubGlobal('document', { get cookie() { return cookie } })
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
    const headers = init.headers as Record<string, string>
    calls.push({ url, method: init.method ?? 'GET', body: init.body as string | undefined, csrf: headers['X-CSRF-Token'] })
    const next = answers[url]?.shift()
    if (!next) throw new Error('unexpected request ' + url)
    return next()
  }))
}

// A prompt that resolves when the test says so, counting how often it opened.
let opened = 0
let answer: (o: ReauthOutcome) => void = () => {}
function installPrompt() {
  opened = 0
  setReauthPrompt(() => {
    opened++
    return new Promise<ReauthOutcome>((resolve) => { answer = resolve })
  })
}
const tick = () => new Promise((r) => setTimeout(r, 0))

describe('the session gate', () => {
  beforeEach(() => { cookie = 'torchlab_csrf=old'; installPrompt() })
  afterEach(() => setReauthPrompt(null))

  it('retries a write after the same user signs in again, with the new CSRF token and the same body', async () => {
    serve({ '/api/v1/clients': [expired, () => ok({ id: 7 })] })
    const saved = api<{ id: number }>('POST', '/clients', { name: '陈静怡' })
    await tick()
    expect(opened).toBe(1)
    cookie = 'torchlab_csrf=new'
    answer('retry')
    expect(await saved).toEqual({ id: 7 })
    expect(calls.map((c) => c.csrf)).toEqual(['old', 'new'])
    expect(calls[1].body).toBe(JSON.stringify({ name: '陈静怡' }))
  })

  it('opens one dialog for 401s that arrive together, and retries each', async () => {
    serve({
      '/api/v1/samples': [expired, () => ok({ items: [1] })],
      '/api/v1/notifications': [expired, () => ok({ unread: 2 })],
    })
    const a = api('GET', '/samples')
    const b = api('GET', '/notifications')
    await tick()
    await tick()
    expect(opened).toBe(1)
    answer('retry')
    expect(await a).toEqual({ items: [1] })
    expect(await b).toEqual({ unread: 2 })
    // A later expiry asks again.
    serve({ '/api/v1/samples': [expired, () => ok({ items: [] })] })
    const c = api('GET', '/samples')
    await tick()
    expect(opened).toBe(2)
    answer('retry')
    await c
  })

  it('never settles a request when another user signed in (the page reloads)', async () => {
    serve({ '/api/v1/clients': [expired] })
    let settled = false
    api('POST', '/clients', { name: 'x' }).finally(() => { settled = true })
    await tick()
    answer('reload')
    await tick()
    await tick()
    expect(settled).toBe(false)
    expect(calls).toHaveLength(1) // her write was not sent under his name
  })

  it('lets a 401 through when nobody was signed in', async () => {
    serve({ '/api/v1/me': [expired] })
    const me = api('GET', '/me')
    await tick()
    answer('fail')
    await expect(me).rejects.toMatchObject({ status: 401, code: 'unauthenticated' })
  })

  it('takes a wrong password at sign-in as an answer, not an expired session', async () => {
    serve({ '/api/v1/auth/login': [() => new Response(JSON.stringify({ code: 'invalid_credentials' }), { status: 401 })] })
    await expect(api('POST', '/auth/login', {})).rejects.toBeInstanceOf(ApiError)
    expect(opened).toBe(0)
  })

  it('guards files too', async () => {
    serve({ '/api/v1/labels.pdf?accession=A1': [expired, () => new Response(new Blob(['%PDF']), { status: 200 })] })
    const f = apiFile('/api/v1/labels.pdf?accession=A1')
    await tick()
    answer('retry')
    expect(await f).toBeInstanceOf(Blob)
  })

  it('without a dialog installed, a 401 is an ordinary refusal', async () => {
    setReauthPrompt(null)
    serve({ '/api/v1/samples': [expired] })
    await expect(api('GET', '/samples')).rejects.toMatchObject({ status: 401 })
  })
})
