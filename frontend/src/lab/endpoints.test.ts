import { beforeEach, describe, expect, it, vi } from 'vitest'
import { amend, awaitingAmendment, awaitingResults, incomingShipments, reject } from './endpoints'

const calls: { url: string; method?: string; body?: unknown }[] = []
beforeEach(() => {
  calls.length = 0
  vi.stubGlobal('document', { cookie: 'torchlab_csrf=t' })
  vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
    calls.push({ url, method: init?.method, body: init?.body ? JSON.parse(String(init.body)) : undefined })
    return new Response(JSON.stringify({ items: [] }), { status: 200, headers: { 'Content-Type': 'application/json' } })
  }))
})

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
})
