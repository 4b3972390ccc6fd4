import type { LJPoint } from './ljChart'

export type RunStatus = 'pending' | 'accepted' | 'warning' | 'rejected' | 'corrected' | 'overridden'

export interface Run {
  id: number
  day: string
  status: RunStatus
  lot_review: boolean
  corrective_action?: string
  rerun_id?: number | null
  override_reason?: string
}

export interface RunSummary extends Run {
  analytes: string[]
  samples: number
}

export interface QCValue {
  id: number
  material_id: number
  analyte: string
  value: number | null
  qualitative?: string
  z: number | null
  rules_violated: string[]
  status: 'accepted' | 'warning' | 'rejected'
}

export interface RunDetail extends Run {
  analytes: { analyte: string; lot: string; new_lot: boolean }[]
  samples: { accession: string; status: string }[]
  qc: QCValue[]
}

export interface QCMaterial {
  id: number
  analyte: string
  lot: string
  level: 'negative' | 'low_positive' | 'high_positive'
  target_mean: number | null
  target_sd: number | null
  expected?: string
  valid_until: string
}

export interface ReagentLot {
  id: number
  analyte: string
  kit: string
  lot: string
  expires_on: string
  in_use: boolean
  expired: boolean
}

export interface LJChart {
  material: QCMaterial
  points: LJPoint[]
}

// statusTag is the Element Plus tag type of a run's or a value's status.
export function statusTag(s: string): 'success' | 'warning' | 'danger' | 'info' {
  if (s === 'accepted' || s === 'overridden') return 'success'
  if (s === 'warning') return 'warning'
  if (s === 'rejected') return 'danger'
  return 'info'
}
