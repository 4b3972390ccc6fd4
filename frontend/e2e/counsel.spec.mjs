// The counselor's day: an IgM-positive result of a pregnant woman reaches
// her queue urgent, first after any overdue case (the demo leaves her one);
// she opens it, fails to reach the woman, then reaches her (the next action
// proposed: a retest two weeks after the draw), books the retest on its
// first day, is told why "lost to follow-up" is not allowed yet, closes
// with an outcome, and the case leaves her open queue.

// releaseSample makes a released sample for today's booked appointment of
// the given category at nurse.dc's station, with the values `value` picks
// per analyte (from its kit's cut-offs), and returns it with the woman.
async function releaseSample(t, category, value) {
  const nurse = await t.api('nurse.dc')
  const tech = await t.api('tech')
  const tech2 = await t.api('tech2')
  const booked = await nurse.get(`/appointments?station_id=${nurse.user.station_id}&date=${t.today}&status=booked`)
  const ap = booked.items.find((a) => a.category === category)
  t.assert.ok(ap, `a ${category} woman is booked today at DC01`)
  await nurse.post(`/appointments/${ap.id}/check-in`)
  const sample = await nurse.post(`/appointments/${ap.id}/samples`, {})
  await tech.post(`/samples/${sample.accession}/receive`)
  const analytes = (await tech.get('/analytes')).items
  const results = analytes.filter((a) => a.active_kit).map((a) => ({ analyte: a.code, value: value(a.code, a.active_kit) }))
  await tech.put(`/samples/${sample.accession}/results`, { results })
  await tech2.post(`/samples/${sample.accession}/verify`, { acknowledge_abnormal: true })
  return { accession: sample.accession, name: ap.client_name }
}

const negative = (kit) => kit.negative_below / 2
const positive = (kit) => kit.positive_from * 3

