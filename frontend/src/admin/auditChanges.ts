// An audit row's `changes` as short lines for the table: a field that
// changed reads "field: from → to", anything else "field: value". The
// server writes either a map of {from, to} or a plain map of details.
export function changeLines(changes: unknown): string[] {
  if (changes === null || changes === undefined) return []
  if (typeof changes !== 'object' || Array.isArray(changes)) return [show(changes)]
  return Object.entries(changes as Record<string, unknown>).map(([k, v]) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && 'from' in v && 'to' in v && Object.keys(v).length === 2) {
      const c = v as { from: unknown; to: unknown }
      return `${k}: ${show(c.from)} → ${show(c.to)}`
    }
    return `${k}: ${show(v)}`
  })
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '—'
  if (typeof v === 'string') return v === '' ? '""' : v
  return JSON.stringify(v)
}
