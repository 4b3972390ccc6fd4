// Messages to women. The admin records her station's
// phone, sees the reminder switches with what each does, turns one off
// and on again, and rewords the Chinese appointment reminder with the
// station's phone put in from the placeholder list, the preview filled
// with sample values; a wording that would tell a result ("阴性") is
// refused by the server, and its refusal shows under the field naming the
// word. A nurse registers a woman who agrees to text reminders and books
// her for tomorrow: the reminder job (every second here) queues the
// appointment reminder in the new wording, and her page shows it in her
// log, to her masked number. She opts out, told by her counselor: the
// queued message is cancelled at once, with the reason.

import { womansId } from './people.mjs'

// The reminder job runs every second, so that the spec need not wait five minutes.
export const env = { TORCHLAB_JOB_INTERVAL: '1s' }

function addDays(iso, n) {
  const d = new Date(iso + 'T00:00:00Z')
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

async function until(what, fn, ms = 20_000) {
  const end = Date.now() + ms
  for (;;) {
    const got = await fn()
    if (got) return got
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}`)
    await new Promise((ok) => setTimeout(ok, 250))
  }
}

export default async function (t) {
  const adminApi = await t.api('demo.admin')
  const nurseApi = await t.api('nurse.dc')
  const tomorrow = addDays(t.today, 1)
  const stationId = nurseApi.user.station_id

  // The station's phone, which templates may give her to call.
  const admin = await t.page()
  await t.login(admin, 'demo.admin')
  await admin.goto(t.base + '/admin/stations')
  const station = await adminApi.get(`/stations/${stationId}`)
  const row = admin.locator(`[data-test=station-list] .el-table__row:has-text("${station.code}")`)
  await row.locator('[data-test=station-edit]').click()
  await admin.fill('[data-test=station-phone]', '010-6401 1234')
  await admin.click('[data-test=station-save]')
  await row.locator('[data-test=station-phone-cell]:has-text("01064011234")').waitFor()
  t.assert.equal((await adminApi.get(`/stations/${stationId}`)).phone, '01064011234')

  // The switches, each with what it does; all on by default.
  await admin.click('[data-test=nav] >> text=短信提醒')
  await admin.waitForURL('**/admin/messages')
  const switches = admin.locator('[data-test=reminder-switches] li')
  await switches.first().waitFor()
  t.assert.equal(await switches.count(), 5)
  t.assert.match(await admin.textContent('[data-test=switch-report_ready]'), /从不写检测结果/)
  t.assert.equal(await admin.locator('[data-test=reminder-switches] [data-state=on]').count(), 5)
  await admin.click('[data-test=switch-input-report_ready]')
  await admin.waitForSelector('[data-test=switch-report_ready] [data-state=off]')
  t.assert.equal((await adminApi.get('/settings')).reminder_report_ready, 0)
  await admin.click('[data-test=switch-input-report_ready]')
  await admin.waitForSelector('[data-test=switch-report_ready] [data-state=on]')
  t.assert.equal((await adminApi.get('/settings')).reminder_report_ready, 1)

  // The Chinese appointment reminder, reworded with the station's phone
  // put in from the placeholders; the preview fills in sample values.
  const ed = admin.locator('[data-test=tpl-appointment_reminder-zh]')
  t.assert.equal((await ed.locator('[data-test=tpl-state]').textContent()).trim(), '默认内容')
  const body = ed.locator('[data-test=tpl-body]')
  await body.fill('{surname}女士您好：您{date} {time}在{station}有预约，请带身份证按时前来。改期请致电')
  await ed.locator('[data-test=tpl-insert-station_phone]').click()
  t.assert.equal(await body.inputValue(), '{surname}女士您好：您{date} {time}在{station}有预约，请带身份证按时前来。改期请致电{station_phone}')
  await admin.click('[data-test=tpl-station]')
  await admin.click(`.el-select-dropdown__item >> text="${station.code} ${station.name}"`)
  await ed.locator('[data-test=tpl-preview]:has-text("01064011234")').waitFor()
  t.assert.match(await ed.locator('[data-test=tpl-preview]').textContent(), new RegExp(`^王女士您好：您\\d{4}年\\d+月\\d+日 09:30在${station.name}有预约`))
  await ed.locator('[data-test=tpl-save]').click()
  await ed.locator('[data-test=tpl-state]:has-text("已修改")').waitFor()
  await t.shot(admin, 'messages-admin')

  // A wording that would tell her a result: the editor warns as it is
  // typed, and the server's refusal shows under the field, naming the word.
  await body.fill('{name}您好：您的检查结果为阴性，请放心。')
  await ed.locator('[data-test=tpl-problems]:has-text("阴性")').waitFor()
  await ed.locator('[data-test=tpl-save]').click()
  const refusal = ed.locator('.el-form-item__error')
  await refusal.waitFor()
  t.assert.match(await refusal.textContent(), /含有“阴性”：短信不能透露检测结果或检测项目/)
  await t.shot(admin, 'messages-refused')
  const saved = (await adminApi.get('/settings/message-templates')).items.find((x) => x.event === 'appointment_reminder' && x.lang === 'zh')
  t.assert.match(saved.body, /\{station_phone\}$/, 'the refused wording changed nothing')

  // The English one back to its default after a change.
  const en = admin.locator('[data-test=tpl-appointment_reminder-en]')
  await en.locator('[data-test=tpl-body]').fill('Dear {name}, see you at {station} on {date} at {time}.')
  await en.locator('[data-test=tpl-save]').click()
  await en.locator('[data-test=tpl-state]:has-text("已修改")').waitFor()
  await en.locator('[data-test=tpl-reset]').click()
  await admin.click('.el-message-box__btns .el-button--primary')
  await en.locator('[data-test=tpl-state]:has-text("默认内容")').waitFor()
  t.assert.match(await en.locator('[data-test=tpl-body]').inputValue(), /^Dear \{name\}, a reminder of your appointment/)

  // A woman registered with text reminders on, booked for tomorrow.
  const desk = await t.page()
  await t.login(desk, 'nurse.dc')
  await desk.click('[data-test=go-register]')
  await desk.fill('[data-test=reg-name]', '林晓梅')
  await desk.fill('[data-test=reg-national-id]', womansId('1996-04-21'))
  await desk.fill('[data-test=reg-phone]', '13912345678')
  await desk.fill('[data-test=reg-address]', '北京市东城区东四街道 8 号')
  await desk.click('[data-test=reg-cat-planning]')
  await desk.click('[data-test=reg-consent]')
  await desk.click('[data-test=reg-reminders-opt-in]')
  await desk.waitForSelector('[data-test=reg-reminders-lang]')
  await t.shot(desk, 'messages-register')
  await desk.click('[data-test=reg-submit]')
  await desk.waitForURL(/\/nurse\/clients\/\d+\/book/)
  const clientId = Number(desk.url().match(/clients\/(\d+)/)[1])
  t.assert.deepEqual((await nurseApi.get(`/clients/${clientId}`)).reminders, { opt_in: true, lang: 'zh' })
  const slot = desk.locator(`[data-test=slot-day-${tomorrow}] button.slot`).first()
  await slot.click()
  await desk.click('.el-message-box__btns .el-button--primary')
  await desk.waitForURL(`**/nurse/clients/${clientId}`)

  // The job queues her reminder in the new wording; her page shows it.
  const [msg] = await until('her appointment reminder', async () => {
    const { items } = await nurseApi.get(`/messages?client_id=${clientId}`)
    return items.length > 0 && items
  })
  t.assert.equal(msg.event, 'appointment_reminder')
  t.assert.equal(msg.status, 'queued')
  t.assert.equal(msg.phone, '139****5678')
  t.assert.match(msg.text, /^林女士您好：.*改期请致电01064011234$/)
  await desk.reload()
  const line = desk.locator(`[data-test=msg-row][data-id="${msg.id}"]`)
  await line.waitFor()
  t.assert.equal(await line.getAttribute('data-status'), 'queued')
  t.assert.match(await line.textContent(), new RegExp(`预约前一天提醒 · ${tomorrow}`))
  t.assert.equal((await desk.textContent(`[data-test=msg-status-${msg.id}]`)).trim(), '待发送')
  t.assert.equal((await desk.textContent('[data-test=message-log] [data-test=msg-phone]')).trim(), '139****5678')
  t.assert.equal(await desk.getAttribute('[data-test=reminders-state]', 'data-state'), 'in')
  await t.shot(desk, 'messages-her-page')

  // She tells her counselor she wants no more texts: the queued one is
  // cancelled at once, and says why.
  const counsel = await t.page()
  await t.login(counsel, 'counselor.dc')
  await counsel.goto(t.base + `/clients/${clientId}`)
  await counsel.click('[data-test=reminders-edit]')
  await counsel.click('[data-test=reminders-opt-in]')
  await counsel.click('[data-test=reminders-save]')
  await counsel.waitForSelector('.el-message >> text=等待发送的短信已取消')
  await counsel.waitForSelector(`[data-test=msg-row][data-id="${msg.id}"][data-status=cancelled]`)
  t.assert.equal((await counsel.textContent(`[data-test=msg-detail-${msg.id}]`)).trim(), '她已退订短信提醒')
  t.assert.equal(await counsel.getAttribute('[data-test=reminders-state]', 'data-state'), 'out')
  const [after] = (await nurseApi.get(`/messages?client_id=${clientId}`)).items
  t.assert.equal(after.status, 'cancelled')
  t.assert.deepEqual((await nurseApi.get(`/clients/${clientId}`)).reminders, { opt_in: false, lang: 'zh' })
  await t.shot(counsel, 'messages-opted-out')
}
