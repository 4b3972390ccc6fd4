// The bench's calls to the API, one typed function each, with queries
// built by withQuery: the path of a tube (receive, results, verification,
// amendment, shipments), quality control (lots, materials, runs, plates)
// and the analysers' interfaces. The routes are those of docs/openapi.yaml.
import { api, apiUpload, apiURL, withQuery, type List } from '../api'
import type { Analyte, ImportReport, Panel, Receipt, RejectReason, Result, Review, Sample, SampleDetail, Shipment } from './types'
import type {
  Analyser, AnalyserMessage, LJChart, Plate, PlateOutcome, PlateRead, QCMaterial, QCValue, ReagentLot, RejectionRate, RunDetail, RunSummary,
} from './qcTypes'

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
// An analyser's CSV export, sent as it is.
export const importResults = (file: Blob) => apiUpload<ImportReport>('POST', '/results/import', file, 'text/csv')

// Boxes arriving from the stations.
export const shipment = (id: number | string) => api<Shipment>('GET', `/shipments/${id}`)
export const incomingShipments = () => api<List<Shipment>>('GET', withQuery('/shipments', { status: 'dispatched', limit: 100 }))
export const scanIntoShipment = (id: number | string, accession: string) => api<Shipment>('POST', `/shipments/${id}/scan`, { accession })

// Quality control: reagent lots, control materials and their charts.
export const lots = () => api<List<ReagentLot>>('GET', '/lots')
export const addLot = (lot: { analyte: string; kit: string; lot: string; expires_on: string; in_use: boolean }) => api<ReagentLot>('POST', '/lots', lot)
export const putLotInUse = (id: number) => api<ReagentLot>('POST', `/lots/${id}/use`)
export const qcMaterials = () => api<List<QCMaterial>>('GET', '/qc/materials')
export const addQCMaterial = (body: Record<string, unknown>) => api<QCMaterial>('POST', '/qc/materials', body)
export const ljChart = (materialId: number) => api<LJChart>('GET', `/qc/materials/${materialId}/chart`)
export const rejectionRates = () => api<List<RejectionRate>>('GET', '/qc/rejection-rates')

// Runs: the day's, one opened on analytes, and what is done in one.
export const runsOn = (day: string) => api<List<RunSummary>>('GET', withQuery('/runs', { date: day }))
export const openRun = (analyteCodes: string[]) => api<RunDetail>('POST', '/runs', { analyte_codes: analyteCodes })
export const runDetail = (id: number) => api<RunDetail>('GET', `/runs/${id}`)
export const addToRun = (id: number, accessions: string[]) => api<RunDetail>('POST', `/runs/${id}/samples`, { accessions })
// A control's value: a number as typed for a quantitative one, the
// reading (negative, equivocal, positive) for a qualitative one.
export const enterQC = (id: number, body: { material_id: number; value: string } | { material_id: number; qualitative: string }) =>
  api<QCValue & { run_status: string }>('POST', `/runs/${id}/qc`, body)
export const correctRun = (id: number, action: string) => api<RunDetail>('POST', `/runs/${id}/corrective-action`, { action })
export const overrideRun = (id: number, reason: string) => api<RunDetail>('POST', `/runs/${id}/override`, { reason })

// A run's ELISA plate, its CSV for the reader, and the reader's OD file.
export const runPlate = (runId: number) => api<Plate>('GET', `/runs/${runId}/plate`)
export const plateCSV = (runId: number) => apiURL(`/runs/${runId}/plate.csv`)
export const readPlate = (runId: number, q: PlateRead, file: Blob) =>
  apiUpload<PlateOutcome>('POST', withQuery(`/runs/${runId}/plate/od`, q), file, 'text/csv')

// Analyser interfaces and the messages each sent.
export const analysers = () => api<List<Analyser>>('GET', '/analysers')
export const analyserMessages = (id: number, f: { ack?: string; cursor?: string }) =>
  api<List<AnalyserMessage>>('GET', withQuery(`/analysers/${id}/messages`, { limit: 50, ack: f.ack, cursor: f.cursor }))
