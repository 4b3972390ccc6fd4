import { station } from '../shared/endpoints'

// A station's time zone decides a tube's collection day, and the day
// decides which kit judged it. Asked once per station per page load.
// The grid also shows each tube's station code.
interface StationInfo { timezone: string; code: string }
const stations = new Map<number, Promise<StationInfo>>()
const FALLBACK = 'Asia/Shanghai' // every station of the programme, unless configured otherwise

export function stationInfo(id: number): Promise<StationInfo> {
  let z = stations.get(id)
  if (!z) {
    z = station(id).then(
      (s) => ({ timezone: s.timezone || FALLBACK, code: s.code }),
      () => ({ timezone: FALLBACK, code: '' }),
    )
    stations.set(id, z)
  }
  return z
}

export async function stationZone(id: number): Promise<string> {
  return (await stationInfo(id)).timezone
}
