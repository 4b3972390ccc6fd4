// The bench's calls to the API for the path of a tube (receive, results,
// verification, amendment, shipments), one typed function each, with
// queries built by withQuery. The routes are those of docs/openapi.yaml.
import { api, withQuery, type List } from '../api'
import type { Analyte, Panel, Receipt, RejectReason, Result, Review, Sample, SampleDetail, Shipment } from './types'

const acc = (accession: string) => encodeURIComponent(accession)

// The catalog the screens name analytes and panels from.
export const panels = () => api<List<Panel>>('GET', '/panels')
export const analytes = () => api<List<Analyte>>('GET', '/analytes')

// One tube, and the queues of tubes by state.
export const sampleDetail = (accession: string) => api<SampleDetail>('GET', `/samples/${acc(accession)}`)
export const awaitingResults = () =>
  api<List<Sample & { client_name: string; results: Result[] }>>('GET', withQuery('/samples', { status: 'received', limit: 200, include: 'results' }))
export const awaitingVerification = () => api<List<Sample>>('GET', withQuery('/samples', { status: 'resulted', limit: 200 }))
export const awaitingAmendment = () => api<List<Sample>>('GET', withQuery('/samples', { amendment_pending: true, limit: 200 }))

// What the bench does to a tube.
export const receive = (accession: string) => api<Receipt>('POST', `/samples/${acc(accession)}/receive`)
export const reject = (accession: string, reason: RejectReason, note?: string) =>
  api<Sample>('POST', `/samples/${acc(accession)}/reject`, { reason, note })
export const saveResults = (accession: string, results: unknown[]) => api<SampleDetail>('PUT', `/samples/${acc(accession)}/results`, { results })
export const review = (accession: string) => api<Review>('GET', `/samples/${acc(accession)}/review`)
export const verify = (accession: string, ack: { acknowledge_abnormal: boolean; acknowledge_delta: boolean }) =>
  api<SampleDetail>('POST', `/samples/${acc(accession)}/verify`, ack)
export const amend = (accession: string, analyte: string, value: string, reason: string) =>
  api<SampleDetail>('POST', `/samples/${acc(accession)}/results/${encodeURIComponent(analyte)}/amend`, { value, reason })

// Boxes arriving from the stations.
export const shipment = (id: number | string) => api<Shipment>('GET', `/shipments/${id}`)
export const incomingShipments = () => api<List<Shipment>>('GET', withQuery('/shipments', { status: 'dispatched', limit: 100 }))
export const scanIntoShipment = (id: number | string, accession: string) => api<Shipment>('POST', `/shipments/${id}/scan`, { accession })
