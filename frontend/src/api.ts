// The one way the UI talks to torchlab: the session cookie authenticates,
// the readable torchlab_csrf cookie is echoed on every write, and an error
// comes back as an ApiError carrying the problem's stable code, which the
// UI translates (never the server's English detail). A request that never
// reaches the server is an ApiError with code "network". A 401 (the
// session expired) waits at the reauth gate: after the same user signs in
// again the request is sent once more, so no screen ever takes an expired
// session for "nothing here".
import { reauthenticate } from './reauth'
import type { FailCode, Problem, SessionUser } from './api/types'

export class ApiError extends Error {
  constructor(
    public status: number,
    // The problem's code: one of the reference's enum (a test keeps it
    // equal to the server's codes), or the UI's own "network".
    public code: FailCode,
    public detail: string,
    public fields: { field: string; code: string }[] = [],
    public body: Record<string, unknown> = {},
  ) {
    super(code)
  }
}

function csrf(): string {
  const m = document.cookie.match(/(?:^|; )torchlab_csrf=([^;]*)/)
  return m ? decodeURIComponent(m[1]) : ''
}

// api sends JSON (or nothing) and decodes the JSON answer.
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  return raw<T>(method, path, body === undefined ? undefined : JSON.stringify(body), body === undefined ? undefined : 'application/json')
}

// apiUpload sends a body as it is, such as a CSV file for the result import.
export async function apiUpload<T>(method: string, path: string, body: Blob | string, contentType: string): Promise<T> {
  return raw<T>(method, path, body, contentType)
}

// apiFile fetches a file (a PDF, a label) as a Blob, through the same
// session gate and with the same errors as api.
export async function apiFile(url: string): Promise<Blob> {
  const res = await send(url, 'GET', undefined, undefined)
  if (!res.ok) throw await problem(res)
  return res.blob()
}

async function raw<T>(method: string, path: string, body: BodyInit | undefined, contentType: string | undefined): Promise<T> {
  const res = await send('/api/v1' + path, method, body, contentType)
  if (res.status === 204) return undefined as T
  if (!res.ok) throw await problem(res)
  return (await res.json().catch(() => ({}))) as T
}

// The sign-in calls themselves answer 401 for a wrong password; that is
// an answer, not an expired session.
const ownAnswer = (url: string) => url.startsWith('/api/v1/auth/')

// send makes one request; on a 401 it waits at the gate and, when the
// same user is back, sends it again (with the new session's CSRF token).
async function send(url: string, method: string, body: BodyInit | undefined, contentType: string | undefined): Promise<Response> {
  for (;;) {
    const headers: Record<string, string> = {}
    if (contentType) headers['Content-Type'] = contentType
    if (method !== 'GET') headers['X-CSRF-Token'] = csrf()
    let res: Response
    try {
      res = await fetch(url, { method, headers, credentials: 'same-origin', body })
    } catch {
      throw new ApiError(0, 'network', '')
    }
    if (res.status !== 401 || ownAnswer(url)) return res
    const outcome = await reauthenticate()
    if (outcome === 'retry') continue
    if (outcome === 'reload') return new Promise<Response>(() => {}) // the page is going away
    return res
  }
}

async function problem(res: Response): Promise<ApiError> {
  // Not every failure is a problem document (a proxy's 502 page), hence
  // Partial and the fall-back to internal.
  const data: Partial<Problem> = await res.json().catch(() => ({}))
  return new ApiError(res.status, data.code ?? 'internal', data.detail ?? '', data.errors ?? [], data)
}

// Query is a request's query parameters; an undefined one (a filter not
// chosen) is left out, an array repeats its key.
export type Query = Record<string, string | number | boolean | (string | number)[] | undefined>

// withQuery adds the query to a path, built by URLSearchParams, so no
// screen glues a query string together by hand.
export function withQuery(path: string, query: Query = {}): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue
    for (const one of Array.isArray(v) ? v : [v]) q.append(k, String(one))
  }
  const s = q.toString()
  return s ? path + '?' + s : path
}

// apiURL is the address of a file the browser opens itself (a PDF, a PNG,
// an export), with the query parameters given; the cookie authenticates it.
export function apiURL(path: string, query: Query = {}): string {
  return withQuery('/api/v1' + path, query)
}

export interface List<T> {
  items: T[]
  total?: number
  next_cursor?: string
}

// Who is signed in, as GET /me answers (the reference's SessionUser).
export type { SessionUser as User } from './api/types'
export type Role = SessionUser['role']
