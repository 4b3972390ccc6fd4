// Pregnancies, outcomes and vaccinations. A pregnant woman
// registered by nurse.dc through the form has her pregnancy on her page,
// with today's gestational age and the days of its two follow-up tasks; a
// second one while it is open is refused. The counselor's worklist shows
// her early-pregnancy contact beside the demo's women (one overdue, marked
// and first; one whose outcome follow-up is open); a reached contact takes
// the task off the list. The outcome of the demo's woman past her due
// date is recorded (a live birth with its weight, and a defect whose
// ICD-10 code is checked as it is typed), closes her pregnancy, and is
// corrected with a reason. A woman not immune to rubella is vaccinated from
// her page, refused until "pregnancy excluded" is ticked; the deferral's end
// shows on her page and "vaccinated on" on her case; a pregnancy recorded
// within the deferral warns on her page and tells her counselor. Each
// screen at 1280 px, and the nurse's and counselor's at 390 px too. The
// admin dashboard's figures move, read on the page before and after: the
// woman registered pregnant is booked, drawn and released through the API,
// so she and the rubella woman raise screened and tested by 2; her
// contact, and a miscarriage the demo's screened pregnant woman tells of
// in early pregnancy, raise the early-pregnancy follow-up by 2 / 2; that
// outcome raises the outcome follow-up by 1 / 1 and the abnormal-screen
// row's total and miscarriages by 1, leaving the normal row and the birth-
// defect rate as they were; every pregnancy figure shows what the summary
// gives. The live birth recorded above counts in none: the demo never
// screened that woman, and the figures count tested women only.

import { womansId } from './people.mjs'

function addDays(iso, n) {
  const d = new Date(iso + 'T00:00:00Z')
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }

