// The JSON of the routes the reception desk uses (docs/openapi.yaml).
import type { Client, Sample, Finding } from '../api/types'
export type { Client, Sample, Finding }
export type Category = 'newlywed' | 'planning' | 'pregnant'
export type AppointmentStatus = 'booked' | 'checked_in' | 'collected' | 'cancelled' | 'no_show'
export type SampleStatus = 'collected' | 'shipped' | 'received' | 'resulted' | 'released' | 'rejected'

// Her full ID number or phone, revealed (audited).
export type { Reveal } from '../api/types'

// One row of GET /appointments: the day list, or a woman's appointments.
export type { DayListEntry as Appointment } from '../api/types'

export type { Panel } from '../api/types'

export interface Recollection {
  id: number
  client_id: number
  client_name: string
  national_id: string
  rejected_accession: string
  reason: string
  note?: string
  created_at: string
  booked: boolean
}

export type { Shipment } from '../api/types'

export interface ReportResult {
  analyte: string
  name_zh?: string
  name_en?: string
  interpretation: 'negative' | 'equivocal' | 'positive'
  value?: number | null
  value_text?: string
  qualitative?: string
  unit?: string
  kit?: string
}

export interface Report {
  accession: string
  version: number
  abnormal: boolean
  name?: string
  collected_on?: string
  released_at?: string
  results: ReportResult[]
  findings: Finding[]
}
