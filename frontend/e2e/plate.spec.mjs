// ELISA plates. Two tubes drawn today are received and
// scanned into a Toxo IgG run; on the QC page the technician opens the
// run's plate: the 8×12 map has the kit's wells and the tubes from G1 in
// scan order. The reader's OD file is uploaded and computed (nothing
// saved), then entered: both tubes get their S/CO as Toxo IgG results
// awaiting verification.
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
  const run = await tech.post('/runs', { analyte_codes: ['TOXO_IGG'] })
  await tech.post(`/runs/${run.id}/samples`, { accessions: accs })

  const page = await t.page()
  await t.login(page, 'tech')
  await page.click('[data-test=nav] >> text=室内质控')
  await page.waitForURL('**/lab/qc')
  await page.click(`[data-test=qc-runs] >> text=TOXO_IGG`)
  await page.waitForSelector('[data-test=qc-run]')
  await page.click('[data-test=plate-toggle]')
  await page.waitForSelector('[data-test=plate-grid]')
  t.assert.match(await page.textContent('[data-test=plate-grid] td[data-well=A1]'), /空白/)
  t.assert.match(await page.textContent('[data-test=plate-grid] td[data-well=C1]'), /临界值/)
  t.assert.match(await page.textContent('[data-test=plate-grid] td[data-well=G1]'), new RegExp(accs[0]))
  t.assert.match(await page.textContent('[data-test=plate-grid] td[data-well=H1]'), new RegExp(accs[1]))

  const od = 'well,od\nA1,0.050\nB1,0.480\nC1,0.520\nD1,0.500\nE1,0.120\nF1,1.500\nG1,1.265\nH1,0.150\n'
  await page.setInputFiles('[data-test=plate-file]', { name: 'od.csv', mimeType: 'text/csv', buffer: Buffer.from(od) })
  await page.click('[data-test=plate-compute]')
  await page.waitForSelector('[data-test=plate-values] >> text=' + accs[0])
  t.assert.equal((await page.textContent('[data-test=plate-cutoff]')).trim(), '0.450')
  t.assert.match(await page.textContent('[data-test=plate-values]'), /2\.70/)
  t.assert.equal((await tech.get(`/samples/${accs[0]}`)).results.find((r) => r.analyte === 'TOXO_IGG'), undefined)
  await t.shot(page, 'plate-preview')

  await page.click('[data-test=plate-enter]')
  await page.waitForSelector('[data-test=plate-read-at]')
  const r0 = (await tech.get(`/samples/${accs[0]}`)).results.find((r) => r.analyte === 'TOXO_IGG')
  const r1 = (await tech.get(`/samples/${accs[1]}`)).results.find((r) => r.analyte === 'TOXO_IGG')
  t.assert.equal(r0.value_text, '2.70')
  t.assert.equal(r1.value_text, '0.22')
  t.assert.equal(r0.state, 'entered')
  await t.shot(page, 'plate-entered')
}
