// The one way the UI talks to torchlab: the session cookie authenticates,
// the readable torchlab_csrf cookie is echoed on every write, and an error
// comes back as an ApiError carrying the problem's stable code, which the
// UI translates (never the server's English detail). A request that never
// reaches the server is an ApiError with code "network".
export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
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

async function raw<T>(method: string, path: string, body: BodyInit | undefined, contentType: string | undefined): Promise<T> {
  const headers: Record<string, string> = {}
  if (contentType) headers['Content-Type'] = contentType
  if (method !== 'GET') headers['X-CSRF-Token'] = csrf()
  let res: Response
  try {
    res = await fetch('/api/v1' + path, { method, headers, credentials: 'same-origin', body })
  } catch {
    throw new ApiError(0, 'network', '')
  }
  if (res.status === 204) return undefined as T
  const data = await res.json().catch(() => ({}))
  if (!res.ok) throw new ApiError(res.status, data.code ?? 'internal', data.detail ?? '', data.errors ?? [], data)
  return data as T
}

// apiURL is the address of a file the browser opens itself (a PDF, a PNG,
// an export), with the query parameters given; the cookie authenticates it.
export function apiURL(path: string, query: Record<string, string | string[] | undefined> = {}): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue
    for (const one of Array.isArray(v) ? v : [v]) q.append(k, one)
  }
  const s = q.toString()
  return '/api/v1' + path + (s ? '?' + s : '')
}

export interface List<T> {
  items: T[]
  total?: number
  next_cursor?: string
}

export type Role = 'admin' | 'nurse' | 'lab_tech' | 'counselor'

export interface User {
  id: number
  username: string
  display_name: string
  role: Role
  station_id: number | null
  must_change_password: boolean
}

export interface DayEntry {
  id: number
  client_id: number
  client_name: string
  national_id: string
  start: string
  status: string
  category: string
  gestational_age?: { weeks: number; days: number }
}
