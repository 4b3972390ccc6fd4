// One woman, one episode. The demo screened two women at DC01
// in the past: a pregnant woman whose Toxo IgM was positive and IgG
// negative exactly retest_min_days ago, and a woman drawn three days ago
// with an equivocal Toxo IgM. The counselor sees each case's next action
// in the queue; on the second woman's case the retest calendar greys the
// days before her first retest day, a slot the server finds too early is
// refused with the day named, and closing without having reached her is
// refused in words. The pregnant woman is reached, her retest booked for
// today (the first day allowed), drawn, entered with both Toxo antibodies
// positive and verified as a pair (category, gestation, IgG negative →
// positive); the same case shows both tubes and the seroconversion, an
// obstetric referral is recorded, and the case closes as referred. Last, a
// rubella IgG of the retest amended to negative is held at verification
// until the delta (IgG lost since the earlier tube) is acknowledged; and a
// high avidity recorded on another pregnant woman's IgM- and IgG-positive
// case lowers it to routine, with the reason in words.

function addDays(iso, n) {
  const d = new Date(iso + 'T00:00:00Z')
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

export default async function (t) {
  const counselorApi = await t.api('counselor.dc')
  const admin = await t.api('demo.admin')
  const mine = (await counselorApi.get('/followups?assignee=me')).items
  const pregnant = mine.find((c) => c.findings.some((f) => f.code === 'TOXO_IGM_POS_IGG_NEG'))
  const equivocal = mine.find((c) => c.findings.some((f) => f.code === 'TOXO_IGM_EQUIVOCAL'))
  t.assert.ok(pregnant && equivocal, 'the demo made both cases for counselor.dc')
  t.assert.equal(pregnant.priority, 'urgent')
  const minDays = (await admin.get('/settings')).retest_min_days
  t.assert.equal(minDays, 14)

  // The queue: the overdue urgent case first, each with its next action and its day.
  const page = await t.page()
  await t.login(page, 'counselor.dc')
  await page.waitForURL('**/counsel/queue')
  const rows = page.locator('[data-test=case-row]')
  await rows.first().waitFor()
  t.assert.equal(await rows.nth(0).getAttribute('data-case'), String(pregnant.id))
  const first = rows.nth(0)
  t.assert.equal((await first.locator('[data-test=next-kind]').textContent()).trim(), '联系她')
  t.assert.match(await first.locator('[data-test=next-due]').textContent(), /^\d{4}-\d{2}-\d{2} 前$/)
  t.assert.equal(await first.locator('[data-test=overdue]').count(), 1)
  const second = page.locator(`[data-test=case-row][data-case="${equivocal.id}"]`)
  t.assert.match(await second.locator('[data-test=due]').textContent(), /联系她.*天后到期/)
  t.assert.match(await second.locator('[data-test=case-finding]').textContent(), /弓形虫 IgM灰区/)
  await t.shot(page, 'episode-queue')

  // The woman drawn 3 days ago: her retest may be drawn from 14 days after
  // that draw; the calendar greys the days before, and no slot there can be picked.
  await second.locator('[data-test=case-link]').click()
  await page.waitForURL(`**/counsel/cases/${equivocal.id}`)
  const detail = await counselorApi.get(`/followups/${equivocal.id}`)
  const earliest = detail.retest_earliest_on
  t.assert.equal(earliest, addDays(detail.samples[0].collected_on, minDays))
  t.assert.equal(earliest, addDays(t.today, minDays - 3))
  // Meanwhile an administrator opens a slot on that first day, and then
  // lengthens the interval: the page still shows the day as allowed, the
  // server refuses it and the dialog names the new first day.
  const slot = await admin.post(`/stations/${equivocal.station_id}/slots`, { date: earliest, start: '10:30', capacity: 2 })
  await page.click('[data-test=retest-open]')
  await page.waitForSelector(`[data-test=slot-day-${t.today}].early`)
  t.assert.match(await page.textContent('[data-test=slot-not-before]'), new RegExp(`${earliest} 之前`))
  const early = page.locator('[data-test=retest-dialog] .day.early')
  t.assert.equal(await early.count(), minDays - 3)
  t.assert.equal(await page.locator('[data-test=retest-dialog] .day.early button.slot').count(), 0)
  t.assert.ok(await page.locator('[data-test=retest-dialog] .day.early .slot.closed >> text=太早').count() > 0)
  t.assert.equal(await page.locator(`[data-test=slot-day-${earliest}]`).getAttribute('class').then((c) => c.includes('early')), false)
  await page.waitForSelector(`[data-test=slot-${slot.id}]`)
  await t.shot(page, 'episode-retest-greyed')

  await admin.put('/settings', { retest_min_days: minDays + 6 })
  await page.click(`[data-test=slot-${slot.id}]`)
  await page.click('[data-test=retest-submit]')
  const later = addDays(earliest, 6)
  t.assert.match(await page.textContent('[data-test=retest-too-early]'), new RegExp(`最早可在 ${later} 复查`))
  await page.waitForSelector(`[data-test=slot-day-${earliest}].early`)
  await t.shot(page, 'episode-retest-too-early')
  await admin.put('/settings', { retest_min_days: minDays })
  await page.keyboard.press('Escape')
  await page.waitForSelector('[data-test=retest-dialog]', { state: 'hidden' })

  // Closing without having reached her is refused, in words.
  await page.click('[data-test=close-open]')
  await page.click('[data-test=outcome-counseled]')
  await page.click('[data-test=close-submit]')
  const refused = page.locator('[data-test=close-refused][data-code=no_contact]')
  await refused.waitFor()
  t.assert.match(await refused.textContent(), /还没有联系上她/)
  t.assert.match(await refused.textContent(), /已联系上/)
  await t.shot(page, 'episode-close-no-contact')
  await page.keyboard.press('Escape')
  await page.waitForSelector('[data-test=close-dialog]', { state: 'hidden' })

  // The pregnant woman's case: overdue, nobody reached; the escalation in words.
  await page.goto(t.base + `/counsel/cases/${pregnant.id}`)
  const next = page.locator('[data-test=next-action]')
  await next.waitFor()
  t.assert.equal(await next.getAttribute('data-kind'), 'contact')
  t.assert.equal(await next.getAttribute('data-overdue'), 'yes')
  t.assert.equal(await page.locator('[data-test=episode-column]').count(), 1)
  await page.waitForSelector('[data-test=timeline-event][data-event=escalated]')
  t.assert.match(await page.textContent('[data-test=timeline-event][data-event=escalated]'), /“联系她”已逾期 \d+ 天，已通知管理员/)

  // Reached by phone: the form asks for the next action, proposed from her
  // finding (a retest), on the first day allowed, which is today.
  await page.click('[data-test=result-reached]')
  await page.waitForSelector('[data-test=contact-next-action]')
  t.assert.match(await page.getAttribute('[data-test=next-kind-retest]', 'class'), /is-active/)
  t.assert.equal(await page.inputValue('[data-test=contact-next-action] input.el-input__inner'), t.today)
  t.assert.match(await page.textContent('[data-test=next-retest-from]'), new RegExp(t.today))
  t.assert.match(await page.textContent('[data-test=next-suggested]'), new RegExp(`系统建议：复查采血，${t.today} 前`))
  await page.fill('[data-test=contact-note]', '已告知结果，今天来站复查')
  await t.shot(page, 'episode-contact-reached')
  await page.click('[data-test=contact-submit]')
  await page.waitForSelector('[data-test=timeline-contact] >> text=已联系上')
  await page.waitForSelector(`[data-test=next-action][data-kind=retest][data-overdue=no]`)
  t.assert.match(await page.textContent('[data-test=next-action-due]'), new RegExp(`${t.today} 前`))
  t.assert.match(await page.textContent('[data-test=timeline-event][data-event=next_action]'), /下一步：复查采血，\d{4}-\d{2}-\d{2} 前（联系上时选定）/)

  // Her retest today: no day is greyed (today is her first day).
  await page.click('[data-test=retest-open]')
  const todays = page.locator(`[data-test=slot-day-${t.today}] button.slot.free`)
  await todays.first().waitFor()
  t.assert.equal(await page.locator('[data-test=retest-dialog] .day.early').count(), 0)
  await todays.first().click()
  await page.click('[data-test=retest-submit]')
  await page.waitForSelector('[data-test=episode-column][data-kind=retest]')
  t.assert.match(await page.textContent('[data-test=episode-column][data-kind=retest]'), /尚未采血/)

  // The nurse checks her in and draws; the bench enters both Toxo
  // antibodies positive (rubella IgG positive, the rest negative).
  const nurse = await t.api('nurse.dc')
  const tech = await t.api('tech')
  const booked = (await nurse.get(`/appointments?station_id=${nurse.user.station_id}&date=${t.today}&status=booked`)).items
  const ap = booked.find((a) => a.client_id === pregnant.client_id)
  t.assert.ok(ap, 'her retest is on the day list')
  await nurse.post(`/appointments/${ap.id}/check-in`)
  const retest = await nurse.post(`/appointments/${ap.id}/samples`, {})
  t.assert.equal(retest.kind ?? 'retest', 'retest')
  await tech.post(`/samples/${retest.accession}/receive`)
  const analytes = (await tech.get('/analytes')).items.filter((a) => a.active_kit)
  const value = (code, kit) => (code === 'TOXO_IGM' ? kit.positive_from * 3 : code === 'TOXO_IGG' ? kit.positive_from * 15
    : code === 'RUBV_IGG' ? kit.positive_from * 4 : kit.negative_below / 2)
  await tech.put(`/samples/${retest.accession}/results`, { results: analytes.map((a) => ({ analyte: a.code, value: value(a.code, a.active_kit) })) })

  // The second technician: her category and gestation beside the results,
  // the earlier tube, and the seroconversion read as earlier → now.
  const lab = await t.page()
  await t.login(lab, 'tech2')
  await lab.goto(t.base + '/lab/verify')
  await lab.click(`[data-test=queue-${retest.accession}]`)
  await lab.waitForSelector(`[data-test=verify-detail][data-accession="${retest.accession}"] [data-test=verify-her]`)
  t.assert.equal((await lab.textContent('[data-test=verify-category]')).trim(), '孕早期')
  t.assert.match(await lab.textContent('[data-test=verify-gestation]'), /^孕\d+周\d天$/)
  const paired = await lab.textContent('[data-test=verify-paired]')
  t.assert.match(paired, new RegExp(pregnant.sample_accession))
  t.assert.match(paired, new RegExp(`${addDays(t.today, -minDays)} 采血`))
  const sero = lab.locator('[data-test=verify-finding][data-code=TOXO_SEROCONVERSION]')
  t.assert.match(await sero.textContent(), /弓形虫 IgG由阴转阳/)
  t.assert.match(await sero.locator('[data-test=paired-change]').textContent(), /IgG 阴性→阳性、IgM 阳性→阳性/)
  t.assert.equal(await lab.locator('[data-test=delta-alert]').count(), 0)
  t.assert.ok(await lab.isDisabled('[data-test=verify]'))
  await lab.waitForTimeout(500) // the tags finish zooming in
  await t.shot(lab, 'episode-verify')
  await lab.click('[data-test=ack-abnormal]')
  await lab.click('[data-test=verify]')
  await lab.waitForSelector('[data-test=verify-empty]')

  // The same case, not a second one: both tubes side by side, the pair's finding.
  const cases = (await counselorApi.get('/followups?assignee=me')).items.filter((c) => c.client_id === pregnant.client_id)
  t.assert.deepEqual(cases.map((c) => c.id), [pregnant.id])
  await page.reload()
  await page.waitForSelector('[data-test=finding][data-code=TOXO_SEROCONVERSION]')
  const columns = page.locator('[data-test=episode-column]')
  t.assert.equal(await columns.count(), 2)
  t.assert.equal(await columns.nth(0).getAttribute('data-accession'), pregnant.sample_accession)
  t.assert.equal(await columns.nth(1).getAttribute('data-accession'), retest.accession)
  t.assert.match(await page.textContent('[data-test=result-TOXO_IGG]'), /较上次 阴性→阳性/)
  t.assert.match(await page.textContent('[data-test=finding][data-code=TOXO_SEROCONVERSION]'), /两次对比：IgG 阴性→阳性/)
  t.assert.match(await page.textContent('[data-test=timeline-event][data-event=retest_released]'), new RegExp(`复查 ${retest.accession} 结果已发布.*弓形虫 IgG由阴转阳`))
  // Released results must be told: the next action is a contact again.
  t.assert.equal(await page.getAttribute('[data-test=next-action]', 'data-kind'), 'contact')
  await page.waitForFunction(() => !document.querySelector('.el-message'))
  await t.shot(page, 'episode-case')

  // She is told and seen by an obstetrician: the referral is recorded.
  await page.click('[data-test=external-open]')
  await page.click('[data-test=external-kind-obstetric_referral]')
  t.assert.equal(await page.locator('[data-test=external-pathogen]').count(), 0)
  await page.click('[data-test=external-result-seen]')
  await page.fill('[data-test=external-note]', '市妇幼保健院产科门诊')
  await page.click('[data-test=external-next-kind-outcome]')
  await page.waitForSelector('[data-test=external-next-kind-outcome].is-active')
  await t.shot(page, 'episode-external')
  await page.click('[data-test=external-submit]')
  await page.waitForSelector('[data-test=external-result][data-kind=obstetric_referral]')
  t.assert.match(await page.textContent('[data-test=external-result]'), /产科转诊：已到产科就诊/)
  await page.waitForSelector('[data-test=next-action][data-kind=outcome]')
  t.assert.match(await page.textContent('[data-test=timeline-event][data-event=external_result]'), /外部检查结果：产科转诊：已到产科就诊/)

  // "Retest normal" is refused (her retest is abnormal), in words; "referred" closes it.
  await page.click('[data-test=close-open]')
  await page.click('[data-test=outcome-retest_normal]')
  await page.click('[data-test=close-submit]')
  await page.waitForSelector('[data-test=close-refused][data-code=retest_not_normal]')
  t.assert.match(await page.textContent('[data-test=close-refused]'), /已发布且无异常的复查结果/)
  await page.click('[data-test=outcome-referred]')
  await page.fill('[data-test=close-note]', '已转产科，血清学转换已告知')
  await page.click('[data-test=close-submit]')
  await page.waitForSelector('[data-test=case-outcome] >> text=已转诊')
  t.assert.equal((await counselorApi.get(`/followups/${pregnant.id}`)).status, 'closed')
  t.assert.equal(await page.locator('[data-test=next-action]').count(), 0)

  // The same episode in English: every step in words, none in the server's English codes.
  const en = await t.page({ locale: 'en-US' })
  await en.addInitScript(() => localStorage.setItem('torchlab.lang', 'en'))
  await t.login(en, 'counselor.dc')
  await en.goto(t.base + `/counsel/cases/${pregnant.id}`)
  await en.waitForSelector('[data-test=finding][data-code=TOXO_SEROCONVERSION]')
  t.assert.match(await en.textContent('[data-test=finding]'), /Toxoplasma IgG seroconversion/)
  t.assert.match(await en.textContent('[data-test=finding-change]'), /IgG Negative → Positive/)
  const timeline = await en.textContent('[data-test=timeline]')
  t.assert.match(timeline, /Next: Retest draw by \d{4}-\d{2}-\d{2} \(chosen when she was reached\)/)
  t.assert.match(timeline, /External result: Obstetric referral: seen by the obstetrician/)
  t.assert.doesNotMatch(timeline, /[A-Z]{3,}_[A-Z_]+|obstetric_referral|overdue by/)
  await t.shot(en, 'episode-en-case')

  // Later the bench finds the retest's rubella IgG mistyped: amended to
  // negative, it reads as an IgG lost since the earlier tube, and the
  // release waits for the delta to be acknowledged after checking both tubes.
  const rubv = analytes.find((a) => a.code === 'RUBV_IGG').active_kit
  await tech.post(`/samples/${retest.accession}/results/RUBV_IGG/amend`, { value: String(rubv.negative_below / 2), reason: '录入错误' })
  await lab.goto(t.base + '/lab/verify')
  await lab.click(`[data-test=queue-${retest.accession}]`)
  await lab.waitForSelector(`[data-test=verify-detail][data-accession="${retest.accession}"] [data-test=delta-alert]`)
  t.assert.match(await lab.textContent('[data-test=delta-alert]'), /风疹病毒 IgG由阳转阴/)
  t.assert.match(await lab.textContent('[data-test=ack-delta]'), new RegExp(`核对两支试管.*${retest.accession}.*${pregnant.sample_accession}`))
  if (await lab.locator('[data-test=ack-abnormal]').count()) await lab.click('[data-test=ack-abnormal]')
  t.assert.ok(await lab.isDisabled('[data-test=verify]'), 'the release waits for the delta acknowledgement')
  await lab.waitForTimeout(500)
  await t.shot(lab, 'episode-verify-delta')
  await lab.click('[data-test=ack-delta]')
  await lab.click('[data-test=verify]')
  await lab.waitForSelector('[data-test=verify-empty]')
  t.assert.equal((await tech.get(`/samples/${retest.accession}`)).report_version, 2)

  // Another pregnant woman, today: Toxo IgM and IgG both positive, urgent.
  // A high avidity measured before 12 weeks places the infection before
  // this pregnancy: the case becomes routine, and says why.
  const today = (await nurse.get(`/appointments?station_id=${nurse.user.station_id}&date=${t.today}&status=booked`)).items
  const other = today.find((a) => a.category === 'pregnant')
  t.assert.ok(other, 'a pregnant woman is booked today at DC01')
  await nurse.post(`/appointments/${other.id}/check-in`)
  const tube = await nurse.post(`/appointments/${other.id}/samples`, {})
  await tech.post(`/samples/${tube.accession}/receive`)
  await tech.put(`/samples/${tube.accession}/results`, { results: analytes.map((a) => ({ analyte: a.code, value: value(a.code, a.active_kit) })) })
  await (await t.api('tech2')).post(`/samples/${tube.accession}/verify`, { acknowledge_abnormal: true })
  const igmIgg = (await counselorApi.get('/followups?assignee=me')).items.find((c) => c.sample_accession === tube.accession)
  t.assert.equal(igmIgg.priority, 'urgent')
  t.assert.equal(igmIgg.findings[0].code, 'TOXO_IGM_POS_IGG_POS')
  await page.goto(t.base + `/counsel/cases/${igmIgg.id}`)
  await page.click('[data-test=external-open]')
  await page.waitForSelector('[data-test=external-pathogen-TOXO].is-active')
  await page.click('[data-test=external-result-high]')
  await page.click('[data-test=external-submit]')
  await page.waitForSelector('[data-test=external-result][data-effect=priority_lowered] [data-test=priority-lowered]')
  t.assert.match(await page.textContent('[data-test=lowered-why]'), /孕 \d+ 周 \d+ 天时弓形虫 IgG亲和力高，提示感染发生在本次怀孕之前：优先级由“紧急”降为“常规”/)
  await page.waitForSelector('[data-test=case-priority] >> text=常规')
  t.assert.match(await page.textContent('[data-test=timeline-event][data-event=external_result]'), /外部检查结果：IgG亲和力 弓形虫：高亲和力.*降为“常规”/)
  await page.waitForFunction(() => !document.querySelector('.el-message'))
  await t.shot(page, 'episode-avidity')
}
