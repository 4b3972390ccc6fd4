// The JSON of the administration routes this area reads (docs/openapi.yaml).
export type { Station } from '../shared/useStations'
// The reference's own types (schema.d.ts). The summary's below are this
// area's: the reference describes it more strictly than an older answer
// holds.
export type { Analyte, AuditEntry, Kit, SafetyNetItem, SettingRule, Settings, Slot, SlotBatch } from '../api/types'
// A staff member as GET /users lists her.
export type { User as AdminUser } from '../api/types'

export interface Spread {
  count: number
  median_hours: number | null
  p90_hours: number | null
}

export interface AnalyteStats {
  analyte: string
  tested: number
  negative: number
  equivocal: number
  positive: number
  negative_rate: number
  equivocal_rate: number
  positive_rate: number
}

export interface SummaryRow {
  key: string
  station_code?: string
  month?: string
  screened: number
  collected: number
  rejected: number
  released: number
  abnormal: number
  cases_opened: number
  cases_reached: number
  cases_closed: number
  cases_lost: number
  // Per woman (her first screen at the station or in the month).
  tested?: number
  followup_completion?: Ratio
  within_5_working_days?: Ratio
}

// A figure an officer can check: rate = numerator ÷ denominator (0 when
// there is nothing to divide; the dashboard then shows a dash).
export interface Ratio {
  numerator: number
  denominator: number
  rate: number
}

// Positivity of one analyte per woman (her first screen's result tube) or,
// for retests, per sample.
export interface Positivity {
  analyte: string
  tested: number
  negative: number
  equivocal: number
  positive: number
  positive_rate: Ratio
}

export interface CategoryStats {
  category: 'newlywed' | 'planning' | 'pregnant'
  screened: number
  tested: number
  positivity: Positivity[]
}

export const outcomeKinds = ['live_birth', 'stillbirth', 'miscarriage', 'induced_abortion', 'ectopic', 'unknown'] as const
export type OutcomeKind = (typeof outcomeKinds)[number]

export interface OutcomesByResult {
  screening_result: 'abnormal' | 'normal'
  total: number
  outcomes: Partial<Record<OutcomeKind, number>>
}

export interface PerTenThousand extends Ratio {
  per_10000: number
}

export interface Summary {
  from: string
  to: string
  station_id: number | null
  screened: number
  // The women's figures (docs/decisions.md, "Statistics per woman"). Optional
  // in this type so that an older answer (or a fixture) still draws.
  tested?: number
  positivity?: Positivity[]
  by_category?: CategoryStats[]
  retests?: { collected: number; released: number; positivity: Positivity[] }
  redraws?: { collected: number; released: number }
  reached_in_time?: Ratio
  followup_completion?: Ratio
  lost_to_follow_up?: Ratio
  retest_completion?: Ratio
  rubella_vaccination_completion?: Ratio
  // The pregnancy figures: absent until pregnancy outcomes are counted.
  early_pregnancy_followup?: Ratio
  outcome_followup?: Ratio
  outcomes_by_screening_result?: OutcomesByResult[]
  birth_defects_per_10000_births?: PerTenThousand
  collected: number
  received: number
  rejected: number
  rejected_by_reason: Record<string, number>
  released: number
  analytes: AnalyteStats[]
  findings: Record<string, number>
  turnaround: {
    collection_to_receipt: Spread
    receipt_to_release: Spread
    release_to_first_reached_contact: Spread
    collection_to_first_release?: Spread & { within_5_working_days: Ratio }
  }
  followup: {
    opened: number
    closed: number
    closed_by_outcome: Record<string, number>
    completion_rate: number
    lost_rate: number
    overdue_now: number
  }
  by_station: SummaryRow[]
  by_month: SummaryRow[]
}
