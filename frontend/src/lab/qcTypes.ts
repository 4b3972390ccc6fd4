import type { QCMaterial } from '../api/types'
import type { LJPoint } from './ljChart'

// A control material and a reagent lot (the reference's types).
export type { QCMaterial }
export type { ReagentLot } from '../api/types'

export type RunStatus = 'pending' | 'accepted' | 'warning' | 'rejected' | 'corrected' | 'overridden'

// A day's run (GET /runs), one run with its analytes, tubes and QC values
// (GET /runs/{id}) and one QC value: the reference's types.
export type { QCValue, RunDetail, RunSummary } from '../api/types'

export interface LJChart {
  material: QCMaterial
  points: LJPoint[]
}

// One month's rejections of one analyte's runs: the dashboard's QC section.
export type { QCRejectionRate as RejectionRate } from '../api/types'

// A run's ELISA plate: what is in each well, and the formula that turns a
// reader's OD into S/CO.
export interface Well {
  well: string
  kind: string
  accession?: string
}
export interface Formula {
  factor: number
  scale: number
  decimals: number
}
export interface Plate {
  run_id: number
  analytes: string[]
  wells: Well[]
  formula: Formula
  cutoff?: number
  read_at?: string
}

// A reader's OD file read back: each sample's S/CO, entered or not.
export interface PlateOutcome {
  analyte: string
  entered: number
  cutoff: number
  blank_od?: number
  samples: { well: string; accession: string; od: number; value: number; text: string }[]
}

// The query of a plate read: the formula, the cut-off's limits (an empty
// negative_max or positive_min is sent, and means none), and whether the
// values are entered or only shown.
export type PlateRead = {
  analyte: string
  factor: string
  scale: string
  decimals: string
  negative_max: string
  positive_min: string
  cutoff_od_min?: string
  cutoff_od_max?: string
  enter?: 'true'
}

// An analyser's interface and what it sent (the reference's types).
export type { Analyser, InterfaceMessage as AnalyserMessage } from '../api/types'

// statusTag is the Element Plus tag type of a run's or a value's status.
export function statusTag(s: string): 'success' | 'warning' | 'danger' | 'info' {
  if (s === 'accepted' || s === 'overridden') return 'success'
  if (s === 'warning') return 'warning'
  if (s === 'rejected') return 'danger'
  return 'info'
}
