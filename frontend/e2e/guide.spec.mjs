// Pictures for the staff guide (docs/guide/) that the other specs do not
// take, or take before the screen has settled: the sign-in page, an
// abnormal sample verified, the notifications bell opened, a mistyped ID
// number, a full slot on the calendar, a tube rejected, a result amended
// and its verification, the nurse's day with the redraw banner, the rules
// page, an administrator resetting a password, and one screen in English.
// Each picture asserts what it shows.

import { womansId } from './people.mjs'

function addDays(iso, n) {
  const d = new Date(iso + 'T00:00:00Z')
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

async function register(nurse, name, birth) {
  return nurse.post('/clients', {
    name, national_id: womansId(birth), phone: '13800138000', address: '北京市东城区安定门街道 3 号',
    category: 'planning', consent: { given: true, text_version: 'v1' },
  })
}

export default async function (t) {
  const nurse = await t.api('nurse.dc')
  const tech = await t.api('tech')
  const admin = await t.api('demo.admin')

  // Everyone: the sign-in page.
  const page = await t.page()
  await page.goto(t.base + '/login')
  await page.waitForSelector('h1:has-text("登录")')
  await t.shot(page, 'guide-login')

  // Two of today's women drawn: one released with an IgM positive (a case
  // for the counselor), one for the lab to reject.
  const booked = (await nurse.get(`/appointments?date=${t.today}&status=booked`)).items
  t.assert.ok(booked.length >= 2, 'the demo books at least two women for today')
  const drawn = []
  for (const a of booked.slice(0, 2)) {
    await nurse.post(`/appointments/${a.id}/check-in`)
    const s = await nurse.post(`/appointments/${a.id}/samples`, {})
    drawn.push({ acc: s.accession, name: a.client_name })
  }
  const [abn, bad] = drawn
  await tech.post(`/samples/${abn.acc}/receive`)
  const analytes = (await tech.get('/analytes')).items
  await tech.put(`/samples/${abn.acc}/results`, {
    results: analytes.filter((a) => a.active_kit).map((a) => ({
      analyte: a.code, value: a.code === 'TOXO_IGM' ? a.active_kit.positive_from * 3 : a.active_kit.negative_below / 2,
    })),
  })
  // The second technician verifies it in the browser: the abnormal alert
  // and its acknowledgement (the tags given time to finish zooming in).
  const lab2 = await t.page()
  await t.login(lab2, 'tech2')
  await lab2.goto(t.base + '/lab/verify')
  await lab2.click(`[data-test=queue-${abn.acc}]`)
  await lab2.waitForSelector(`[data-test=verify-detail][data-accession="${abn.acc}"] [data-test=abnormal-alert]`)
  t.assert.match(await lab2.textContent('[data-test=abnormal-alert]'), /弓形虫/)
  t.assert.ok(await lab2.isDisabled('[data-test=verify]'))
  await lab2.waitForTimeout(600)
  await t.shot(lab2, 'guide-verify')
  await lab2.click('[data-test=ack-abnormal]')
  await lab2.click('[data-test=verify]')
  await lab2.waitForSelector('[data-test=verify-empty]')
  t.assert.equal((await tech.get(`/samples/${abn.acc}`)).status, 'released')

  // The bell: the counselor's new case, listed (unread) when the bell is opened.
  await t.login(page, 'counselor.dc')
  await page.waitForURL('**/counsel/queue')
  await page.waitForSelector('[data-test=unread] sup:not([style*="display: none"])')
  await page.click('[data-test=bell]')
  await page.waitForSelector('.el-drawer__header:has-text("通知")')
  // Newest first: her new case, unread, above the demo's older ones.
  const newCase = (await (await t.api('counselor.dc')).get('/followups?assignee=me')).items.find((c) => c.sample_accession === abn.acc)
  t.assert.equal((await page.locator('[data-test=notifications] li.unread div').first().textContent()).trim(), `新的随访个案已分配给您 #${newCase.id}`)
  await page.waitForTimeout(500) // the drawer slides in
  await t.shot(page, 'guide-bell')
  await page.keyboard.press('Escape')
  await page.click('[data-test=sign-out]')
  await page.waitForURL('**/login')

  // A mistyped ID number: the wrong check character is named at once.
  await t.login(page, 'nurse.dc')
  await page.waitForURL('**/nurse/today')
  await page.click('[data-test=go-register]')
  await page.waitForURL('**/nurse/register')
  const id = womansId('1996-03-08')
  await page.fill('[data-test=reg-name]', '王小红')
  await page.fill('[data-test=reg-national-id]', id.slice(0, 17) + (id[17] === '0' ? '1' : '0'))
  await page.waitForSelector('.el-form-item__error >> text=校验码错误')
  await t.shot(page, 'guide-register-id-error')

  // A full slot: one place tomorrow, taken; the calendar shows it full.
  const station = nurse.user.station_id
  const tomorrow = addDays(t.today, 1)
  const slot = await admin.post(`/stations/${station}/slots`, { date: tomorrow, start: '06:10', capacity: 1 })
  const first = await register(nurse, '刘晓梅', '1994-02-11')
  await nurse.post('/appointments', { client_id: first.id, slot_id: slot.id })
  const second = await register(nurse, '赵丽娜', '1993-07-21')
  await page.goto(t.base + `/nurse/clients/${second.id}/book`)
  await page.waitForSelector(`[data-test=slot-closed-${slot.id}] >> text=已满`)
  await t.shot(page, 'guide-calendar-full')

  // The lab rejects a tube it has received: reason chosen in the dialog.
  const lab = await t.page()
  await t.login(lab, 'tech')
  await lab.waitForURL('**/lab/receive')
  await lab.waitForSelector('[data-test=scan-input]')
  await lab.keyboard.type(bad.acc + '\n')
  await lab.waitForSelector(`[data-test=scan-flash][data-outcome=received] >> text=${bad.acc}`)
  await lab.click(`[data-test=reject-${bad.acc}]`)
  await lab.waitForSelector('[data-test=reject-dialog] .el-dialog__title:has-text("拒收试管")')
  await lab.click('[data-test=reject-reason]')
  await lab.click('[data-test=reject-reason-hemolyzed]')
  await lab.waitForTimeout(400)
  await t.shot(lab, 'guide-reject-dialog')
  await lab.click('[data-test=reject-submit]')
  await lab.waitForSelector('[data-test=scan-flash][data-outcome=rejected]')
  t.assert.equal((await tech.get(`/samples/${bad.acc}`)).status, 'rejected')

  // A wrong released result: amended with a reason by one technician ...
  await lab.click('[data-test=nav] >> text=更正结果')
  await lab.waitForURL('**/lab/amend')
  await lab.fill('[data-test=amend-find]', abn.acc)
  await lab.press('[data-test=amend-find]', 'Enter')
  await lab.click('[data-test=amend-TOXO_IGM]')
  // The dialog first: filling while it still opens can type into the
  // field that had the focus.
  await lab.waitForSelector('[data-test=amend-dialog] .el-dialog__title:has-text("更正")')
  await lab.waitForFunction(() => document.activeElement?.closest('[data-test=amend-value]') != null)
  await lab.fill('[data-test=amend-value]', '5')
  await lab.fill('[data-test=amend-reason]', '仪器复测结果不同')
  t.assert.equal(await lab.inputValue('[data-test=amend-value]'), '5')
  await t.shot(lab, 'guide-amend')
  await lab.click('[data-test=amend-submit]')
  await lab.waitForSelector('[data-test=amend-pending]')

  // ... and verified by the other, as the next report version.
  await lab2.fill('[data-test=verify-find]', abn.acc)
  await lab2.press('[data-test=verify-find]', 'Enter')
  await lab2.waitForSelector('[data-test=amendment] >> text=第 2 版报告')
  t.assert.match(await lab2.textContent('[data-test=amended-from]'), /原结果 .*（阳性）.*仪器复测结果不同/)
  await lab2.waitForTimeout(600)
  await t.shot(lab2, 'guide-verify-amendment')

  // The administrator: the rules (the lost-to-follow-up numbers) and a
  // password reset.
  const adm = await t.page()
  await t.login(adm, 'demo.admin')
  await adm.goto(t.base + '/admin/settings')
  const attempts = adm.locator('[data-test=setting-input-lost_min_unreached_attempts] input')
  await attempts.waitFor()
  t.assert.equal(await attempts.inputValue(), '3')
  t.assert.equal(await adm.locator('[data-test=setting-input-lost_min_distinct_days] input').inputValue(), '2')
  await t.shot(adm, 'guide-settings')
  await adm.click('[data-test=nav] >> text=用户')
  await adm.waitForURL('**/admin/users')
  const row = adm.locator('[data-test=user-list] .el-table__row', { hasText: 'nurse.dc' })
  await row.locator('[data-test=user-reset]').click()
  await adm.waitForSelector('.el-dialog__title:has-text("重置 nurse.dc 的密码")')
  await adm.click('.el-dialog .el-input-group__append button')
  await adm.waitForTimeout(400)
  t.assert.ok((await adm.inputValue('[data-test=reset-password]')).length >= 8)
  await t.shot(adm, 'guide-reset-password')
  await adm.keyboard.press('Escape')

  // The nurse's day once tubes are drawn, one released and one rejected
  // (the redraw banner), after the list has finished loading.
  const day = await t.page()
  await t.login(day, 'nurse.dc')
  await day.waitForURL('**/nurse/today')
  await day.waitForSelector('[data-test=redraw-banner]')
  await day.waitForSelector(`[data-test=day-list] >> text=${bad.acc}`)
  t.assert.match(await day.textContent('[data-test=day-counts]'), /已采血 2/)
  await day.waitForFunction(() => ![...document.querySelectorAll('.el-loading-mask')].some((m) => m.offsetParent !== null))
  await day.waitForTimeout(500)
  await t.shot(day, 'guide-nurse-today')

  // English: the nurse's day, as chosen with the language switch.
  const en = await t.page()
  await en.addInitScript(() => localStorage.setItem('torchlab.lang', 'en'))
  await t.login(en, 'nurse.dc')
  await en.waitForURL('**/nurse/today')
  await en.waitForSelector('[data-test=nav] >> text=Today')
  await en.waitForSelector('[data-test=day-list] .el-table__row')
  t.assert.match(await en.textContent('[data-test=day-counts]'), /To check in \d+/)
  // The list reloads once the redraw count is in: wait for its mask to go.
  await en.waitForFunction(() => ![...document.querySelectorAll('.el-loading-mask')].some((m) => m.offsetParent !== null))
  await en.waitForTimeout(500)
  await t.shot(en, 'guide-en-nurse-today')
}
