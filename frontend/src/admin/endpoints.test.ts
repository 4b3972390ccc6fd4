import { describe, expect, it } from 'vitest'
import {
  addKit, analysers, analytes, audit, calendar, createAnalyser, createSlot, createSlots, createStation, createUser, deleteSlot, reassignCase,
  resetPassword, safetyNet, saveCalendar, saveSettings, settingRules, settings, slots, stationCounselors, summary, summaryFileURL,
  updateAnalyser, updateSlot, updateStation, updateUser, users,
} from './endpoints'
import { recordFetch } from '../shared/recordFetch'

const calls = recordFetch()

describe('the administration endpoints', () => {
  it('ask for users by the filters chosen, leaving out those not chosen', async () => {
    await users({ limit: 100, role: '', stationId: undefined, active: true })
    await users({ limit: 100, role: 'nurse', stationId: 3, active: false, cursor: 'c1' })
    await users({ limit: 200 })
    await stationCounselors(4)
    expect(calls).toEqual([
      { method: 'GET', url: '/api/v1/users?limit=100&active=true' },
      { method: 'GET', url: '/api/v1/users?limit=100&role=nurse&station_id=3&active=false&cursor=c1' },
      { method: 'GET', url: '/api/v1/users?limit=200' },
      { method: 'GET', url: '/api/v1/users?limit=200&role=counselor&station_id=4&active=true' },
    ])
  })

  it('create and change users, a password reset being a change of password only', async () => {
    await createUser({ username: 'amy', password: 'pw', role: 'nurse', station_id: 2, display_name: 'Amy' })
    await updateUser(7, { display_name: 'Amy L', role: 'nurse', active: false })
    await resetPassword(7, 'new-pw')
    expect(calls).toEqual([
      { method: 'POST', url: '/api/v1/users', body: { username: 'amy', password: 'pw', role: 'nurse', station_id: 2, display_name: 'Amy' } },
      { method: 'PATCH', url: '/api/v1/users/7', body: { display_name: 'Amy L', role: 'nurse', active: false } },
      { method: 'PATCH', url: '/api/v1/users/7', body: { password: 'new-pw' } },
    ])
  })

  it('create and change stations', async () => {
    await createStation({ code: 'DC', name: '东城', timezone: 'Asia/Shanghai', phone: '' })
    await updateStation(2, { active: false })
    expect(calls).toEqual([
      { method: 'POST', url: '/api/v1/stations', body: { code: 'DC', name: '东城', timezone: 'Asia/Shanghai', phone: '' } },
      { method: 'PATCH', url: '/api/v1/stations/2', body: { active: false } },
    ])
  })

  it('list, make, change and delete a station\'s slots', async () => {
    await slots(3, '2026-03-02', '2026-03-15')
    await createSlot(3, { date: '2026-03-02', start: '08:00', capacity: 10 })
    await createSlots(3, { from: '2026-03-02', to: '2026-03-29', weekdays: [1, 3], times: ['08:00'], capacity: 5 })
    await updateSlot(9, { capacity: 12 })
    await updateSlot(9, { closed: true })
    expect(await deleteSlot(9)).toBe(true)
    expect(calls).toEqual([
      { method: 'GET', url: '/api/v1/stations/3/slots?from=2026-03-02&to=2026-03-15' },
      { method: 'POST', url: '/api/v1/stations/3/slots', body: { date: '2026-03-02', start: '08:00', capacity: 10 } },
      { method: 'POST', url: '/api/v1/stations/3/slots', body: { from: '2026-03-02', to: '2026-03-29', weekdays: [1, 3], times: ['08:00'], capacity: 5 } },
      { method: 'PATCH', url: '/api/v1/slots/9', body: { capacity: 12 } },
      { method: 'PATCH', url: '/api/v1/slots/9', body: { closed: true } },
      { method: 'DELETE', url: '/api/v1/slots/9' },
    ])
  })

  it('read the analytes and add a kit version, an empty cut-off sent as null', async () => {
    await analytes()
    await addKit('TOXO_IGG', { kit: 'K2', unit: 'IU/mL', negative_below: 4, positive_from: null, effective_from: '2026-03-01' })
    expect(calls).toEqual([
      { method: 'GET', url: '/api/v1/analytes' },
      { method: 'POST', url: '/api/v1/analytes/TOXO_IGG/kits', body: { kit: 'K2', unit: 'IU/mL', negative_below: 4, positive_from: null, effective_from: '2026-03-01' } },
    ])
  })

  it('list, create and change analysers', async () => {
    await analysers()
    await createAnalyser({ name: 'A1', protocol: 'astm', sender_id: 'CX', code_map: { T1: 'TOXO_IGG' } })
    await updateAnalyser(5, { name: 'A1', active: false })
    expect(calls).toEqual([
      { method: 'GET', url: '/api/v1/analysers' },
      { method: 'POST', url: '/api/v1/analysers', body: { name: 'A1', protocol: 'astm', sender_id: 'CX', code_map: { T1: 'TOXO_IGG' } } },
      { method: 'PATCH', url: '/api/v1/analysers/5', body: { name: 'A1', active: false } },
    ])
  })

  it('read and save the rules and the working calendar', async () => {
    await settingRules()
    await settings()
    await saveSettings({ due_hours_urgent: 24 })
    await calendar()
    await saveCalendar({ holidays: ['2026-10-01'], workdays: [] })
    expect(calls).toEqual([
      { method: 'GET', url: '/api/v1/settings/rules' },
      { method: 'GET', url: '/api/v1/settings' },
      { method: 'PUT', url: '/api/v1/settings', body: { due_hours_urgent: 24 } },
      { method: 'GET', url: '/api/v1/settings/calendar' },
      { method: 'PUT', url: '/api/v1/settings/calendar', body: { holidays: ['2026-10-01'], workdays: [] } },
    ])
  })

  it('page the audit log by the filters written, escaped', async () => {
    await audit({ entity: '', entity_id: '', actor: '' })
    await audit({ entity: 'user', entity_id: '7', actor: 'admin & co', cursor: 'next' })
    expect(calls).toEqual([
      { method: 'GET', url: '/api/v1/audit?limit=50' },
      { method: 'GET', url: '/api/v1/audit?limit=50&entity=user&entity_id=7&actor=admin+%26+co&cursor=next' },
    ])
  })

  it('ask for the summary of a range, every station when none is chosen, and link its files', async () => {
    await summary({ from: '2026-01-01', to: '2026-01-31' })
    await summary({ from: '2026-01-01', to: '2026-01-31', stationId: 3 })
    expect(calls).toEqual([
      { method: 'GET', url: '/api/v1/reports/summary?from=2026-01-01&to=2026-01-31' },
      { method: 'GET', url: '/api/v1/reports/summary?from=2026-01-01&to=2026-01-31&station_id=3' },
    ])
    expect(summaryFileURL('csv', { from: '2026-01-01', to: '2026-01-31', stationId: 0 })).toBe('/api/v1/reports/summary.csv?from=2026-01-01&to=2026-01-31')
    expect(summaryFileURL('xlsx', { from: '2026-01-01', to: '2026-01-31', stationId: 3 })).toBe('/api/v1/reports/summary.xlsx?from=2026-01-01&to=2026-01-31&station_id=3')
  })

  it('read the safety net and give a case to a counselor', async () => {
    await safetyNet()
    await reassignCase(12, 9)
    expect(calls).toEqual([
      { method: 'GET', url: '/api/v1/followups/safety-net' },
      { method: 'PATCH', url: '/api/v1/followups/12', body: { assignee_id: 9 } },
    ])
  })
})