export default async function (t) {
  const nurseApi = await t.api('nurse.dc')
  const counselorApi = await t.api('counselor.dc')
  const name = '孙若兰'
  const lmp = addDays(t.today, -60) // 8 weeks 4 days
  const earlyDue = addDays(lmp, 97) // 13 weeks 6 days

  // The dashboard before: its figures are read again at the end.
  const dash = await t.page()
  await t.login(dash, 'demo.admin')
  await dash.waitForURL('**/admin/dashboard')
  const before = await dashboardFigures(dash)

  // The nurse registers her as pregnant, with her last period, and books later.
  const desk = await t.page()
  await t.login(desk, 'nurse.dc')
  await desk.waitForURL('**/nurse/today')
  await desk.click('[data-test=go-register]')
  await desk.fill('[data-test=reg-name]', name)
  await desk.fill('[data-test=reg-national-id]', womansId('1994-03-08'))
  await desk.fill('[data-test=reg-phone]', '13700137000')
  await desk.fill('[data-test=reg-address]', '北京市东城区北新桥三条 6 号')
  await desk.click('[data-test=reg-cat-pregnant]')
  await desk.fill('[data-test=reg-lmp] input', lmp)
  await desk.keyboard.press('Enter')
  await desk.click('[data-test=reg-consent]')
  await desk.click('[data-test=reg-submit]')
  await desk.waitForURL(/\/nurse\/clients\/\d+\/book/)
  const clientId = Number(desk.url().match(/clients\/(\d+)/)[1])
  await desk.click('[data-test=book-later]')
  await desk.waitForURL(`**/nurse/clients/${clientId}`)

  // Her page: the pregnancy recorded at registration, 8 weeks 4 days today.
  await desk.waitForSelector('[data-test=pregnancy-open]')
  t.assert.equal((await desk.textContent('[data-test=pregnancy-ga]')).trim(), '孕8周4天')
  t.assert.equal((await desk.textContent('[data-test=client-ga]')).trim(), '孕8周4天')
  t.assert.equal((await desk.textContent('[data-test=pregnancy-lmp]')).trim(), lmp)
  t.assert.equal((await desk.textContent('[data-test=pregnancy-edd]')).trim(), addDays(lmp, 280))
  t.assert.match(await desk.textContent('[data-test=pregnancy-panel]'), /登记时提供/)
  t.assert.equal(await desk.getAttribute('[data-test=pregnancy-early]', 'data-state'), 'due')
  t.assert.match(await desk.textContent('[data-test=pregnancy-early]'), new RegExp(`${earlyDue} 前联系上她`))
  t.assert.equal(await desk.getAttribute('[data-test=pregnancy-outcome-task]', 'data-state'), 'later')
  t.assert.match(await desk.textContent('[data-test=pregnancy-outcome-task]'), new RegExp(`${addDays(lmp, 280 + 42)} 起随访`))
  await t.shot(desk, 'pregnancy-her-page')
  const deskPhone = await t.page(phone)
  await t.login(deskPhone, 'nurse.dc')
  await deskPhone.goto(t.base + `/nurse/clients/${clientId}`)
  await deskPhone.waitForSelector('[data-test=pregnancy-open]')
  await t.shot(deskPhone, 'pregnancy-her-page-phone')

  // One open pregnancy a woman: a second is refused until its outcome.
  const open = (await nurseApi.get(`/clients/${clientId}`)).pregnancy
  await t.assert.rejects(nurseApi.post(`/clients/${clientId}/pregnancies`, { lmp_date: lmp, source: 'self_report' }), (e) => e.code === 'pregnancy_open')

  // She is booked for today after all, drawn and her report released
  // (through the API, rubella immune, nothing else found): a tested woman, her pregnancy is her
  // screen's, so her early-pregnancy contact counts on the dashboard.
  const slot = (await nurseApi.get(`/stations/${nurseApi.user.station_id}/slots?from=${t.today}&to=${t.today}`)).items.find((s) => s.booked < s.capacity)
  t.assert.ok(slot, 'a slot is open today at DC01')
  const herAppointment = await nurseApi.post('/appointments', { client_id: clientId, slot_id: slot.id })
  await releaseAppointment(t, herAppointment.id, (code, kit) => (code === 'RUBV_IGG' ? kit.positive_from * 2 : kit.negative_below / 2))

  // The counselor's worklist: her early-pregnancy contact, due by the end
  // of 13 weeks 6 days; the demo's woman never reached is overdue, on top;
  // the demo's woman past her due date waits for her outcome.
  const page = await t.page()
  await t.login(page, 'counselor.dc')
  await page.waitForURL('**/counsel/queue')
  await page.click('[data-test=nav] >> text=孕期随访')
  await page.waitForURL('**/pregnancies')
  const row = page.locator(`[data-test=task-row][data-pregnancy="${open.id}"][data-task=early_contact]`)
  await row.waitFor()
  t.assert.equal(await row.getAttribute('data-overdue'), 'no')
  t.assert.equal((await row.locator('[data-test=task-her]').textContent()).trim(), name)
  t.assert.equal((await row.locator('[data-test=task-ga]').textContent()).trim(), '孕8周4天')
  t.assert.equal((await row.locator('[data-test=task-kind]').textContent()).trim(), '孕早期随访')
  t.assert.equal((await row.locator('[data-test=task-due-on]').textContent()).trim(), `${earlyDue} 前`)
  t.assert.match(await row.locator('[data-test=task-due]').textContent(), /\d+ 天后到期/)
  const groups = page.locator('[data-test=worklist-group]')
  t.assert.equal(await groups.first().getAttribute('data-day'), 'overdue')
  t.assert.match(await groups.first().locator('h2').textContent(), /已逾期/)
  const late = groups.first().locator('[data-test=task-row]').first()
  t.assert.equal(await late.getAttribute('data-overdue'), 'yes')
  t.assert.match(await late.locator('[data-test=task-due]').textContent(), /逾期.*已逾期 8 天/)
  const outcomeRow = page.locator('[data-test=task-row][data-task=outcome]').first()
  t.assert.match(await outcomeRow.locator('[data-test=task-ga]').textContent(), /已过预产期 50 天/)
  t.assert.match(await outcomeRow.locator('[data-test=task-kind]').textContent(), /妊娠结局随访/)
  await t.shot(page, 'pregnancy-worklist')
  const counselPhone = await t.page(phone)
  await t.login(counselPhone, 'counselor.dc')
  await counselPhone.goto(t.base + '/pregnancies')
  await counselPhone.waitForSelector(`[data-test=task-row][data-pregnancy="${open.id}"]`)
  await t.shot(counselPhone, 'pregnancy-worklist-phone')

  // She is reached about her early pregnancy: the task leaves the list.
  await row.locator('[data-test=task-contact]').click()
  const contact = page.locator('[data-test=pregnancy-contact-dialog]')
  await contact.waitFor()
  t.assert.match(await contact.textContent(), /记录联系：孕早期随访/)
  await page.click('[data-test=pcontact-result-reached]')
  await page.fill('[data-test=pcontact-note]', '孕早期检查正常，已在社区建档')
  await t.shot(page, 'pregnancy-contact')
  await page.click('[data-test=pcontact-submit]')
  await page.waitForSelector('.el-message >> text=孕早期随访已完成')
  await row.waitFor({ state: 'detached' })
  t.assert.ok((await nurseApi.get(`/clients/${clientId}`)).pregnancy.early_contacted_at, 'the early-pregnancy contact is done')

  // The outcome of the woman past her due date: a live birth at term with
  // its weight, and a defect whose code is checked as it is typed.
  const outcomeTask = (await counselorApi.get('/pregnancies?due=true')).items.find((x) => x.task === 'outcome')
  const born = addDays(outcomeTask.edd, 3)
  await outcomeRow.locator('[data-test=task-outcome]').click()
  const dialog = page.locator('[data-test=outcome-dialog]')
  await dialog.waitFor()
  await page.click('[data-test=outcome-kind-live_birth]')
  await page.fill('[data-test=outcome-date] input', born)
  await page.keyboard.press('Enter')
  await page.waitForFunction(() => document.querySelector('[data-test=outcome-weeks] input')?.value === '40')
  await page.fill('[data-test=outcome-weight] input', '3250')
  await page.click('[data-test=defect-add]')
  await page.fill('[data-test=defect-text-0]', '室间隔缺损')
  await page.fill('[data-test=defect-code-0]', 'Z21')
  await dialog.locator('.el-form-item__error >> text=不是先天畸形的 ICD-10 编码').waitFor()
  await page.waitForFunction(() => !document.querySelector('.el-message'))
  await t.shot(page, 'pregnancy-outcome')
  await page.fill('[data-test=defect-code-0]', 'q21.0')
  await dialog.locator('.el-form-item__error').waitFor({ state: 'detached' })
  await page.click('[data-test=outcome-submit]')
  await page.waitForSelector('.el-message >> text=妊娠结局已记录')
  await page.locator(`[data-test=task-row][data-pregnancy="${outcomeTask.pregnancy_id}"]`).waitFor({ state: 'detached' })

  // Her page: no open pregnancy; the outcome in her history, corrected with a reason.
  await page.goto(t.base + `/clients/${outcomeTask.client_id}`)
  await page.waitForSelector('[data-test=pregnancy-none]')
  const past = page.locator(`[data-test=pregnancy-past][data-pregnancy="${outcomeTask.pregnancy_id}"]`)
  await past.waitFor()
  t.assert.equal(await past.getAttribute('data-outcome'), 'live_birth')
  t.assert.match(await past.textContent(), new RegExp(`活产（${born}）.*孕 40 周.*3250 克`))
  t.assert.match(await past.locator('[data-test=pregnancy-past-defects]').textContent(), /Q21\.0\s*室间隔缺损/)
  t.assert.equal(await page.locator('[data-test=client-edit]').count(), 0, 'a counselor sees no desk actions')
  await page.click(`[data-test=pregnancy-correct-${outcomeTask.pregnancy_id}]`)
  await page.waitForSelector('[data-test=outcome-reason]')
  t.assert.equal(await page.inputValue('[data-test=outcome-weight] input'), '3250')
  await page.fill('[data-test=outcome-weight] input', '3150')
  await page.click('[data-test=outcome-submit]')
  await page.waitForSelector('[data-test=outcome-dialog] .el-form-item__error >> text=必填')
  await page.fill('[data-test=outcome-reason]', '出生体重录入有误，按出生证明更正')
  await page.click('[data-test=outcome-submit]')
  await page.waitForSelector('.el-message >> text=妊娠结局已更正')
  await past.locator('[data-test=pregnancy-past-weight] >> text=3150 克').waitFor()
  t.assert.equal((await counselorApi.get(`/clients/${outcomeTask.client_id}/pregnancies`)).items[0].birth_weight_g, 3150)
  await page.waitForFunction(() => !document.querySelector('.el-message'))
  await t.shot(page, 'pregnancy-history')

  // A woman planning a pregnancy, not immune to rubella: her case.
  const rubella = await releaseSample(t, 'planning', (_, kit) => kit.negative_below / 2)
  const rubellaCase = (await counselorApi.get('/followups?assignee=me')).items.find((c) => c.sample_accession === rubella.accession)
  t.assert.ok(rubellaCase.findings.some((f) => f.code === 'RUBV_SUSCEPTIBLE'))
  await page.goto(t.base + `/counsel/cases/${rubellaCase.id}`)
  await page.waitForSelector('[data-test=case]')
  t.assert.equal(await page.locator('[data-test=vaccinated-on]').count(), 0)
  t.assert.equal(await page.locator('[data-test=case-pregnancy]').count(), 0)

  // Vaccinated 30 days ago, from her page: refused until pregnancy is excluded.
  const given = addDays(t.today, -30)
  const deferralEnd = addDays(given, 90)
  await page.click('[data-test=her-page]')
  await page.waitForURL(`**/clients/${rubellaCase.client_id}?case=${rubellaCase.id}`)
  await page.waitForSelector('[data-test=vaccination-panel] [data-test=no-vaccinations]')
  await page.click('[data-test=vaccination-open]')
  await page.fill('[data-test=vaccination-date] input', given)
  await page.keyboard.press('Enter')
  await page.fill('[data-test=vaccination-note]', '区疾控中心接种门诊')
  await page.click('[data-test=vaccination-submit]')
  await page.waitForSelector('[data-test=vaccination-panel] .el-form-item__error >> text=接种风疹疫苗前须先排除怀孕')
  t.assert.equal((await counselorApi.get(`/clients/${rubellaCase.client_id}/vaccinations`)).items.length, 0)
  await page.waitForFunction(() => !document.querySelector('.el-message'))
  await t.shot(page, 'pregnancy-vaccination-refused')
  await page.click('[data-test=vaccination-excluded]')
  await page.click('[data-test=vaccination-submit]')
  await page.waitForSelector('[data-test=rubella-deferral]')
  t.assert.match(await page.textContent('[data-test=rubella-deferral]'), new RegExp(`风疹疫苗接种后避孕期：至 ${deferralEnd}.*还有 60 天`))
  const [vaccination] = (await counselorApi.get(`/clients/${rubellaCase.client_id}/vaccinations`)).items
  t.assert.equal(vaccination.deferral_ends_on, deferralEnd)
  t.assert.equal((await page.textContent(`[data-test=deferral-ends-${vaccination.id}]`)).trim(), deferralEnd)
  await page.waitForFunction(() => !document.querySelector('.el-message'))
  await t.shot(page, 'pregnancy-vaccination')

  // Her case says so beside the rubella finding.
  await page.click('[data-test=back-to-case]')
  await page.waitForSelector('[data-test=vaccinated-on]')
  t.assert.equal((await page.textContent('[data-test=vaccinated-on]')).trim(), `已于 ${given} 接种风疹疫苗`)

  // A pregnancy within the deferral: recorded, with the warning on her
  // page, and her counselor told.
  const unreadBefore = (await counselorApi.get('/notifications')).unread ?? 0
  await desk.goto(t.base + `/nurse/clients/${rubellaCase.client_id}`)
  await desk.click('[data-test=pregnancy-record-open]')
  await desk.waitForSelector('[data-test=pregnancy-record]')
  const newLmp = addDays(t.today, -10)
  await desk.fill('[data-test=pregnancy-date] input', newLmp)
  await desk.keyboard.press('Enter')
  await desk.click('[data-test=pregnancy-submit]')
  await desk.waitForSelector('[data-test=pregnancy-deferral-warning]')
  t.assert.match(await desk.textContent('[data-test=pregnancy-deferral-warning]'), new RegExp(`末次月经 ${newLmp} 在风疹疫苗接种后的避孕期内（避孕期至 ${deferralEnd}）`))
  t.assert.match(await desk.textContent('[data-test=rubella-deferral]'), new RegExp(deferralEnd))
  t.assert.match(await desk.textContent('[data-test=vaccination-pregnant]'), /孕期不接种风疹疫苗/)
  await desk.waitForFunction(() => !document.querySelector('.el-message'))
  await t.shot(desk, 'pregnancy-deferral-warning')
  const notes = await counselorApi.get('/notifications')
  t.assert.equal(notes.unread, unreadBefore + 1)
  t.assert.equal(notes.items[0].type, 'pregnancy.deferral_warning')
  t.assert.equal(notes.items[0].followup_id, rubellaCase.id)

  // Her case: her pregnancy, today's gestation; the queue shows it too.
  await page.reload()
  await page.waitForSelector('[data-test=case-pregnancy]')
  t.assert.equal((await page.textContent('[data-test=case-pregnancy-ga]')).trim(), '孕1周3天')
  t.assert.equal((await page.textContent('[data-test=case-ga]')).trim(), '孕1周3天')
  t.assert.match(await page.textContent('[data-test=timeline-event][data-event=pregnancy_recorded]'), new RegExp(`记录妊娠：末次月经 ${newLmp}，预产期 ${addDays(newLmp, 280)}`))
  await page.goto(t.base + '/counsel/queue')
  const caseRow = page.locator(`[data-test=case-row][data-case="${rubellaCase.id}"]`)
  await caseRow.waitFor()
  t.assert.equal((await caseRow.locator('[data-test=case-ga]').textContent()).trim(), '孕1周3天')

  // The bell tells her counselor in words and leads to the case.
  await page.click('[data-test=bell]')
  const note = page.locator('[data-test=notifications] li').first()
  t.assert.match(await note.textContent(), new RegExp(`有孕妇的末次月经在风疹疫苗接种后的避孕期内 #${rubellaCase.id}`))
  await note.click()
  await page.waitForURL(`**/counsel/cases/${rubellaCase.id}`)

  // Reached, the outcome of her pregnancy is chosen as the next action:
  // proposed on the day the outcome follow-up is due, and shown in words.
  await page.waitForSelector('[data-test=contact-form]')
  await page.click('[data-test=result-reached]')
  await page.click('[data-test=next-kind-outcome]')
  const outcomeDue = (await counselorApi.get(`/clients/${rubellaCase.client_id}`)).pregnancy.outcome_due_on
  t.assert.equal(await page.inputValue('[data-test=contact-next-action] input.el-input__inner'), outcomeDue)
  await page.click('[data-test=contact-submit]')
  await page.waitForSelector('[data-test=next-action][data-kind=outcome]')
  t.assert.equal((await page.textContent('[data-test=next-action-kind]')).trim(), '妊娠结局')
  t.assert.match(await page.textContent('[data-test=next-action-due]'), new RegExp(`${outcomeDue} 前`))
  await page.waitForFunction(() => !document.querySelector('.el-message'))
  await t.shot(page, 'pregnancy-case')
  await counselPhone.goto(t.base + `/counsel/cases/${rubellaCase.id}`)
  await counselPhone.waitForSelector('[data-test=case-pregnancy]')
  await t.shot(counselPhone, 'pregnancy-case-phone')

  // Her page in English: every code in words.
  const en = await t.page({ locale: 'en-US' })
  await en.addInitScript(() => localStorage.setItem('torchlab.lang', 'en'))
  await t.login(en, 'counselor.dc')
  await en.goto(t.base + `/clients/${outcomeTask.client_id}`)
  await en.waitForSelector('[data-test=pregnancy-past]')
  const history = await en.textContent('[data-test=pregnancy-history]')
  t.assert.match(history, /Live birth \(\d{4}-\d{2}-\d{2}\).*at 40 weeks.*3150 g/)
  t.assert.match(history, /from a clinic/)
  t.assert.doesNotMatch(history, /[a-z]+_[a-z]+/)
  await en.goto(t.base + '/pregnancies')
  await en.waitForSelector('[data-test=task-row]')
  const list = await en.textContent('[data-test=worklist]')
  t.assert.match(list, /Overdue.*Early-pregnancy contact.*8 days overdue/)
  t.assert.match(list, /\d+ weeks \d+ days?/)
  t.assert.doesNotMatch(list, /[a-z]+_[a-z]+/)

  // The demo's pregnant woman screened at DC01 (Toxo IgM positive, her
  // case open) tells of a miscarriage at 11 weeks, still in early
  // pregnancy. The live birth above does not count on the dashboard: the
  // demo never screened that woman, and the pregnancy figures count tested
  // women only (docs/decisions.md, "Statistics per woman").
  const mothers = []
  for (const c of (await counselorApi.get('/followups?assignee=me')).items) {
    if (c.client_id === rubellaCase.client_id || c.client_id === clientId) continue
    const her = await counselorApi.get(`/clients/${c.client_id}`)
    if (her.pregnancy) mothers.push(her)
  }
  t.assert.equal(mothers.length, 1, 'the demo has one screened woman with an open pregnancy')
  const [screenedMother] = mothers
  const lost = addDays(t.today, -1)
  await counselorApi.post(`/pregnancies/${screenedMother.pregnancy.id}/outcome`, { outcome: 'miscarriage', date: lost, gestation_weeks: 11 })

  // The dashboard's figures moved. Screened and tested: the rubella woman
  // (advised to vaccinate; her vaccination, dated before this screen, is
  // not the advice followed) and the woman registered pregnant. Early-pregnancy follow-up: both pregnancies of tested women
  // were reached in time (the contact; the miscarriage told of before
  // 13+6). Outcome follow-up: one outcome learnt, of an abnormal screen,
  // no birth. The default range (from the first of the month five months
  // ago) holds the demo woman's screen, drawn retest_min_days (at most 28)
  // ago. The kept statistics may be a minute behind the records
  // (StatsFreshness), so the page is reloaded until they catch up.
  t.assert.ok(before.from <= addDays(t.today, -28), `the range from ${before.from} holds the demo's screens`)
  const admin = await t.api('demo.admin')
  const caughtUp = (a) => a.tested === before.tested + 2 &&
    fraction(a.outcome_followup.detail).numerator === fraction(before.outcome_followup.detail).numerator + 1 &&
    fraction(a.early_pregnancy_followup.detail).numerator === fraction(before.early_pregnancy_followup.detail).numerator + 2
  let after
  for (let i = 0; i < 20; i++) {
    await dash.reload()
    after = await dashboardFigures(dash)
    if (caughtUp(after)) break
    await dash.waitForTimeout(5000)
  }
  t.assert.equal(after.screened, before.screened + 2, 'screened moved')
  t.assert.equal(after.tested, before.tested + 2, 'tested moved')
  const moved = (key, n, d) => {
    const b = fraction(before[key].detail)
    const a = fraction(after[key].detail)
    t.assert.deepEqual(a, { numerator: b.numerator + n, denominator: b.denominator + d }, `${key}: ${before[key].detail} then ${after[key].detail}`)
  }
  moved('early_pregnancy_followup', 2, 2)
  moved('outcome_followup', 1, 1)
  t.assert.deepEqual(after.outcomeRows[0].slice(1), before.outcomeRows[0].slice(1).map((n, i) => String(Number(n) + (i === 0 || i === 3 ? 1 : 0))),
    'one more miscarriage after an abnormal screen')
  t.assert.deepEqual(after.outcomeRows[1], before.outcomeRows[1], 'the outcomes after a normal screen are as they were')
  t.assert.equal(after.birthDefects, before.birthDefects, 'no birth: the birth-defect rate stays')
  t.assert.equal(after.birthsDetail, before.birthsDetail)
  t.assert.equal(after.rubella.denominator, before.rubella.denominator + 1, 'one more woman advised the rubella vaccination')
  t.assert.ok(after.rubella.numerator >= before.rubella.numerator)
  // The pregnancy figures are shown as the summary gives them: a dash while
  // it lacks them or nothing divides, else the rate and its n / d.
  const summary = await admin.get(`/reports/summary?from=${after.from}&to=${after.to}`)
  for (const key of ['early_pregnancy_followup', 'outcome_followup']) {
    const r = summary[key]
    t.assert.equal(after[key].value, r && r.denominator > 0 ? `${(Math.round((r.numerator / r.denominator) * 1000) / 10).toFixed(1)} %` : '—', key)
    if (r) t.assert.equal(after[key].detail, `${r.numerator} / ${r.denominator}`, key)
  }
  const bd = summary.birth_defects_per_10000_births
  t.assert.equal(after.birthDefects, bd && bd.denominator > 0 ? (Math.round((bd.numerator / bd.denominator) * 100000) / 10).toFixed(1) : '—')
  const outcomes = summary.outcomes_by_screening_result
  t.assert.deepEqual(after.outcomeTotals, outcomes ? ['abnormal', 'normal'].map((k) => String(outcomes.find((o) => o.screening_result === k)?.total ?? 0)) : ['—', '—'])
  await dash.hover('[data-test=fig-early_pregnancy_followup]')
  await dash.locator('.figure-definition:visible', { hasText: '孕早期' }).waitFor()
}

