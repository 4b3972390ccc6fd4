// The programme administrator's day: the dashboard's figures and charts,
// a new station with a nurse, a woman found across stations, a fortnight
// of slots, a new kit version
// (refused first for cut-offs the wrong way round), a changed rule found in
// the audit log, and the safety net clear even when a counselor leaves.

import { womansId } from './people.mjs'

export default async function (t) {
  const admin = await t.api('demo.admin')
  // The demo screened two women in the past (within the dashboard's
  // months): today's release is counted on top of theirs. (Counted from
  // the samples: asking for the summary here would keep its figures from
  // before the release for the dashboard's first minute.)
  const before = (await admin.get('/samples?status=released&limit=200')).items.length
  const sample = await releaseAbnormalSample(t)

  const page = await t.page()
  await t.login(page, 'demo.admin')
  await page.waitForURL('**/admin/dashboard')

  // Dashboard: today's released sample is counted, the charts are drawn.
  await page.waitForFunction((n) => document.querySelector('[data-test=fig-screened] .value')?.textContent?.trim() === String(n), before + 1)
  t.assert.equal(await text(page, '[data-test=fig-released] .value'), String(before + 1))
  t.assert.ok(Number(await text(page, '[data-test=fig-positives] .value')) >= 1)
  t.assert.match(await text(page, '[data-test=fig-positives]'), /阳性结果/)
  await page.waitForSelector('[data-test=chart-positivity] canvas')
  t.assert.equal(await page.locator('[data-test^=chart-] canvas').count(), 3)
  t.assert.match(await text(page, '[data-test=dash-stations]'), /DC01/)
  const csv = await page.getAttribute('[data-test=dash-csv]', 'href')
  t.assert.match(csv, new RegExp(`^/api/v1/reports/summary\\.csv\\?from=\\d{4}-\\d{2}-01&to=${t.today}$`))
  await t.shot(page, 'admin-dashboard')

  // A new station.
  await page.click('[data-test=nav] >> text=服务站')
  await page.waitForURL('**/admin/stations')
  await page.click('[data-test=station-new]')
  await page.fill('[data-test=station-code]', 'e2e01')
  await page.fill('[data-test=station-name]', '测试区计生服务站')
  await page.press('[data-test=station-name]', 'Enter')
  await page.waitForSelector('[data-test=station-list] .el-table__row:has-text("E2E01")')
  // Its code is taken now: the refusal is in words, under the field.
  await page.click('[data-test=station-new]')
  await page.fill('[data-test=station-code]', 'E2E01')
  await page.fill('[data-test=station-name]', '重复')
  await page.click('[data-test=station-save]')
  await page.waitForSelector('.el-message--error:has-text("该服务站编码已存在")')
  await page.waitForSelector('[data-test=station-form] .el-form-item__error:has-text("已被使用")')
  await page.keyboard.press('Escape')

  // A nurse for it; a station is asked for because she is a nurse.
  await page.click('[data-test=nav] >> text=用户')
  await page.waitForURL('**/admin/users')
  await page.click('[data-test=user-new]')
  await page.fill('[data-test=user-username]', 'nurse.e2e')
  await page.fill('[data-test=user-display-name]', '测试护士 孙丽')
  await pick(page, '[data-test=user-role]', '护士')
  await pick(page, '[data-test=user-station]', 'E2E01')
  t.assert.ok((await page.inputValue('[data-test=user-password]')).length >= 12)
  await page.click('[data-test=user-save]')
  const row = page.locator('[data-test=user-list] .el-table__row', { hasText: 'nurse.e2e' })
  await row.waitFor()
  t.assert.match(await row.textContent(), /测试护士 孙丽.*护士.*E2E01 测试区计生服务站.*启用.*待改密码/)
  // The same username again is refused in words.
  await page.click('[data-test=user-new]')
  await page.fill('[data-test=user-username]', 'nurse.e2e')
  await pick(page, '[data-test=user-role]', '检验师')
  await page.click('[data-test=user-save]')
  await page.waitForSelector('.el-message--error:has-text("该用户名已存在")')
  await page.keyboard.press('Escape')
  await t.shot(page, 'admin-users')

  // A woman of one name at two stations: the admin's search finds both,
  // each hit naming its station.
  for (const code of ['DC01', 'E2E01']) {
    await admin.post('/clients', {
      station_id: (await station(admin, code)).id, name: '欧阳雨桐', national_id: womansId('1996-03-14'),
      phone: '13800138000', address: '北京市东城区安定门街道 3 号', category: 'planning',
      consent: { given: true, text_version: 'v1' },
    })
  }
  await page.goto(t.base + '/nurse/today')
  await page.fill('[data-test=client-search]', '欧阳雨')
  await page.click('[data-test=client-search-go]')
  await page.waitForFunction(() => document.querySelectorAll('[data-test^=client-hit-station]').length === 2 &&
    [...document.querySelectorAll('[data-test^=client-hit-station]')].every((e) => /^[A-Z0-9]+ /.test(e.textContent.trim())))
  const hits = await page.locator('[data-test=client-results] .hit').allTextContents()
  t.assert.equal(hits.length, 2)
  t.assert.match(hits[0], /欧阳雨桐.*E2E01 测试区计生服务站/) // newest first
  t.assert.match(hits[1], /欧阳雨桐.*DC01 /)
  await t.shot(page, 'admin-client-search')
  await page.keyboard.press('Escape')

  // A fortnight of weekday slots for the new station: 10 days × 4 times.
  await page.click('[data-test=nav] >> text=预约时段')
  await page.waitForURL('**/admin/slots')
  await pick(page, '[data-test=slots-station]', 'E2E01')
  const from = addDays(t.today, 1)
  const to = addDays(t.today, 14)
  // Typed as at a keyboard: the start date, Tab, the end date, Enter.
  await page.click('[data-test=slot-range-dates] input >> nth=0')
  await page.keyboard.press('Control+A')
  await page.keyboard.type(from)
  await page.keyboard.press('Tab')
  await page.keyboard.press('Control+A')
  await page.keyboard.type(to)
  await page.keyboard.press('Enter')
  await page.keyboard.press('Escape')
  t.assert.match(await text(page, '[data-test=slot-preview]'), /最多 40 个时段/)
  await page.click('[data-test=weekday-6]')
  t.assert.match(await text(page, '[data-test=slot-preview]'), /最多 48 个时段/)
  await page.click('[data-test=weekday-6]')
  t.assert.match(await text(page, '[data-test=slot-preview]'), /最多 40 个时段/)
  await page.click('[data-test=slot-range-create]')
  await page.waitForSelector('[data-test=slot-result]:has-text("已新增 40 个时段，跳过 0 个")')
  await page.waitForSelector('[data-test=slot-count]:has-text("共 40 个时段")')
  t.assert.match(await text(page, '[data-test=slot-list]'), /08:00[\s\S]*0 \/ 10/)
  const listed = await admin.get(`/stations/${(await station(admin, 'E2E01')).id}/slots?from=${from}&to=${to}`)
  t.assert.equal(listed.items.length, 40)
  await t.shot(page, 'admin-slots')

  // A new kit version for Toxoplasma IgM: cut-offs the wrong way round are
  // refused under the field; then the new cut-offs are in force from today.
  await page.click('[data-test=nav] >> text=检测项目与试剂')
  await page.waitForURL('**/admin/analytes')
  await page.click('[data-test=kit-add-TOXO_IGM]')
  await page.fill('[data-test=kit-name]', 'E2E Toxo IgM v2')
  await page.fill('[data-test=kit-negative] input', '9')
  await page.fill('[data-test=kit-positive] input', '8')
  await page.click('[data-test=kit-save]')
  await page.waitForSelector('[data-test=kit-form] .el-form-item__error:has-text("不能低于阴性上限")')
  await page.fill('[data-test=kit-positive] input', '12')
  await page.click('[data-test=kit-save]')
  await page.waitForSelector('[data-test=cutoffs-TOXO_IGM]:has-text("阳性 ≥ 12")')
  t.assert.match(await text(page, '[data-test=analyte-list]'), /E2E Toxo IgM v2[\s\S]*自 \d{4}-\d{2}-\d{2} 起使用/)

  // A rule changed, and found in the audit log with its old and new value.
  await page.click('[data-test=nav] >> text=规则设置')
  await page.waitForURL('**/admin/settings')
  const due = page.locator('[data-test=setting-input-due_hours_high] input')
  await due.waitFor()
  t.assert.equal(await due.inputValue(), '72')
  await due.fill('48')
  await due.press('Tab')
  await page.click('[data-test=settings-save]')
  await page.waitForSelector('.el-message--success')
  t.assert.equal((await admin.get('/settings')).due_hours_high, 48)
  await page.click('[data-test=settings-history]')
  await page.waitForURL('**/admin/audit?entity=settings')
  const change = page.locator('[data-test=audit-list] .el-table__row', { hasText: 'due_hours_high: 72 → 48' })
  await change.waitFor()
  t.assert.match(await change.textContent(), /demo\.admin.*修改规则.*规则设置/)
  // By person: the admin's own rows include the new station.
  await page.fill('[data-test=audit-entity-id]', '')
  await pick(page, '[data-test=audit-entity]', '服务站')
  await page.fill('[data-test=audit-actor]', 'demo.admin')
  await page.click('[data-test=audit-search]')
  await page.waitForSelector('[data-test=audit-list] .el-table__row:has-text("新建服务站")')
  await page.waitForURL('**/admin/audit?entity=station&actor=demo.admin')
  // Everything the admin did today, newest first: the rule, the kit, the
  // slots, the two women, the nurse, the station.
  await page.click('text=清除条件')
  await page.fill('[data-test=audit-actor]', 'demo.admin')
  await page.press('[data-test=audit-actor]', 'Enter')
  await page.waitForURL('**/admin/audit?actor=demo.admin')
  const actions = page.locator('[data-test=audit-list] [data-test=audit-action]')
  await page.waitForFunction(() => document.querySelectorAll('[data-test=audit-list] [data-test=audit-action]').length >= 7)
  t.assert.deepEqual((await actions.allTextContents()).slice(0, 7),
    ['修改规则', '新增试剂版本', '批量新增时段', '登记', '登记', '新建用户', '新建服务站'])
  await page.waitForSelector('.el-message', { state: 'detached' })
  await t.shot(page, 'admin-audit')

  // The safety net is clear: the abnormal sample has its case, with a
  // counselor; even when she leaves, the server hands the case on.
  await page.click('[data-test=nav] >> text=安全网')
  await page.waitForSelector('[data-test=net-clear]:has-text("目前没有遗漏")')
  const dc = await station(admin, 'DC01')
  const counselor = (await admin.get(`/users?role=counselor&station_id=${dc.id}`)).items[0]
  await admin.post('/users', { username: 'counselor.dc2', password: 'first-secret-1', role: 'counselor', station_id: dc.id })
  await admin.patch(`/users/${counselor.id}`, { active: false })
  await page.click('[data-test=net-refresh]')
  await page.waitForSelector('[data-test=net-clear]')
  const cases = (await admin.get('/followups')).items.filter((c) => c.sample_accession === sample)
  t.assert.equal(cases.length, 1)
  t.assert.notEqual(cases[0].assignee_id, counselor.id)
}

// releaseAbnormalSample takes the first woman booked today at DC01 through
// check-in, collection, receipt, results (Toxoplasma IgM positive) and
// verification, so the dashboard has a released abnormal sample to count.
async function releaseAbnormalSample(t) {
  const nurse = await t.api('nurse.dc')
  const tech = await t.api('tech')
  const tech2 = await t.api('tech2')
  const appt = (await nurse.get(`/appointments?date=${t.today}&status=booked`)).items[0]
  await nurse.post(`/appointments/${appt.id}/check-in`)
  const { accession } = await nurse.post(`/appointments/${appt.id}/samples`, {})
  await tech.post(`/samples/${accession}/receive`)
  const analytes = (await tech.get('/analytes')).items
  const results = analytes.map((a) => ({
    analyte: a.code,
    value: a.code === 'TOXO_IGM' ? a.active_kit.positive_from * 2 : a.active_kit.negative_below / 2,
  }))
  await tech.put(`/samples/${accession}/results`, { results })
  await tech2.post(`/samples/${accession}/verify`, { acknowledge_abnormal: true })
  return accession
}

async function station(api, code) {
  return (await api.get('/stations')).items.find((s) => s.code === code)
}

async function text(page, selector) {
  return (await page.textContent(selector)).trim()
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
