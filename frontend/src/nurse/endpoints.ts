// The reception desk's calls to the API, one typed function each, so a
// screen says what it asks for and a query string is built in one way
// (URLSearchParams), never by gluing strings. The routes are those of
// docs/openapi.yaml; the list calls ask for the largest page the desk shows.
import { api, apiFile, apiURL, withQuery as path, type List } from '../api'
import type { Appointment as Booking, Eligibility, JSONBody } from '../api/types'
import type { PregnancyPage } from '../pregnancy/types'
import type { Appointment, Client, Panel, Recollection, Report, Reveal, Sample, Shipment } from './types'

const acc = (accession: string) => encodeURIComponent(accession)

// A station filter: 0 (an admin's "every station") is no filter.
const station = (id?: number) => (id ? id : undefined)

// Women.
export const searchClients = (text: string) => api<List<Client>>('GET', path('/clients', { limit: 20, q: text }))
export const getClient = (id: number) => api<Client & PregnancyPage>('GET', `/clients/${id}`)
export const registerClient = (body: JSONBody<'/api/v1/clients', 'post'>) => api<Client>('POST', '/clients', body)
export const updateClient = (id: number, patch: Record<string, unknown>) => api<Client>('PATCH', `/clients/${id}`, patch)
export const revealClient = (id: number, what: 'national_id' | 'phone') => api<Reveal>('GET', `/clients/${id}/${what}`)
export const eligibility = (clientId: number) => api<Eligibility>('GET', `/clients/${clientId}/eligibility`)
export const giveConsent = (clientId: number, textVersion: string) =>
  api<Client>('POST', `/clients/${clientId}/consent`, { given: true, text_version: textVersion })

// Appointments: a day list's rows, and the appointment a change answers
// (the reference's Appointment, without her name).
export const dayList = (f: { date?: string; stationId?: number }) =>
  api<List<Appointment>>('GET', path('/appointments', { limit: 200, date: f.date || undefined, station_id: station(f.stationId) }))
export const appointmentsOf = (clientId: number) => api<List<Appointment>>('GET', path('/appointments', { client_id: clientId, limit: 200 }))
export const book = (b: { client_id: number; slot_id: number; recollection_id?: number }) => api<Booking>('POST', '/appointments', b)
export const reschedule = (id: number, slotId: number) => api<Booking>('POST', `/appointments/${id}/reschedule`, { slot_id: slotId })
export const checkIn = (id: number) => api<Booking>('POST', `/appointments/${id}/check-in`)
export const markNoShow = (id: number) => api<Booking>('POST', `/appointments/${id}/no-show`)
export const cancelAppointment = (id: number, reason: string) => api<Booking>('POST', `/appointments/${id}/cancel`, { reason })

// Tubes.
export const panels = () => api<List<Panel>>('GET', '/panels')
export const drawSample = (appointmentId: number, panel: string) => api<Sample>('POST', `/appointments/${appointmentId}/samples`, { panel })
export const samplesOn = (date: string, stationId?: number) =>
  api<List<Sample>>('GET', path('/samples', { from: date, to: date, limit: 200, station_id: station(stationId) }))
export const samplesOf = (clientId: number) => api<List<Sample>>('GET', path('/samples', { client_id: clientId, limit: 200 }))
export const waitingTubes = () => api<List<Sample>>('GET', path('/samples', { status: 'collected', limit: 200 }))
export const openRecollections = (f: { limit: number; stationId?: number }) =>
  api<List<Recollection>>('GET', path('/recollections', { open: true, limit: f.limit, station_id: station(f.stationId) }))

// Boxes to the lab.
export const shipments = () => api<List<Shipment>>('GET', path('/shipments', { limit: 50 }))
export const packShipment = (accessions: string[]) => api<Shipment>('POST', '/shipments', { accessions })
export const dispatchShipment = (id: number) => api<Shipment>('POST', `/shipments/${id}/dispatch`)

// Reports.
export const report = (accession: string) => api<Report>('GET', `/samples/${acc(accession)}/report`)
export const reportPDF = (accession: string, lang: string) => apiURL(`/samples/${acc(accession)}/report.pdf`, { lang })

// Labels: the PDF sheet (a preview, which records nothing), the print of
// it recorded, and one tube's ZPL for a thermal printer (recorded as it is
// taken). A reprint carries its reason.
export const labelSheetPDF = (accessions: string[]) => apiFile(apiURL('/labels.pdf', { accession: accessions }))
export const labelsPrinted = (accessions: string[], reason?: string) =>
  api<void>('POST', '/labels/printed', { accessions, format: 'pdf', ...(reason === undefined ? {} : { reason }) })
export const labelZPL = (accession: string, reason?: string) => apiFile(apiURL(`/samples/${acc(accession)}/label.zpl`, { reason }))