// dashboardFigures reads the admin dashboard once its figures are in: the
// women counted and the follow-up and pregnancy figures, as shown.
async function dashboardFigures(page) {
  await page.waitForFunction(() => /^\d+$/.test(document.querySelector('[data-test=fig-tested] .value')?.textContent?.trim() ?? ''))
  const text = async (sel) => ((await page.locator(sel).first().textContent()) ?? '').trim()
  const ratio = async (key) => ({
    value: await text(`[data-test=fig-${key}] .value`),
    detail: (await page.locator(`[data-test=fig-${key}] [data-test=fig-detail]`).count()) ? await text(`[data-test=fig-${key}] [data-test=fig-detail]`) : '',
  })
  const range = await page.locator('[data-test=dash-range] input').evaluateAll((inputs) => inputs.map((i) => i.value))
  return {
    from: range[0], to: range[1],
    screened: Number(await text('[data-test=fig-screened] .value')),
    tested: Number(await text('[data-test=fig-tested] .value')),
    rubella: fraction((await ratio('rubella_vaccination_completion')).detail),
    early_pregnancy_followup: await ratio('early_pregnancy_followup'),
    outcome_followup: await ratio('outcome_followup'),
    birthDefects: await text('[data-test=fig-birth_defects_per_10000_births] .value'),
    birthsDetail: await text('[data-test=fig-birth_defects_per_10000_births] [data-test=fig-detail]'),
    // Each row of outcomes by screening result (abnormal, then normal): its
    // heading, total and each kind, as shown.
    outcomeRows: await page.locator('[data-test=dash-outcomes] .el-table__body tr').evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent.trim()))),
    outcomeTotals: await page.locator('[data-test=dash-outcomes] [data-test=outcome-total]').allTextContents().then((a) => a.map((x) => x.trim())),
  }
}

