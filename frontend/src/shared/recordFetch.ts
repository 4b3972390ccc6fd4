import { beforeEach, vi } from 'vitest'

// A request as the endpoints modules' tests see it: method, address, and
// its JSON body, or the type of a body that is not JSON (a file sent).
export interface Call {
  method?: string
  url: string
  body?: unknown
  type?: string
}

// recordFetch stands in for the server in the endpoints modules' tests:
// before each test it empties the list it returns, and records there every
// request, answered as the server would: 204 with no body for a DELETE,
// else an empty page.
export function recordFetch(): Call[] {
  const calls: Call[] = []
  beforeEach(() => {
    calls.length = 0
    vi.stubGlobal('document', { cookie: 'torchlab_csrf=t' })
    vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
      const type = (init?.headers as Record<string, string> | undefined)?.['Content-Type']
      if (init?.body && type !== undefined && type !== 'application/json') calls.push({ method: init.method, url, type })
      else calls.push({ method: init?.method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined })
      if (init?.method === 'DELETE') return new Response(null, { status: 204 })
      return new Response(JSON.stringify({ items: [], total: 0 }), { status: 200, headers: { 'Content-Type': 'application/json' } })
    }))
  })
  return calls
}
