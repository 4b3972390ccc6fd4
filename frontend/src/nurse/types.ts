// The JSON of the routes the reception desk uses (docs/openapi.yaml).
export type Category = 'newlywed' | 'planning' | 'pregnant'
export type AppointmentStatus = 'booked' | 'checked_in' | 'collected' | 'cancelled' | 'no_show'
export type SampleStatus = 'collected' | 'shipped' | 'received' | 'resulted' | 'released' | 'rejected'

export interface Client {
  id: number
  station_id: number
  name: string
  national_id: string // masked
  birth_date?: string
  phone: string // masked
  address?: string
  category: Category
  lmp_date?: string | null
  consent: { given: boolean; text_version?: string; recorded_at?: string }
  // Her choice of text reminders (reminders/RemindersPanel.vue).
  reminders?: { opt_in: boolean; lang: 'zh' | 'en' }
}

export interface Reveal {
  client_id: number
  national_id?: string
  phone?: string
}

// One row of GET /appointments: the day list, or a woman's appointments.
export interface Appointment {
  id: number
  client_id: number
  client_name: string
  national_id: string
  station_id: number
  slot_id: number
  date: string
  start: string
  status: AppointmentStatus
  kind?: string
  category: Category
  gestational_age?: { weeks: number; days: number }
}

export interface Sample {
  accession: string
  client_id: number
  appointment_id: number
  station_id: number
  panel: string
  kind?: string
  status: SampleStatus
  collected_at: string
  shipment_id?: number | null
  labels_printed: number
  report_version?: number
  abnormal?: boolean
  reject_reason?: string
  reject_note?: string
}

export interface Panel {
  code: string
  name_zh?: string
  name_en?: string
  is_default?: boolean
  analytes: string[]
}

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

export interface Shipment {
  id: number
  station_id: number
  status: 'packed' | 'dispatched' | string
  created_at?: string
  dispatched_at?: string
  items?: { accession: string; status: string; scanned_at?: string | null }[]
  missing: string[]
  unexpected: string[]
}

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

export interface Finding {
  code: string
  pathogen: string
  abnormal: boolean
  priority?: string
  recommendation: string
  recommendation_en?: string
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
