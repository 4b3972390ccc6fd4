import { describe, expect, it } from 'vitest'
import { printable, rowActions } from './nextActions'
import type { Sample } from './types'

const tube = (over: Partial<Sample> = {}): Sample => ({
  accession: 'A1', client_id: 1, appointment_id: 1, station_id: 1, panel: 'TORCH8', kind: 'screening', status: 'collected',
  collected_at: '2026-03-02T01:00:00Z', labels_printed: 0, report_version: 0, abnormal: false, ...over,
})

describe('rowActions', () => {
  it('a booked woman is checked in first; she may also move or cancel, and once her slot has started, be marked missing', () => {
    const row = { status: 'booked' as const, date: '2026-03-02', start: '09:00' }
    expect(rowActions(row, undefined, new Date('2026-03-02T08:59:00'))).toEqual({ primary: 'checkIn', others: ['reschedule', 'cancel'] })
    expect(rowActions(row, undefined, new Date('2026-03-02T09:00:00'))).toEqual({ primary: 'checkIn', others: ['reschedule', 'noShow', 'cancel'] })
  })
  it('after check-in comes the draw', () => {
    expect(rowActions({ status: 'checked_in' })).toEqual({ primary: 'draw', others: ['cancel'] })
  })
  it('after the draw, the label; a printed label is reprinted only on purpose', () => {
    expect(rowActions({ status: 'collected' }, tube())).toEqual({ primary: 'print', others: ['zpl'] })
    expect(rowActions({ status: 'collected' }, tube({ labels_printed: 1 }))).toEqual({ primary: null, others: ['reprint', 'zpl'] })
  })
  it('a collected row whose tube is not loaded, or has left the station, offers nothing to print', () => {
    expect(rowActions({ status: 'collected' })).toEqual({ primary: null, others: [] })
    expect(rowActions({ status: 'collected' }, tube({ status: 'shipped' }))).toEqual({ primary: null, others: [] })
    expect(rowActions({ status: 'collected' }, tube({ status: 'rejected' }))).toEqual({ primary: null, others: [] })
  })
  it('a cancelled or missed appointment can be booked again', () => {
    expect(rowActions({ status: 'cancelled' }).others).toEqual(['rebook'])
    expect(rowActions({ status: 'no_show' }).others).toEqual(['rebook'])
  })
})

describe('printable', () => {
  it('only tubes still at the station', () => {
    expect(printable({ status: 'collected' }, tube())).toBe(true)
    expect(printable({ status: 'collected' }, tube({ status: 'shipped' }))).toBe(false)
    expect(printable({ status: 'collected' }, undefined)).toBe(false)
    expect(printable({ status: 'checked_in' }, tube())).toBe(false)
  })
})
