import { reactive } from 'vue'
import type { FailCode } from '../api/types'
import type { ReceiptKind } from './types'

// The running list of a technician's scans at the receiving bench. It lives
// as long as the page (moving to another screen and back keeps it) and
// belongs to the signed-in user: another user signing in starts a new list.
export type Outcome = 'pending' | ReceiptKind | 'rejected' | 'refused'

export interface ScanEntry {
  id: number
  at: Date
  accession: string
  outcome: Outcome
  repeat: boolean // this code was scanned before on this screen
  code?: FailCode // the API's refusal code (outcome refused)
  state?: string // the sample's current state, when the refusal names it
  name?: string
  sampleStatus?: string // the tube's state as read after the scan (whether reject is still possible)
  reason?: string // the rejection reason (outcome rejected)
}

const log = reactive<ScanEntry[]>([])
let owner: number | null = null
let seq = 0

export function useScanLog(userId: number | null) {
  if (owner !== userId) {
    log.splice(0)
    owner = userId
  }
  function add(accession: string): ScanEntry {
    const repeat = log.some((e) => e.accession === accession && e.outcome !== 'refused')
    const entry = reactive<ScanEntry>({ id: ++seq, at: new Date(), accession, outcome: 'pending', repeat })
    log.unshift(entry)
    return entry
  }
  return { log, add }
}
