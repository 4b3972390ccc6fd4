// The reception desk's day, through the UI as nurse.dc: register a new woman
// (a mistyped ID number is caught as it is typed), book her on the calendar
// for today, check her in, record the draw, print the tube's label (the
// label PDF answers), reprint it with a reason, open her page and see the
// tube; pack and dispatch it; after the lab rejects it, book her redraw from
// the redraw list; registering her twice links to her record.

import { womansId } from './people.mjs'

export default async function (t) {
  const nurse = await t.api('nurse.dc')
  const page = await t.page()
  await t.login(page, 'nurse.dc')
  await page.waitForURL('**/nurse/today')
  await page.waitForSelector('[data-test=day-list] .el-table__row')
  t.assert.match(await page.textContent('[data-test=day-counts]'), /待签到 \d+/)
  await t.shot(page, 'nurse-today')

  // Registration: the wrong check digit is named at once, a right number
  // shows her birth date.
  await page.click('[data-test=go-register]')
  await page.waitForURL('**/nurse/register')
  const id = womansId('1995-06-12')
  const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0')
  await page.fill('[data-test=reg-name]', '陈静怡')
  await page.fill('[data-test=reg-national-id]', wrong)
  await page.waitForSelector('.el-form-item__error >> text=校验码错误')
  await page.fill('[data-test=reg-national-id]', id.slice(0, 10))
  // Nothing alarming while she is still typing.
  await page.waitForSelector('.el-form-item__error', { state: 'detached' })
  // A valid number of a woman of 66 is flagged (a mistyped year?), not refused.
  await page.fill('[data-test=reg-national-id]', womansId('1960-01-01'))
  await page.waitForSelector('[data-test=reg-age-flag] >> text=育龄范围')
  // The same number typed in an input method's full-width mode is read as
  // the number.
  const fullWidth = [...id].map((c) => String.fromCharCode(c.charCodeAt(0) - 0x21 + 0xff01)).join('')
  await page.fill('[data-test=reg-national-id]', fullWidth)
  await page.waitForSelector('[data-test=reg-birth] >> text=1995-06-12')
  await page.fill('[data-test=reg-national-id]', id)
  t.assert.match(await page.textContent('[data-test=reg-birth]'), /1995-06-12/)
  t.assert.equal(await page.locator('[data-test=reg-age-flag]').count(), 0)
  await page.fill('[data-test=reg-phone]', '13912345678')
  await page.fill('[data-test=reg-address]', '北京市东城区和平里街道 12 号')
  await page.click('[data-test=reg-cat-planning]')
  await page.click('[data-test=reg-consent]')
  await t.shot(page, 'nurse-register')
  await page.click('[data-test=reg-submit]')

  // Straight on to booking her: today's slot on the calendar.
  await page.waitForURL(/\/nurse\/clients\/\d+\/book/)
  const clientId = Number(page.url().match(/clients\/(\d+)/)[1])
  await page.waitForSelector('[data-test=registered-note]')
  const todaySlot = page.locator(`[data-test=slot-day-${t.today}] button.slot`).first()
  await todaySlot.waitFor()
  await t.shot(page, 'nurse-calendar')
  await todaySlot.click()
  await page.click('.el-message-box__btns .el-button--primary')
  // Booked for today: she lands on the day list, where 签到 is.
  await page.waitForURL('**/nurse/today')
  const [appt] = (await nurse.get(`/appointments?client_id=${clientId}`)).items
  t.assert.equal(appt.date, t.today)

  // Check-in, the draw, and the label offered at once.
  await page.waitForSelector(`[data-test=act-checkIn-${appt.id}]`)
  await page.click(`[data-test=act-checkIn-${appt.id}]`)
  await page.waitForSelector(`[data-test=appt-status-${appt.id}] >> text=已签到`)
  await page.click(`[data-test=act-draw-${appt.id}]`)
  await page.waitForSelector('[data-test=draw-dialog] [data-test=panel-TORCH8]')
  await page.click('[data-test=draw-submit]')
  await page.waitForSelector('.el-message-box >> text=现在打印')
  await page.click('.el-message-box__btns .el-button--primary')
  await page.waitForSelector('[data-test=label-dialog] [data-test=label-codes]')
  const [sample] = (await nurse.get(`/samples?client_id=${clientId}`)).items
  t.assert.equal(sample.status, 'collected')
  t.assert.equal(sample.labels_printed, 0, 'showing the sheet is only a preview')
  t.assert.match(await page.textContent('[data-test=label-codes]'), new RegExp(sample.accession))
  const labelURL = await page.getAttribute('[data-test=label-open]', 'href')
  t.assert.match(labelURL, /^blob:/)
  // The sheet's own address answers a PDF, and looking again asks nothing.
  const answer = await page.evaluate(async (acc) => {
    const r = await fetch(`/api/v1/labels.pdf?accession=${acc}`)
    return { status: r.status, type: r.headers.get('content-type') }
  }, sample.accession)
  t.assert.equal(answer.status, 200)
  t.assert.match(answer.type, /^application\/pdf/)
  // The nurse confirms the labels came out: that is the print.
  await page.click('[data-test=label-confirm]')
  await page.waitForSelector('[data-test=label-dialog]', { state: 'hidden' })
  await page.waitForSelector(`[data-test=appt-status-${appt.id}] >> text=已采血`)
  t.assert.equal(await page.textContent(`[data-test=appt-tube-${appt.id}]`), sample.accession)
  t.assert.equal((await nurse.get(`/samples/${sample.accession}`)).labels_printed, 1, 'the confirmed print is recorded')

  // A reprint shows the sheet at once; confirming it asks for its reason,
  // which the server records.
  await page.click(`[data-test=act-more-${appt.id}]`)
  await page.click(`[data-test=act-reprint-${appt.id}]:visible`)
  await page.waitForSelector('[data-test=label-dialog] [data-test=label-codes]:visible')
  await page.click('[data-test=label-confirm]')
  await page.waitForSelector('.el-message-box >> text=补打原因')
  await page.click('.el-message-box__btns .el-button--primary')
  await page.waitForSelector('.el-message-box >> text=请填写补打原因')
  await page.fill('.el-message-box input', '标签被酒精擦花')
  await page.click('.el-message-box__btns .el-button--primary')
  await page.waitForSelector('[data-test=label-dialog]', { state: 'hidden' })
  const detail = await nurse.get(`/samples/${sample.accession}`)
  t.assert.ok(detail.events.some((e) => e.detail?.includes('标签被酒精擦花')), 'the reprint reason is on the tube\'s record')
  t.assert.equal(detail.labels_printed, 2)

  // Her page: the tube and its state; the full ID number on request.
  await page.click(`[data-test=appt-name-${appt.id}]`)
  await page.waitForURL(`**/nurse/clients/${clientId}`)
  await page.waitForSelector(`[data-test=client-sample-status-${sample.accession}] >> text=已采血`)
  // The panel by its name, not its code.
  await page.waitForSelector('[data-test=client-samples] >> text=TORCH八项（IgG/IgM）')
  t.assert.doesNotMatch(await page.textContent('[data-test=client-samples]'), /TORCH8/)
  t.assert.match(await page.textContent('[data-test=client-national-id]'), /\*/)
  await page.click('[data-test=reveal-national-id]')
  await page.waitForSelector(`[data-test=client-national-id] >> text=${id}`)
  await t.shot(page, 'nurse-client')

  // A mistyped detail is corrected from her page: a wrong ID number is
  // caught before sending; only what changed is sent, and audited.
  await page.click('[data-test=client-edit]')
  await page.fill('[data-test=edit-national-id]', wrong)
  await page.waitForSelector('[data-test=edit-dialog] .el-form-item__error >> text=校验码错误')
  await page.click('[data-test=edit-save]')
  await page.waitForSelector('[data-test=edit-dialog]', { state: 'visible' })
  await page.fill('[data-test=edit-national-id]', '')
  await page.fill('[data-test=edit-address]', '北京市东城区和平里街道 21 号')
  await page.click('[data-test=edit-save]')
  await page.waitForSelector('[data-test=client-details] >> text=和平里街道 21 号')
  const fixed = await nurse.get(`/clients/${clientId}`)
  t.assert.equal(fixed.address, '北京市东城区和平里街道 21 号')
  const admin = await t.api('demo.admin')
  const trail = (await admin.get(`/audit?entity=client&entity_id=${clientId}`)).items
  t.assert.ok(trail.some((e) => e.action === 'client.update'), 'the correction is audited')

  // Her tube goes to the lab: packed, then dispatched.
  await page.click('[data-test=nav] >> text=送检')
  await page.waitForSelector(`[data-test=ship-tube-${sample.accession}]`)
  await page.locator('[data-test=ship-waiting] .el-table__row', { hasText: sample.accession }).locator('.el-checkbox').click()
  await page.click('[data-test=ship-pack]')
  const dispatch = page.locator('[data-test^=ship-dispatch-]').first()
  await dispatch.waitFor()
  const shipmentId = (await dispatch.getAttribute('data-test')).split('-').pop()
  await dispatch.click()
  await page.waitForSelector(`[data-test=ship-status-${shipmentId}] >> text=已发出`)
  t.assert.equal((await nurse.get(`/samples/${sample.accession}`)).status, 'shipped')
  await t.shot(page, 'nurse-shipments')

  // The lab rejects it: she is on the redraw list with the reason, and the
  // redraw is booked from there.
  const tech = await t.api('tech')
  await tech.post(`/samples/${sample.accession}/reject`, { reason: 'hemolyzed' })
  await page.click('[data-test=nav] >> text=待重采')
  const redraw = page.locator('[data-test=recollections] .el-table__row', { hasText: '陈静怡' })
  await redraw.waitFor()
  t.assert.match(await redraw.textContent(), /溶血/)
  await t.shot(page, 'nurse-recollections')
  await redraw.locator('[data-test^=recollection-book-]').click()
  await page.waitForURL(/book\?recollection=\d+/)
  await page.locator('[data-test=slot-calendar] button.slot').last().click()
  await page.click('.el-message-box__btns .el-button--primary')
  // Her page after a later day's booking (the day list after today's).
  await page.waitForURL((u) => u.pathname === '/nurse/today' || u.pathname === `/nurse/clients/${clientId}`)
  if (!page.url().includes('/clients/')) await page.goto(t.base + `/nurse/clients/${clientId}`)
  await page.waitForSelector('[data-test=client-appointments] >> text=重采')
  await page.waitForSelector(`[data-test=client-sample-status-${sample.accession}] >> text=已拒收`)

  // The same number again: said so, with a link to her record.
  await page.click('[data-test=nav] >> text=登记')
  await page.fill('[data-test=reg-name]', '陈静怡')
  await page.fill('[data-test=reg-national-id]', id)
  await page.fill('[data-test=reg-phone]', '13912345678')
  await page.fill('[data-test=reg-address]', '北京市东城区')
  await page.click('[data-test=reg-cat-newlywed]')
  await page.click('[data-test=reg-consent]')
  await page.click('[data-test=reg-submit]')
  await page.waitForSelector('[data-test=register-refusal] >> text=该身份证号已登记')
  await page.click('[data-test=existing-client]')
  await page.waitForURL(`**/nurse/clients/${clientId}`)
  await page.waitForSelector('[data-test=client-name] >> text=陈静怡')
}