export default async function (t) {
  // First a routine case (a woman planning pregnancy, not immune to
  // rubella), then the urgent one: the queue must put the urgent one first.
  const routine = await releaseSample(t, 'planning', (_, kit) => negative(kit))
  const urgent = await releaseSample(t, 'pregnant', (code, kit) =>
    code === 'TOXO_IGM' || code === 'RUBV_IGG' ? positive(kit) : negative(kit))
  const counselorApi = await t.api('counselor.dc')
  const mine = (await counselorApi.get('/followups?assignee=me')).items
  const urgentCase = mine.find((c) => c.sample_accession === urgent.accession)
  const routineCase = mine.find((c) => c.sample_accession === routine.accession)
  t.assert.equal(urgentCase.priority, 'urgent')
  t.assert.equal(routineCase.priority, 'routine')

  // Her home is the queue: the urgent case first, the day summary counts it.
  const page = await t.page()
  await t.login(page, 'counselor.dc')
  await page.waitForURL('**/counsel/queue')
  await page.waitForSelector('[data-test=case-row]')
  const rows = page.locator('[data-test=case-row]')
  t.assert.equal(await rows.count(), mine.length)
  const first = page.locator('[data-test=case-row]:not(.overdue)').first()
  t.assert.equal(await first.getAttribute('data-case'), String(urgentCase.id))
  const urgentRow = page.locator(`[data-test=case-row][data-case="${urgentCase.id}"]`)
  const routineRow = page.locator(`[data-test=case-row][data-case="${routineCase.id}"]`)
  t.assert.equal((await urgentRow.locator('[data-test=case-priority]').textContent()).trim(), '紧急')
  t.assert.match(await urgentRow.locator('[data-test=case-finding]').textContent(), /弓形虫 IgM阳性、IgG阴性/)
  t.assert.match(await urgentRow.locator('[data-test=due]').textContent(), /联系她.*小时后到期/)
  t.assert.match(await routineRow.locator('[data-test=case-finding]').textContent(), /风疹病毒 无免疫力/)
  const urgentCount = mine.filter((c) => c.priority === 'urgent').length
  t.assert.match(await page.textContent('[data-test=sum-urgent]'), new RegExp(`${urgentCount}\\s*紧急`))
  t.assert.match(await page.textContent('[data-test=sum-open]'), new RegExp(`${mine.length}\\s*未结案`))
  await t.shot(page, 'counsel-queue')

  // The case page: who she is, the finding with the server's own advice.
  await urgentRow.locator('[data-test=case-link]').click()
  await page.waitForURL(`**/counsel/cases/${urgentCase.id}`)
  t.assert.equal((await page.textContent('[data-test=case-name]')).trim(), urgent.name)
  t.assert.equal(
    (await page.textContent('[data-test=recommendation]')).trim().replace(/^建议：\s*/, ''),
    urgentCase.findings[0].recommendation,
  )
  t.assert.match(await page.textContent('[data-test=result-TOXO_IGM]'), /阳性/)
  t.assert.match(await page.textContent('[data-test=case-assignee]'), /我/)

  // The phone is masked until she asks to call (an audited reveal).
  t.assert.match(await page.textContent('[data-test=phone-masked]'), /\*{4}/)
  await page.click('[data-test=show-phone]')
  t.assert.match(await page.textContent('[data-test=phone]'), /^\d{11}$/)

  // A call nobody answers, then one that reaches her (Enter logs it).
  await page.click('[data-test=result-no_answer]')
  await page.fill('[data-test=contact-note]', '上午电话无人接听')
  await page.click('[data-test=contact-submit]')
  await page.waitForSelector('[data-test=timeline-contact] >> text=无人接听')
  // The form keeps the focus for the next attempt.
  t.assert.match(await page.evaluate(() => document.activeElement?.closest('[data-test]')?.getAttribute('data-test') ?? ''), /^result-/)
  t.assert.equal((await page.textContent('[data-test=case-status]')).trim(), '跟进中')
  // Reached: the form proposes the next action, her retest on its first
  // day, two weeks after the draw; Enter logs it with that.
  await page.click('[data-test=result-reached]')
  const earliest = (await counselorApi.get(`/followups/${urgentCase.id}`)).retest_earliest_on
  t.assert.match(await page.getAttribute('[data-test=next-kind-retest]', 'class'), /is-active/)
  t.assert.equal(await page.inputValue('[data-test=contact-next-action] input.el-input__inner'), earliest)
  await page.fill('[data-test=contact-note]', '已告知结果，同意复查')
  await page.press('[data-test=contact-note]', 'Enter')
  await page.waitForSelector('[data-test=timeline-contact] >> text=已联系上')
  t.assert.equal(await page.locator('[data-test=timeline-contact]').count(), 2)
  t.assert.equal(await page.locator('[data-test=overdue]').count(), 0)
  await page.waitForSelector('[data-test=next-action][data-kind=retest]')
  t.assert.match(await page.textContent('[data-test=next-action-due]'), new RegExp(earliest))

  // Her retest, on the station's calendar, on a slot the station opens on
  // her first day (the demo's slots are all too early); it shows beside her results.
  const admin = await t.api('demo.admin')
  const slot = await admin.post(`/stations/${urgentCase.station_id}/slots`, { date: earliest, start: '09:30', capacity: 4 })
  await page.click('[data-test=retest-open]')
  await page.waitForSelector(`[data-test=slot-day-${t.today}].early`)
  await page.click('[data-test=slot-next]')
  await page.click(`[data-test=slot-${slot.id}]`)
  t.assert.match(await page.textContent('[data-test=retest-picked]'), /确认预约/)
  await page.click('[data-test=retest-submit]')
  await page.waitForSelector('[data-test=episode-column][data-kind=retest]')
  await page.waitForSelector('[data-test=timeline-event][data-event=retest_booked]')
  await page.waitForFunction(() => !document.querySelector('.el-message')) // the staff guide's picture, without toasts
  await t.shot(page, 'counsel-case')

  // "Lost to follow-up" is refused with the rule in words: one unreached
  // attempt is far from enough.
  await page.click('[data-test=close-open]')
  await page.click('[data-test=outcome-lost_to_follow_up]')
  await page.click('[data-test=close-submit]')
  const refusal = await page.locator('[data-test=lost-rule]').textContent()
  t.assert.match(refusal, /尚未满足失访结案的条件/)
  t.assert.match(refusal, /至少 3 次未联系上的尝试/)
  t.assert.match(refusal, /目前已有 1 次，分布在 1 天/)
  await t.shot(page, 'counsel-close-refused')

  await page.click('[data-test=outcome-counseled]')
  await page.fill('[data-test=close-note]', '已告知结果并预约复查')
  await page.click('[data-test=close-submit]')
  await page.waitForSelector('[data-test=case-outcome] >> text=已完成咨询指导')
  t.assert.equal((await page.textContent('[data-test=case-status]')).trim(), '已结案')
  t.assert.equal(await page.locator('[data-test=contact-form]').count(), 0)
  t.assert.equal((await counselorApi.get(`/followups/${urgentCase.id}`)).status, 'closed')

  // Back in the queue the closed case has left; the routine one is still open.
  await page.click('[data-test=back-to-queue]')
  await page.waitForURL('**/counsel/queue')
  await page.waitForSelector(`[data-test=case-row][data-case="${routineCase.id}"]`)
  t.assert.equal(await page.locator(`[data-test=case-row][data-case="${urgentCase.id}"]`).count(), 0)
  t.assert.equal(await page.locator('[data-test=case-row]').count(), mine.length - 1)
  t.assert.match(await page.textContent('[data-test=sum-open]'), new RegExp(`${mine.length - 1}\\s*未结案`))
}
