// The JSON of the bench routes this area uses (docs/openapi.yaml).
import type { Sample, Result, Finding } from '../api/types'
export type { Sample, Result, Finding }
// The catalog: a panel, an analyte (with its kits on GET /analytes) and a
// kit version.
export type { Analyte, Kit, Panel } from '../api/types'
export type Interpretation = 'negative' | 'equivocal' | 'positive'
export type SampleStatus = 'collected' | 'shipped' | 'received' | 'resulted' | 'released' | 'rejected'

export interface SampleDetail extends Sample {
  client_name: string
  national_id: string
  station_code: string
  analytes: string[]
  results: Result[]
  amendment_pending: boolean
}

export type ReceiptKind = 'received' | 'already_received' | 'rejected_expired'
export interface Receipt {
  receipt: ReceiptKind
  sample: Sample
}

export const rejectReasons = ['hemolyzed', 'insufficient', 'unlabeled', 'mislabeled', 'expired', 'other'] as const
export type RejectReason = (typeof rejectReasons)[number]

export interface Shipment {
  id: number
  station_id: number
  status: string
  dispatched_at?: string
  items: { accession: string; status: SampleStatus; scanned_at: string | null }[]
  missing: string[]
  unexpected: string[]
}

export interface ImportRow {
  line: number
  ok: boolean
  code?: string
  detail?: string
}
export interface ImportReport {
  saved: number
  rejected: number
  rows: ImportRow[]
}

// The earlier sample a retest or redraw is read against.
export interface PairedSample {
  accession: string
  collected_on: string
}

// What verifying a sample would release (GET /samples/{acc}/review): her
// category and gestational age at the draw, the sample it is paired with,
// the findings the release would make, and the delta check it would hold.
export interface Review {
  category: string
  gestational_age?: { weeks: number; days: number }
  paired_with?: PairedSample
  findings: Finding[]
  abnormal: boolean
  delta: Finding[]
}
