// The JSON of the bench routes this area uses (docs/openapi.yaml).
import type { Sample, Result, Finding, ImportReport, Receipt } from '../api/types'
export type { Sample, Result, Finding }
// A tube taken in, a shipment with its manifest, a CSV import's report.
export type { ImportReport, Receipt, Shipment } from '../api/types'
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

export type ReceiptKind = Receipt['receipt']

export const rejectReasons = ['hemolyzed', 'insufficient', 'unlabeled', 'mislabeled', 'expired', 'other'] as const
export type RejectReason = (typeof rejectReasons)[number]

export type ImportRow = ImportReport['rows'][number]

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
