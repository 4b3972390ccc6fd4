import { describe, expect, it } from 'vitest'
import {
  addToRun, amend, analyserMessages, awaitingAmendment, awaitingResults, correctRun, enterQC, importResults, incomingShipments, ljChart, lots, openRun, plateCSV,
  putLotInUse, qcMaterials, readPlate, rejectionRates, reject, runDetail, runsOn,
} from './endpoints'
import { recordFetch } from '../shared/recordFetch'

const calls = recordFetch()

describe('the bench endpoints', () => {
  it('ask for the queues the screens show', async () => {
    await awaitingResults()
    await awaitingAmendment()
    await incomingShipments()
    expect(calls.map((c) => c.url)).toEqual([
      '/api/v1/samples?status=received&limit=200&include=results',
      '/api/v1/samples?amendment_pending=true&limit=200',
      '/api/v1/shipments?status=dispatched&limit=100',
    ])
  })

  it('send what the bench decided, leaving out a note not written', async () => {
    await reject('100000003', 'hemolyzed')
    await amend('100000003', 'TOXO_IGG', '12.5', 'transcription')
    expect(calls).toEqual([
      { url: '/api/v1/samples/100000003/reject', method: 'POST', body: { reason: 'hemolyzed' } },
      { url: '/api/v1/samples/100000003/results/TOXO_IGG/amend', method: 'POST', body: { value: '12.5', reason: 'transcription' } },
    ])
  })

  it('ask for the QC catalog, a day\'s runs and one run', async () => {
    await lots()
    await qcMaterials()
    await ljChart(4)
    await rejectionRates()
    await runsOn('2026-03-02')
    await runDetail(12)
    expect(calls.map((c) => [c.method, c.url])).toEqual([
      ['GET', '/api/v1/lots'],
      ['GET', '/api/v1/qc/materials'],
      ['GET', '/api/v1/qc/materials/4/chart'],
      ['GET', '/api/v1/qc/rejection-rates'],
      ['GET', '/api/v1/runs?date=2026-03-02'],
      ['GET', '/api/v1/runs/12'],
    ])
  })

  it('send what is done in a run', async () => {
    await putLotInUse(5)
    await openRun(['TOXO_IGG', 'RUB_IGG'])
    await addToRun(12, ['100000003'])
    await enterQC(12, { material_id: 4, value: '1.25' })
    await correctRun(12, 'recalibrated')
    expect(calls).toEqual([
      { url: '/api/v1/lots/5/use', method: 'POST', body: undefined },
      { url: '/api/v1/runs', method: 'POST', body: { analyte_codes: ['TOXO_IGG', 'RUB_IGG'] } },
      { url: '/api/v1/runs/12/samples', method: 'POST', body: { accessions: ['100000003'] } },
      { url: '/api/v1/runs/12/qc', method: 'POST', body: { material_id: 4, value: '1.25' } },
      { url: '/api/v1/runs/12/corrective-action', method: 'POST', body: { action: 'recalibrated' } },
    ])
  })

  it('send the reader\'s OD file with the formula in the query, an empty limit kept', async () => {
    await readPlate(12, { analyte: 'TOXO_IGG', factor: '1', scale: '1', decimals: '2', negative_max: '', positive_min: '1', cutoff_od_min: '0.1', enter: 'true' }, new Blob(['A1,0.5']))
    expect(calls).toEqual([{
      url: '/api/v1/runs/12/plate/od?analyte=TOXO_IGG&factor=1&scale=1&decimals=2&negative_max=&positive_min=1&cutoff_od_min=0.1&enter=true',
      method: 'POST',
      type: 'text/csv',
    }])
    expect(plateCSV(12)).toBe('/api/v1/runs/12/plate.csv')
    await importResults(new Blob(['accession,analyte,value']))
    expect(calls[1]).toEqual({ url: '/api/v1/results/import', method: 'POST', type: 'text/csv' })
  })

  it('page an analyser\'s messages, filtered by answer only when one is chosen', async () => {
    await analyserMessages(2, {})
    await analyserMessages(2, { ack: 'AR', cursor: 'abc=' })
    expect(calls.map((c) => c.url)).toEqual([
      '/api/v1/analysers/2/messages?limit=50',
      '/api/v1/analysers/2/messages?limit=50&ack=AR&cursor=abc%3D',
    ])
  })
})
