// Quality control holds release. Two tubes drawn today are
// received; the technician builds a Toxo IgG run on the QC page by scanning
// them in (the first run on the demo's lot asks for lot-to-lot review),
// enters two high-positive control values beyond +2 SD (2-2s) and sees the
// run rejected; the second technician's verification of a tube of that run
// is refused in words. The technician records the corrective action, which
// opens the re-run with both tubes and clears their Toxo IgG; the re-run's
// control is in control, the Toxo IgG is entered again, and both samples
// release. The Levey-Jennings chart marks the violations.
export default async function (t) {
  const nurse = await t.api('nurse.dc')
  const tech = await t.api('tech')
  const booked = (await nurse.get(`/appointments?date=${t.today}&status=booked`)).items
  t.assert.ok(booked.length >= 2, 'the demo books at least two women for today')
  const accs = []
  for (const a of booked.slice(0, 2)) {
    await nurse.post(`/appointments/${a.id}/check-in`)
    const s = await nurse.post(`/appointments/${a.id}/samples`, {})
    await tech.post(`/samples/${s.accession}/receive`)
    accs.push(s.accession)
  }
  const material = await tech.post('/qc/materials', {
    analyte: 'TOXO_IGG', lot: 'QC-TG-H1', level: 'high_positive', target_mean: 10, target_sd: 1, valid_until: '2099-12-31',
  })

  // The run: built on the page, its tubes scanned in.
  const page = await t.page()
  await t.login(page, 'tech')
  await page.click('[data-test=nav] >> text=室内质控')
  await page.waitForURL('**/lab/qc')
  await page.click('[data-test=qc-new-analytes] >> text=TOXO_IGG')
  await page.click('[data-test=qc-open-run]')
  await page.waitForSelector('[data-test=qc-run] [data-test=qc-status] >> text=待质控')
  await page.waitForSelector('[data-test=qc-lot-review]')
  for (const acc of accs) {
    await page.fill('[data-test=qc-scan]', acc)
    await page.press('[data-test=qc-scan]', 'Enter')
    await page.waitForSelector(`[data-test=qc-samples] >> text=${acc}`)
  }

  // Two control values beyond +2 SD: a warning, then 2-2s rejects the run.
  const enterControl = async (value) => {
    await page.click('[data-test=qc-material]')
    await page.click(`.el-select-dropdown__item:visible >> text=QC-TG-H1`)
    await page.fill('[data-test=qc-value]', value)
    await page.click('[data-test=qc-enter]')
  }
  await enterControl('12.5')
  await page.waitForSelector('[data-test=qc-status] >> text=警告')
  t.assert.match(await page.textContent('[data-test=qc-last-rules]'), /1-2s/)
  await enterControl('12.3')
  await page.waitForSelector('[data-test=qc-status] >> text=失控')
  t.assert.match(await page.textContent('[data-test=qc-last-rules]'), /2-2s/)
  await page.waitForSelector('[data-test=qc-rejected]')
  await page.waitForSelector('[data-test=qc-runs] [data-test=qc-run-status] >> text=失控')
  await t.shot(page, 'qc-rejected')

  // Results are in, but the second technician may not release them.
  for (const acc of accs) {
    await tech.put(`/samples/${acc}/results`, { results: [
      { analyte: 'TOXO_IGG', value: '0.4' }, { analyte: 'TOXO_IGM', value: '1.2' }, { analyte: 'RUBV_IGG', value: '30' },
      { analyte: 'RUBV_IGM', value: '0.2' }, { analyte: 'CMV_IGG', value: '20' }, { analyte: 'CMV_IGM', value: '0.3' },
      { analyte: 'HSV_IGG', value: '3' }, { analyte: 'HSV_IGM', value: '0.3' },
    ] })
  }
  const page2 = await t.page()
  await t.login(page2, 'tech2')
  await page2.goto(t.base + '/lab/verify')
  await page2.click(`[data-test=queue-${accs[0]}]`)
  await page2.waitForSelector(`[data-test=verify-detail][data-accession="${accs[0]}"]`)
  await page2.click('[data-test=verify]')
  await page2.waitForSelector('.el-message--error:has-text("质控失控")')
  await t.shot(page2, 'qc-verify-refused')

  // Corrective action: the re-run opens with both tubes, their Toxo IgG cleared.
  await page.fill('[data-test=qc-action]', '重新定标，更换新开瓶质控品')
  await page.click('[data-test=qc-correct]')
  await page.waitForSelector('[data-test=qc-run] [data-test=qc-status] >> text=待质控')
  for (const acc of accs) await page.waitForSelector(`[data-test=qc-samples] >> text=${acc}`)
  const runs = (await tech.get(`/runs?date=${t.today}`)).items
  t.assert.deepEqual(runs.map((r) => r.status), ['corrected', 'pending'])
  for (const acc of accs) {
    const s = await tech.get(`/samples/${acc}`)
    t.assert.equal(s.status, 'received')
    t.assert.equal(s.results.find((r) => r.analyte === 'TOXO_IGG'), undefined)
  }
  await enterControl('10.4')
  await page.waitForSelector('[data-test=qc-status] >> text=在控')

  // Entered again, and released by the second technician.
  for (const acc of accs) await tech.put(`/samples/${acc}/results`, { results: [{ analyte: 'TOXO_IGG', value: '0.3' }] })
  await page2.goto(t.base + '/lab/verify')
  for (const acc of accs) {
    await page2.click(`[data-test=queue-${acc}]`)
    await page2.waitForSelector(`[data-test=verify-detail][data-accession="${acc}"]`)
    await page2.click('[data-test=verify]')
    await page2.waitForSelector(`[data-test=queue-${acc}]`, { state: 'detached' })
  }
  for (const acc of accs) t.assert.equal((await tech.get(`/samples/${acc}`)).status, 'released')

  // The Levey-Jennings chart of the material marks the violations.
  await page.click('.el-tabs__item >> text=质控品')
  await page.click('[data-test=qc-chart-material]')
  await page.click('.el-select-dropdown__item:visible >> text=QC-TG-H1')
  await page.waitForSelector('[data-test=qc-chart] canvas')
  const points = page.locator('[data-test=qc-chart-points] .el-table__body tr')
  t.assert.equal(await points.count(), 3)
  t.assert.match(await points.nth(1).textContent(), /2-2s.*失控/)
  t.assert.equal(material.level, 'high_positive')
  await t.shot(page, 'qc-chart')
}
