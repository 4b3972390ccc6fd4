import { describe, expect, it } from 'vitest'
import { correctOutcome, logContact, pregnanciesOf, recordOutcome, recordPregnancy, recordVaccination, worklist } from './endpoints'
import { recordFetch } from '../shared/recordFetch'

const calls = recordFetch()

describe('the pregnancy endpoints', () => {
  it('ask for the worklist due today, or with the tasks to come, and for one station only when one is chosen', async () => {
    await worklist({ limit: 200, due: true })
    await worklist({ limit: 200, due: false, stationId: 3 })
    await pregnanciesOf(7)
    expect(calls.map((c) => [c.method, c.url])).toEqual([
      ['GET', '/api/v1/pregnancies?limit=200&due=true'],
      ['GET', '/api/v1/pregnancies?limit=200&station_id=3'],
      ['GET', '/api/v1/clients/7/pregnancies'],
    ])
  })

  it('record an outcome with POST and correct it with PUT', async () => {
    await recordOutcome(5, { outcome: 'live_birth', date: '2026-09-01', defects: [] })
    await correctOutcome(5, { outcome: 'stillbirth', date: '2026-09-01', defects: [], reason: 'typo' })
    expect(calls).toEqual([
      { url: '/api/v1/pregnancies/5/outcome', method: 'POST', body: { outcome: 'live_birth', date: '2026-09-01', defects: [] } },
      { url: '/api/v1/pregnancies/5/outcome', method: 'PUT', body: { outcome: 'stillbirth', date: '2026-09-01', defects: [], reason: 'typo' } },
    ])
  })

  it('send what is recorded about her to her routes', async () => {
    await recordPregnancy(7, { lmp_date: '2026-01-10', source: 'self_report' })
    await logContact(5, { task: 'early_contact', channel: 'phone', result: 'reached', note: '' })
    await recordVaccination(7, { vaccine: 'rubella', given_on: '2026-03-02', pregnancy_excluded: true, note: '' })
    expect(calls).toEqual([
      { url: '/api/v1/clients/7/pregnancies', method: 'POST', body: { lmp_date: '2026-01-10', source: 'self_report' } },
      { url: '/api/v1/pregnancies/5/contacts', method: 'POST', body: { task: 'early_contact', channel: 'phone', result: 'reached', note: '' } },
      { url: '/api/v1/clients/7/vaccinations', method: 'POST', body: { vaccine: 'rubella', given_on: '2026-03-02', pregnancy_excluded: true, note: '' } },
    ])
  })
})
