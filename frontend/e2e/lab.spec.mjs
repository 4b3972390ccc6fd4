// The laboratory bench's day: two tubes drawn at a station are received by
// scanning (a mistyped code refused first, the scan box keeping the focus),
// their results typed into the grid (an IgM positive for one), an analyser
// file imported, and a second technician verifies both: the abnormal one
// only after acknowledging it. Then both are released, and a released
// result is amended with a reason and released again by the other one.
export default async function (t) {
  const nurse = await t.api('nurse.dc')
  const booked = (await nurse.get(`/appointments?date=${t.today}&status=booked`)).items
  t.assert.ok(booked.length >= 2, 'the demo books at least two women for today')
  const drawn = []
  for (const a of booked.slice(0, 2)) {
    await nurse.post(`/appointments/${a.id}/check-in`)
    const s = await nurse.post(`/appointments/${a.id}/samples`, {})
    drawn.push({ acc: s.accession, name: a.client_name })
  }
  const [pos, neg] = drawn

  // Receiving: the technician's home is the scan box, focused.
  const page = await t.page()
  await t.login(page, 'tech')
  await page.waitForURL('**/lab/receive')
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-test'))
  await page.waitForSelector('[data-test=scan-input]')
  t.assert.equal(await focused(), 'scan-input')

  // A mistyped code (one wrong character) is refused in words; the box keeps the focus.
  const typo = pos.acc.slice(0, 8) + (pos.acc[8] === '7' ? '8' : '7')
  await page.keyboard.type(typo + '\n')
  await page.waitForSelector('[data-test=scan-flash][data-outcome=refused]')
  t.assert.match(await page.textContent('[data-test=scan-flash]'), /条码校验失败/)
  t.assert.equal(await focused(), 'scan-input')
  // A code cut short by the scanner is called that.
  await page.keyboard.type(pos.acc.slice(0, 5) + '\n')
  await page.waitForSelector('[data-test=scan-flash] >> text=条码位数不对')

  // The real codes: one as typed, one lower-case with a space as a scanner may send it.
  await page.keyboard.type(pos.acc + '\n')
  await page.waitForSelector(`[data-test=scan-flash][data-outcome=received] >> text=${pos.name}`)
  await page.keyboard.type(neg.acc.slice(0, 4).toLowerCase() + ' ' + neg.acc.slice(4).toLowerCase() + '\n')
  await page.waitForSelector(`[data-test=scan-flash][data-outcome=received] >> text=${neg.acc}`)
  await page.waitForSelector(`[data-test=flash-name] >> text=${neg.name}`)
  // Scanning the same tube again is harmless and marked as a repeat.
  await page.keyboard.type(pos.acc + '\n')
  await page.waitForSelector('[data-test=scan-flash][data-outcome=already_received] [data-test=flash-repeat]')
  const log = page.locator('[data-test=scan-log] .el-table__body tr')
  t.assert.equal(await log.count(), 5)
  t.assert.match(await log.nth(0).textContent(), /此前已接收.*重复/)
  t.assert.match(await log.nth(4).textContent(), /未接收/)
  t.assert.equal(await focused(), 'scan-input')
  await page.waitForTimeout(700) // the flash panel's animation ends, for the staff guide's picture
  await t.shot(page, 'lab-receive')

  // Result entry: Enter moves on, the preview judges as the kit does.
  await page.click('[data-test=nav] >> text=结果录入')
  await page.waitForSelector(`[data-test=cell-${pos.acc}-TOXO_IGG]`)
  const values = { TOXO_IGG: '0.5', TOXO_IGM: '1.2', RUBV_IGG: '30', RUBV_IGM: '0.2', CMV_IGG: '20', CMV_IGM: '0.3', HSV_IGG: '3', HSV_IGM: '0.3' }
  const enter = async (acc, vals, ctrlEnter) => {
    await page.click(`[data-test=cell-${acc}-TOXO_IGG]`)
    const list = Object.values(vals)
    for (let i = 0; i < list.length; i++) {
      await page.keyboard.type(list[i])
      if (i < list.length - 1) await page.keyboard.press('Enter')
    }
    if (ctrlEnter) await page.keyboard.press('Control+Enter')
  }
  await enter(pos.acc, { ...values, TOXO_IGM: '12' }, false)
  const igm = `[data-test=interp-${pos.acc}-TOXO_IGM]`
  t.assert.equal(await page.getAttribute(igm, 'data-interpretation'), 'positive')
  t.assert.equal(await page.textContent(igm), '阳性')
  t.assert.equal(await focused(), `cell-${pos.acc}-HSV_IGM`)
  await page.keyboard.press('Control+Enter')
  await page.waitForSelector(`[data-test=row-status-${pos.acc}] >> text=已录齐`)
  t.assert.equal(await page.getAttribute(igm, 'data-saved'), 'yes')
  t.assert.equal(await page.getAttribute(igm, 'data-interpretation'), 'positive')
  await enter(neg.acc, values, false)
  t.assert.equal(await page.getAttribute(`[data-test=interp-${neg.acc}-TOXO_IGM]`, 'data-interpretation'), 'negative')
  await t.shot(page, 'lab-results')
  await page.click(`[data-test=save-${neg.acc}]`)
  await page.waitForSelector(`[data-test=row-status-${neg.acc}] >> text=已录齐`)

  // The import: each line's outcome in words.
  await page.click('[data-test=nav] >> text=导入结果')
  await page.setInputFiles('[data-test=import-file]', {
    name: 'analyser.csv', mimeType: 'text/csv',
    buffer: Buffer.from(`accession,analyte,value\n${typo},TOXO_IGG,1\n${pos.acc},XYZ_IGG,1\n`),
  })
  await page.click('[data-test=import-send]')
  await page.waitForSelector('[data-test=import-summary]')
  t.assert.match(await page.textContent('[data-test=import-summary]'), /已保存 0 行，未保存 2 行/)
  t.assert.match(await page.textContent('[data-test=import-rows]'), /条码校验失败/)
  await t.shot(page, 'lab-import')

  // The technician who entered them cannot release them, and is told why.
  await page.click('[data-test=nav] >> text=审核发布')
  await page.waitForSelector('[data-test=self-verification]')
  t.assert.ok(await page.isDisabled('[data-test=verify]'))

  // A second technician: the abnormal sample needs the acknowledgement.
  const page2 = await t.page()
  await t.login(page2, 'tech2')
  await page2.goto(t.base + '/lab/verify')
  await page2.click(`[data-test=queue-${pos.acc}]`)
  await page2.waitForSelector(`[data-test=verify-detail][data-accession="${pos.acc}"]`)
  await page2.waitForSelector('[data-test=abnormal-alert]')
  t.assert.match(await page2.textContent('[data-test=abnormal-alert]'), /弓形虫/)
  t.assert.ok(await page2.isDisabled('[data-test=verify]'))
  await t.shot(page2, 'lab-verify')
  await page2.click('[data-test=ack-abnormal]')
  t.assert.ok(await page2.isEnabled('[data-test=verify]'))
  await page2.click('[data-test=verify]')
  // The next sample opens by itself; a normal one needs no acknowledgement.
  await page2.waitForSelector(`[data-test=verify-detail][data-accession="${neg.acc}"]`)
  t.assert.equal(await page2.isVisible('[data-test=abnormal-alert]'), false)
  await page2.click('[data-test=verify]')
  await page2.waitForSelector('[data-test=verify-empty]')

  const tech = await t.api('tech')
  const a = await tech.get(`/samples/${pos.acc}`)
  const b = await tech.get(`/samples/${neg.acc}`)
  t.assert.equal(a.status, 'released')
  t.assert.equal(a.abnormal, true)
  t.assert.equal(b.status, 'released')
  t.assert.equal(b.abnormal, false)

  // An amendment: the released IgM was wrong; the other technician releases version 2.
  await page.click('[data-test=nav] >> text=更正结果')
  await page.fill('[data-test=amend-find]', pos.acc)
  await page.press('[data-test=amend-find]', 'Enter')
  await page.click('[data-test=amend-TOXO_IGM]')
  // The dialog focuses the value once it has opened (@opened): typing
  // before that can land in the wrong field.
  await page.waitForFunction(() => document.activeElement?.closest('[data-test=amend-value]') != null)
  await page.fill('[data-test=amend-value]', '5')
  await page.fill('[data-test=amend-reason]', '仪器复测结果不同')
  await page.click('[data-test=amend-submit]')
  await page.waitForSelector('[data-test=amend-pending]')
  // The amendment waits in the second technician's queue.
  await page2.reload()
  await page2.click(`[data-test=queue-${pos.acc}]`)
  await page2.waitForSelector('[data-test=amendment]')
  t.assert.match(await page2.textContent('[data-test=amended-from]'), /原结果 12（阳性）.*仪器复测结果不同/)
  t.assert.equal(await page2.isVisible('[data-test=abnormal-alert]'), false)
  await page2.click('[data-test=verify]')
  await page2.waitForSelector('[data-test=verify-empty]')
  const amended = await tech.get(`/samples/${pos.acc}`)
  t.assert.equal(amended.report_version, 2)
  t.assert.equal(amended.abnormal, false)
}