// fraction reads a figure's "n / d".
function fraction(d) {
  const m = /^(\d+) \/ (\d+)$/.exec(d)
  return m ? { numerator: Number(m[1]), denominator: Number(m[2]) } : { numerator: NaN, denominator: NaN }
}

// releaseSample draws, enters and verifies the tube of a woman of the
// category booked today at DC01, with the values given (as counsel.spec).
async function releaseSample(t, category, value) {
  const nurse = await t.api('nurse.dc')
  const booked = await nurse.get(`/appointments?station_id=${nurse.user.station_id}&date=${t.today}&status=booked`)
  const ap = booked.items.find((a) => a.category === category)
  t.assert.ok(ap, `a ${category} woman is booked today at DC01`)
  return { accession: await releaseAppointment(t, ap.id, value), name: ap.client_name }
}

// releaseAppointment checks in the woman booked, draws, enters and verifies
// her tube with the values given, and answers its accession.
async function releaseAppointment(t, appointmentId, value) {
  const nurse = await t.api('nurse.dc')
  const tech = await t.api('tech')
  const tech2 = await t.api('tech2')
  await nurse.post(`/appointments/${appointmentId}/check-in`)
  const sample = await nurse.post(`/appointments/${appointmentId}/samples`, {})
  await tech.post(`/samples/${sample.accession}/receive`)
  const analytes = (await tech.get('/analytes')).items
  const results = analytes.filter((a) => a.active_kit).map((a) => ({ analyte: a.code, value: value(a.code, a.active_kit) }))
  await tech.put(`/samples/${sample.accession}/results`, { results })
  await tech2.post(`/samples/${sample.accession}/verify`, { acknowledge_abnormal: true })
  return sample.accession
}
