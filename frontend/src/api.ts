// The one way the UI talks to torchlab: the session cookie authenticates,
// the readable torchlab_csrf cookie is echoed on every write, and an error
// comes back as an ApiError carrying the problem's stable code, which the
// UI translates (never the server's English detail).
export class ApiError extends Error {
  constructor(public status: number, public code: string, public detail: string, public fields: { field: string; code: string }[] = []) {
    super(code)
  }
}

function csrf(): string {
  const m = document.cookie.match(/(?:^|; )torchlab_csrf=([^;]*)/)
  return m ? decodeURIComponent(m[1]) : ''
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {}
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (method !== 'GET') headers['X-CSRF-Token'] = csrf()
  const res = await fetch('/api/v1' + path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (res.status === 204) return undefined as T
  const data = await res.json().catch(() => ({}))
  if (!res.ok) throw new ApiError(res.status, data.code ?? 'internal', data.detail ?? '', data.errors ?? [])
  return data as T
}

export interface User {
  id: number
  username: string
  display_name: string
  role: 'admin' | 'nurse' | 'lab_tech' | 'counselor'
  station_id: number | null
  must_change_password: boolean
}

export interface DayEntry {
  id: number
  client_name: string
  national_id: string
  start: string
  status: string
  category: string
  gestational_age?: { weeks: number; days: number }
}
