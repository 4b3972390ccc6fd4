// The programme administrator's day: the dashboard's figures (per woman,
// with their definitions on hover and the per-station target marks) and
// charts, a new station with a nurse, a woman found across stations, a fortnight
// of slots, a new kit version
// (refused first for cut-offs the wrong way round), the working calendar
// (a Saturday refused as a holiday), a changed rule found in
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

  // The women's figures: each woman once, every ratio with its numerator
  // and denominator; the three women with a case (the demo's two and
  // today's) are none of them closed, so follow-up is 0 of 3, below its
  // target in words, not only in colour.
  t.assert.equal(await text(page, '[data-test=fig-tested] .value'), String(before + 1))
  const followup = page.locator('[data-test=fig-followup_completion]')
  t.assert.equal(await text(page, '[data-test=fig-followup_completion] .value'), '0.0 %')
  t.assert.equal(await text(page, '[data-test=fig-followup_completion] [data-test=fig-detail]'), '0 / 3')
  t.assert.equal(await followup.getAttribute('data-mark'), 'below')
  t.assert.match(await followup.locator('[data-test=fig-target]').textContent(), /目标 ≥ 90 %\s*▼ 低于目标/)
  t.assert.equal(await text(page, '[data-test=fig-reached_in_time] [data-test=fig-detail]'), '0 / 3')
  t.assert.equal(await page.getAttribute('[data-test=fig-within_5_working_days]', 'data-mark'), 'met')
  t.assert.match(await text(page, '[data-test=fig-within_5_working_days]'), /100\.0 %\s*3 \/ 3.*目标 ≥ 95 %\s*✓ 达标/)
  // Its definition on hover, in plain words.
  // (The mouse may rest on another figure as the page opens: its
  // definition fades as this one shows.)
  await followup.hover()
  const tip = page.locator('.figure-definition:visible', { hasText: '首次筛查后有随访个案的妇女中，这次筛查' })
  await tip.waitFor()
  t.assert.match(await tip.textContent(), /首次筛查后有随访个案的妇女中.*失访.*目标 ≥ 90 %/)
  await page.hover('[data-test=term-positivity]')
  await page.locator('.figure-definition:visible', { hasText: '灰区既不算阳性也不算阴性' }).waitFor()
  // Toxoplasma IgM per woman: today's positive among the women with a result.
  t.assert.match(await text(page, '[data-test=dash-positivity] .el-table__row:has([data-analyte=TOXO_IGM]) [data-test=pos-all]'), new RegExp(`\\(\\d+ / ${before + 1}\\)`))
  // The pregnancy figures are shown, a dash while nothing divides.
  t.assert.match(await text(page, '[data-test=fig-birth_defects_per_10000_births] .value'), /^(—|\d+\.\d)$/)
  // Per station: DC01's follow-up below the 90 % line, marked in words;
  // its results within 5 working days at the 95 % line.
  const dcRow = page.locator('[data-test=dash-stations] .el-table__row', { hasText: 'DC01' })
  const dcFollowup = dcRow.locator('[data-test=station-followup_completion]')
  t.assert.equal(await dcFollowup.getAttribute('data-mark'), 'below')
  t.assert.match(await dcFollowup.textContent(), /0\.0 % \(0 \/ 3\)\s*▼ 低于目标/)
  t.assert.equal(await dcRow.locator('[data-test=station-within_5_working_days]').getAttribute('data-mark'), 'met')
  t.assert.doesNotMatch(await dcRow.locator('[data-test=station-within_5_working_days]').textContent(), /低于目标/)
  t.assert.match(await text(page, '[data-test=dash-targets]'), /随访完成率 ≥ 90 %，5 个工作日内出报告 ≥ 95 %/)
  await page.hover('[data-test=term-station-within_5_working_days]')
  await page.locator('.figure-definition:visible', { hasText: '去掉工作日历中的节假日' }).waitFor()
  await page.mouse.move(0, 0)
  await page.waitForSelector('.figure-definition', { state: 'hidden' })
  await t.shot(page, 'admin-dashboard')

  // Today alone: today's woman was released within minutes, so her
  // turnaround reads in minutes and the chart draws in minutes.
  await page.click('[data-test=dash-range] input >> nth=0')
  await page.keyboard.press('Control+A')
  await page.keyboard.type(t.today)
  await page.keyboard.press('Tab')
  await page.keyboard.press('Control+A')
  await page.keyboard.type(t.today)
  await page.keyboard.press('Enter')
  await page.keyboard.press('Escape')
  await page.waitForFunction(() => document.querySelector('[data-test=fig-screened] .value')?.textContent?.trim() === '1')
  t.assert.match(await text(page, '[data-test=fig-turnaround_median] .value'), /^(< 3|\d{1,2}) 分钟$/)
  t.assert.equal(await page.getAttribute('[data-test=chart-turnaround]', 'data-unit'), 'minutes')

  // In English, the definitions too.
  const en = await t.page()
  await en.addInitScript(() => localStorage.setItem('torchlab.lang', 'en'))
  await t.login(en, 'demo.admin')
  await en.waitForSelector('[data-test=fig-reached_in_time] [data-test=fig-detail]')
  await en.hover('[data-test=fig-reached_in_time]')
  await en.locator('.figure-definition:visible', { hasText: 'A woman never reached stays in the denominator.' }).waitFor()
  t.assert.match(await en.textContent('[data-test=dash-stations]'), /Below target/)

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

  // The working calendar: National Day's Friday off, the Sunday before
  // worked. A Saturday listed as a holiday is refused on that day, with
  // the reason, and nothing is saved; without it the calendar is saved.
  await page.click('[data-test=nav] >> text=规则设置')
  await page.waitForURL('**/admin/settings')
  await page.waitForSelector('[data-test=calendar-holidays] >> text=暂无')
  for (const [list, day] of [['holidays', '2027-10-01'], ['holidays', '2027-10-02'], ['workdays', '2027-09-26']]) {
    await page.fill(`[data-test=calendar-add-${list}] input`, day)
    await page.keyboard.press('Enter')
    await page.waitForSelector(`[data-test=calendar-${list}] [data-day="${day}"]`)
  }
  t.assert.match(await text(page, '[data-test=calendar-holidays] [data-day="2027-10-02"]'), /2027-10-02 周六/)
  await page.click('[data-test=calendar-save]')
  const refused = page.locator('[data-test=calendar-holidays] [data-day="2027-10-02"]')
  await refused.locator('[data-test=calendar-day-error]:has-text("周六、周日本来就不是工作日")').waitFor()
  t.assert.equal(await refused.getAttribute('data-refused'), 'yes')
  t.assert.equal(await page.getAttribute('[data-test=calendar-holidays] [data-day="2027-10-01"]', 'data-refused'), 'no')
  t.assert.deepEqual(await admin.get('/settings/calendar'), { holidays: [], workdays: [] })
  await page.waitForSelector('.el-message', { state: 'detached' })
  await t.shot(page, 'admin-calendar')
  await refused.locator('.el-tag__close').click()
  await page.click('[data-test=calendar-save]')
  await page.waitForSelector('.el-message--success:has-text("工作日历已保存")')
  t.assert.deepEqual(await admin.get('/settings/calendar'), { holidays: ['2027-10-01'], workdays: ['2027-09-26'] })
  t.assert.equal(await page.locator('[data-test=calendar-dirty]').count(), 0)
  await page.waitForSelector('.el-message', { state: 'detached' })

  // A rule changed, and found in the audit log with its old and new value.
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
  // The rule by its name, the change as old → new; the row's JSON behind its toggle.
  const change = page.locator('[data-test=audit-list] .el-table__row', { hasText: '高优先级随访处理时限：72 → 48' })
  await change.waitFor()
  t.assert.doesNotMatch(await change.textContent(), /due_hours_high/)
  await change.locator('.el-table__expand-icon').click()
  t.assert.match(await page.textContent('[data-test=audit-json]'), /"due_hours_high": \{\s+"from": 72,\s+"to": 48/)
  await change.locator('.el-table__expand-icon').click()
  t.assert.match(await change.textContent(), /demo\.admin.*修改规则.*规则设置/)
  // By person: the admin's own rows include the new station.
  await page.fill('[data-test=audit-entity-id]', '')
  await pick(page, '[data-test=audit-entity]', '服务站')
  await page.fill('[data-test=audit-actor]', 'demo.admin')
  await page.click('[data-test=audit-search]')
  await page.waitForSelector('[data-test=audit-list] .el-table__row:has-text("新建服务站")')
  await page.waitForURL('**/admin/audit?entity=station&actor=demo.admin')
  // Everything the admin did today, newest first: the rule, the calendar,
  // the kit, the slots, the two women, the nurse, the station.
  await page.click('text=清除条件')
  await page.fill('[data-test=audit-actor]', 'demo.admin')
  await page.press('[data-test=audit-actor]', 'Enter')
  await page.waitForURL('**/admin/audit?actor=demo.admin')
  const actions = page.locator('[data-test=audit-list] [data-test=audit-action]')
  await page.waitForFunction(() => document.querySelectorAll('[data-test=audit-list] [data-test=audit-action]').length >= 8)
  t.assert.deepEqual((await actions.allTextContents()).slice(0, 8),
    ['修改规则', '修改工作日历', '新增试剂版本', '批量新增时段', '登记', '登记', '新建用户', '新建服务站'])
  await page.waitForSelector('.el-message', { state: 'detached' })
  await t.shot(page, 'admin-audit')
  // The follow-up cases' rows speak words: no finding codes, no UTC
  // instants, no JSON, no English codes of outcome or status.
  await page.click('text=清除条件')
  await pick(page, '[data-test=audit-entity]', '随访个案')
  await page.click('[data-test=audit-search]')
  await page.waitForURL('**/admin/audit?entity=followup')
  await page.waitForSelector('[data-test=audit-list] [data-test=audit-change]')
  const shown = (await page.locator('[data-test=audit-list] [data-test=audit-change]').allTextContents()).join('\n')
  t.assert.match(shown, /期限：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/)
  for (const raw of [/[A-Z]{3,}_[A-Z]/, /\dT\d/, /Z\b/, /[{}"]/, /\b(referred|phone|routine|open|closed|due_at|findings)\b/]) {
    t.assert.doesNotMatch(shown, raw, `a raw code in the audit log: ${raw}`)
  }

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
