// The slot range form's arithmetic: which times of day it sends and how
// many slots it will make, shown before the admin presses "create" so a
// typo in the range (a year instead of a month) is seen before it is sent.

// normalizeTime accepts "8:00", "08:00", "0800" or "8" and gives "HH:MM",
// or null for something that is not a time of day.
export function normalizeTime(raw: string): string | null {
  const s = raw.trim().replace('：', ':')
  const m = /^(\d{1,2})(?::?(\d{2}))?$/.exec(s)
  if (!m) return null
  const h = Number(m[1]), min = Number(m[2] ?? '0')
  if (h > 23 || min > 59) return null
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`
}

// cleanTimes normalizes, drops what is not a time, removes duplicates and
// sorts, as the server makes one slot per distinct time.
export function cleanTimes(raw: string[]): string[] {
  const set = new Set<string>()
  for (const r of raw) {
    const t = normalizeTime(r)
    if (t) set.add(t)
  }
  return [...set].sort()
}

// isoWeekday of a YYYY-MM-DD date: 1 Monday … 7 Sunday.
export function isoWeekday(date: string): number {
  const d = new Date(date + 'T00:00:00Z').getUTCDay()
  return d === 0 ? 7 : d
}

// rangeDays lists the dates from `from` to `to` (both included) whose ISO
// weekday is chosen. An empty or reversed range gives none.
export function rangeDays(from: string, to: string, weekdays: number[]): string[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || from > to) return []
  const chosen = new Set(weekdays)
  const out: string[] = []
  const end = Date.parse(to + 'T00:00:00Z')
  for (let t = Date.parse(from + 'T00:00:00Z'); t <= end; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10)
    if (chosen.has(isoWeekday(day))) out.push(day)
  }
  return out
}

// previewCount is how many slots the range asks for: chosen days times
// distinct times. The server skips those that exist or have passed, so
// this is an upper bound, and says so on screen.
export function previewCount(from: string, to: string, weekdays: number[], times: string[]): number {
  return rangeDays(from, to, weekdays).length * cleanTimes(times).length
}
