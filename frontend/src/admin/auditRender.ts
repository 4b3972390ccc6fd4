// An audit row's `changes` in the reader's words: each field named, codes
// (outcome, channel, findings, statuses…) as words, instants in the
// station's zone, results as "analyte value (reading)". A field that
// changed is a line with from and to (the diff); anything else a line with
// its value. Pure: the words come in as a Vocab, so tests need no i18n.

export interface AuditLine {
  field: string
  from?: string
  to?: string
  value?: string
}

export interface Vocab {
  // The field's name ('' when there is none: then the code reads as words).
  field(key: string): string
  // The words of a code within a group ('counsel.outcomes', 'statuses'…),
  // or undefined when there are none.
  word(group: string, code: string): string | undefined
  finding(code: string): string
  analyte(code: string): string
  panel(code: string): string
  station(id: number): string
  time(iso: string): string
  yes: string
  no: string
  sep: string
}

// The group of words a field's codes are named from.
const groups: Record<string, string> = {
  outcome: 'counsel.outcomes', channel: 'counsel.channels', category: 'categories', priority: 'priorities',
  kind: 'nurse.kinds', task: 'pregnancy.tasks', reason: 'nurse.rejectReasons', role: 'roles', interpretation: 'interpretations',
  lang: 'admin.audit.langs',
}
// Status words differ by the record they belong to.
const statusGroups: Record<string, string> = {
  appointment: 'statuses', sample: 'sampleStatuses', followup: 'counsel.status', shipment: 'nurse.shipments.statuses',
}
const findingFields = new Set(['findings', 'abnormal_findings'])
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/

function isChange(v: unknown): v is { from: unknown; to: unknown } {
  return !!v && typeof v === 'object' && !Array.isArray(v) && 'from' in v && 'to' in v && Object.keys(v).length === 2
}

// auditLines renders an audit row's changes for its record's kind.
export function auditLines(entity: string, changes: unknown, v: Vocab): AuditLine[] {
  if (changes === null || changes === undefined) return []
  if (typeof changes !== 'object' || Array.isArray(changes)) return [{ field: '', value: auditValue(entity, '', changes, v) }]
  return Object.entries(changes as Record<string, unknown>).map(([k, x]) => {
    if (isChange(x)) return { field: v.field(k), from: auditValue(entity, k, x.from, v), to: auditValue(entity, k, x.to, v) }
    return { field: v.field(k), value: auditValue(entity, k, x, v) }
  })
}

// auditValue is one field's value in words.
export function auditValue(entity: string, key: string, x: unknown, v: Vocab): string {
  if (x === null || x === undefined || x === '') return '—'
  if (typeof x === 'boolean') return x ? v.yes : v.no
  if (findingFields.has(key) && Array.isArray(x)) return x.map((c) => v.finding(String(c))).join(v.sep)
  if (key === 'results' && typeof x === 'object' && !Array.isArray(x)) return results(x as Record<string, unknown>, v)
  if (key === 'panel' && typeof x === 'string') return v.panel(x)
  if (key === 'analyte' && typeof x === 'string') return v.analyte(x)
  if (Array.isArray(x) && x.length === 0) return '—'
  if (key === 'station_id' && typeof x === 'number') return v.station(x)
  if (typeof x === 'string') {
    if (isoInstant.test(x)) return v.time(x)
    const group = key === 'status' ? statusGroups[entity] : key === 'result' ? 'counsel.results' : groups[key]
    if (group) return v.word(group, x) ?? x
    return x
  }
  if (typeof x === 'number') return String(x)
  if (Array.isArray(x)) return x.map((y) => auditValue(entity, key, y, v)).join(v.sep)
  // A nested record (her reminder choice, a station's settings): its own fields.
  return Object.entries(x as Record<string, unknown>)
    .map(([k, y]) => `${v.field(k)}: ${isChange(y) ? `${auditValue(entity, k, y.from, v)} → ${auditValue(entity, k, y.to, v)}` : auditValue(entity, k, y, v)}`)
    .join(v.sep)
}

// results: {TOXO_IGM: {value, interpretation, kit, lot}, …} as
// "弓形虫IgM抗体 0.2（阴性）" per analyte.
function results(r: Record<string, unknown>, v: Vocab): string {
  return Object.entries(r).map(([code, x]) => {
    if (!x || typeof x !== 'object') return `${v.analyte(code)} ${auditValue('', '', x, v)}`
    const o = x as Record<string, unknown>
    const reading = typeof o.interpretation === 'string' ? v.word('interpretations', o.interpretation) ?? o.interpretation : ''
    const value = o.value === undefined || o.value === null ? '—' : String(o.value)
    return reading ? `${v.analyte(code)} ${value}（${reading}）` : `${v.analyte(code)} ${value}`
  }).join(v.sep)
}

// zonedInstant shows an instant as the clock of the given zone reads it,
// to the minute: "2026-12-10 16:00".
export function zonedInstant(iso: string, zone: string | undefined): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone || undefined, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(d)
  const p = (t: string) => parts.find((x) => x.type === t)?.value ?? ''
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}`
}
