import { api } from '../api'

// A station's time zone decides a tube's collection day, and the day
// decides which kit judged it. Asked once per station per page load.
const zones = new Map<number, Promise<string>>()
const FALLBACK = 'Asia/Shanghai' // every station of the programme, unless configured otherwise

export function stationZone(id: number): Promise<string> {
  let z = zones.get(id)
  if (!z) {
    z = api<{ timezone: string }>('GET', `/stations/${id}`).then((s) => s.timezone || FALLBACK, () => FALLBACK)
    zones.set(id, z)
  }
  return z
}
