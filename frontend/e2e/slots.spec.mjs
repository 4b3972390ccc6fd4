// Slots and the eligibility check, through the UI. As demo.admin on 预约时段:
// Enter in a half-typed start time sends nothing; a slot's places are
// changed (never under those booked, said in words), it is closed and
// reopened, and an empty slot is deleted while a booked one offers no
// delete. As nurse.dc: a woman without consent is refused with the reason
// in words and never sees the calendar; the nurse records her consent
// there and the calendar opens. A woman with an open booking is refused
// with that reason. Consent is also recorded in 更正信息.

import { womansId } from './people.mjs'

export default async function (t) {
  const admin = await t.api('demo.admin')
  const nurse = await t.api('nurse.dc')
  const stationId = nurse.user.station_id
  t.assert.ok(stationId, 'nurse.dc belongs to a station')
  const station = (await admin.get('/stations')).items.find((s) => s.id === stationId)
  const day = addDays(t.today, 10)
  const busy = await admin.post(`/stations/${stationId}/slots`, { date: day, start: '06:07', capacity: 3 })
  const empty = await admin.post(`/stations/${stationId}/slots`, { date: day, start: '06:37', capacity: 3 })
  const register = (name, birth, consent) => nurse.post('/clients', {
    name, national_id: womansId(birth), phone: '13800138000', address: '北京市东城区安定门街道 3 号',
    category: 'planning', consent: consent ? { given: true, text_version: 'v1' } : { given: false },
  })
  const booked = []
  for (const [name, birth] of [['时段甲', '1994-02-11'], ['时段乙', '1995-03-12']]) {
    const c = await register(name, birth, true)
    await nurse.post('/appointments', { client_id: c.id, slot_id: busy.id })
    booked.push(c)
  }

  const page = await t.page()
  await t.login(page, 'demo.admin')
  await page.goto(t.base + '/admin/slots')
  await pick(page, '[data-test=slots-station]', station.code)
  const busyRow = `[data-test="slot-row-${day}-06:07"]`
  const emptyRow = `[data-test="slot-row-${day}-06:37"]`
  await page.waitForSelector(busyRow)

  // Enter in a start time still being typed creates nothing.
  const tomorrow = addDays(t.today, 1)
  const before = (await admin.get(`/stations/${stationId}/slots?from=${tomorrow}&to=${tomorrow}`)).items.length
  await page.click('[data-test=slot-tabs] >> text=单个时段')
  await page.fill('[data-test=slot-start]', '8')
  await page.press('[data-test=slot-start]', 'Enter')
  await page.waitForSelector('[data-test=slot-incomplete]')
  t.assert.equal((await admin.get(`/stations/${stationId}/slots?from=${tomorrow}&to=${tomorrow}`)).items.length, before, 'Enter made no slot')

  // Places: one under the two booked is refused in words; two is saved.
  await setCapacity(page, busyRow, '1')
  await page.waitForSelector('.el-message >> text=可约人数不能少于已约人数')
  t.assert.equal((await slotOf(admin, stationId, day, '06:07')).capacity, 3)
  await setCapacity(page, busyRow, '2')
  await page.waitForSelector(`${busyRow} >> xpath=ancestor::tr >> [data-test=slot-booked] >> text=2 / 2`)
  t.assert.equal((await slotOf(admin, stationId, day, '06:07')).capacity, 2)
  // A booked slot offers no delete.
  t.assert.equal(await page.locator(`${busyRow} [data-test=slot-delete]`).count(), 0)

  // Close and reopen.
  await page.click(`${busyRow} [data-test=slot-close]`)
  await page.waitForSelector(`${busyRow} [data-test=slot-reopen]`)
  t.assert.equal((await slotOf(admin, stationId, day, '06:07')).closed, true)
  await page.click(`${busyRow} [data-test=slot-reopen]`)
  await page.waitForSelector(`${busyRow} [data-test=slot-close]`)
  t.assert.equal((await slotOf(admin, stationId, day, '06:07')).closed, false)

  // Close the empty slot, then delete it.
  await page.click(`${emptyRow} [data-test=slot-delete]`)
  await page.click('.el-message-box__btns .el-button--primary')
  await page.waitForSelector(emptyRow, { state: 'detached' })
  t.assert.equal(await slotOf(admin, stationId, day, '06:37'), undefined)
  await t.shot(page, 'slots-admin')
  void empty

  // A woman without consent never reaches the calendar until it is recorded.
  const refused = await register('未同意', '1996-04-13', false)
  const np = await t.page()
  await t.login(np, 'nurse.dc')
  await np.goto(`${t.base}/nurse/clients/${refused.id}/book`)
  await np.waitForSelector('[data-test=book-ineligible] [data-test=reason-no_consent] >> text=尚未同意')
  t.assert.equal(await np.locator('[data-test=slot-calendar]').count(), 0)
  await t.shot(np, 'slots-refused')
  await np.click('[data-test=book-record-consent]')
  await np.waitForSelector('[data-test=slot-calendar]')
  t.assert.equal(await np.locator('[data-test=book-ineligible]').count(), 0)
  const after = await nurse.get(`/clients/${refused.id}`)
  t.assert.equal(after.consent.given, true)
  t.assert.equal(after.consent.text_version, 'v1')

  // A woman with an open booking: that reason, and no consent button.
  await np.goto(`${t.base}/nurse/clients/${booked[0].id}/book`)
  await np.waitForSelector('[data-test=reason-open_appointment_exists] >> text=未完成的预约')
  t.assert.equal(await np.locator('[data-test=book-record-consent]').count(), 0)
  t.assert.equal(await np.locator('[data-test=slot-calendar]').count(), 0)

  // Consent can also be recorded in 更正信息 on her page.
  const later = await register('后补同意', '1997-05-14', false)
  await np.goto(`${t.base}/nurse/clients/${later.id}`)
  await np.waitForSelector('text=未记录同意')
  await np.click('[data-test=client-edit]')
  await np.click('[data-test=edit-consent]')
  await np.click('[data-test=edit-save]')
  await np.waitForSelector('text=已同意（文本 v1')
  t.assert.equal((await nurse.get(`/clients/${later.id}`)).consent.given, true)
}

async function setCapacity(page, row, value) {
  await page.click(`${row} [data-test=slot-edit-capacity]`)
  const input = page.locator('.el-message-box input')
  await input.fill(value)
  await page.click('.el-message-box__btns .el-button--primary')
  await page.locator('.el-message-box').waitFor({ state: 'hidden' })
}

async function slotOf(api, stationId, day, start) {
  return (await api.get(`/stations/${stationId}/slots?from=${day}&to=${day}`)).items.find((s) => s.start === start)
}

// pick opens an Element Plus select and clicks the visible option.
async function pick(page, selector, option) {
  await page.click(selector)
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: option }).first().click()
}

function addDays(date, n) {
  const d = new Date(date + 'T00:00:00Z')
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}
