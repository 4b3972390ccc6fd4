// An admin configures an analyser on the Analysers screen: a sender id
// with an HL7 delimiter is refused under the field in her language, then
// the analyser is saved with two code rows (a local code, and a LOINC
// code) and listed. The analyser (Debian's mllp_send) then sends one HL7
// result and the lab sees it accepted on the Analyser messages screen;
// switched off, the analyser is listed inactive and its next message refused.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const hl7Port = 20000 + Math.floor(Math.random() * 20000)
export const env = { TORCHLAB_HL7_ADDR: `127.0.0.1:${hl7Port}` }

function send(message) {
  const file = join(mkdtempSync(join(tmpdir(), 'torchlab-hl7-')), 'm.hl7')
  writeFileSync(file, message)
  return execFileSync('mllp_send', ['--loose', '--file', file, '--port', String(hl7Port), '127.0.0.1']).toString()
}

async function pickAnalyte(page, row, code) {
  await row.locator('[data-test=row-analyte]').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: code }).click()
  // The list fades out; the next row's list must be the only one shown.
  await page.waitForFunction(() => ![...document.querySelectorAll('.el-select-dropdown__item')].some((e) => e.checkVisibility()))
}

export default async function (t) {
  const tech = await t.api('tech')
  const igm = (await tech.get('/analytes')).items.find((a) => a.code === 'TOXO_IGM')
  t.assert.ok(igm?.loinc, 'the demo gives Toxoplasma IgM a LOINC code')

  const page = await t.page()
  await t.login(page, 'demo.admin')
  await page.click('[data-test=nav] >> text=检验仪器')
  await page.waitForSelector('[data-test=analyser-list]')
  await page.click('[data-test=analyser-new]')
  await page.fill('[data-test=analyser-name]', 'Maglumi 800')
  await page.fill('[data-test=analyser-sender]', 'MAGLUMI|LAB')
  const rows = page.locator('[data-test=analyser-rows] .row')
  await rows.nth(0).locator('[data-test=row-code]').fill('TOXO-G')
  await pickAnalyte(page, rows.nth(0), 'TOXO_IGG')
  await page.click('[data-test=row-add]')
  await rows.nth(1).locator('[data-test=row-code]').fill(igm.loinc)
  await pickAnalyte(page, rows.nth(1), 'TOXO_IGM')

  // The server refuses the delimiter; the form says why, in Chinese, under the field.
  await page.click('[data-test=analyser-save]')
  const senderError = page.locator('.el-form-item:has([data-test=analyser-sender]) .el-form-item__error')
  await senderError.waitFor()
  t.assert.match(await senderError.textContent(), /不能含有 \| ~/)
  await t.shot(page, 'admin-analyser-refused')

  await page.fill('[data-test=analyser-sender]', 'MAGLUMI')
  await page.click('[data-test=analyser-save]')
  await page.waitForSelector('[data-test=analyser-list] >> text=Maglumi 800')
  const listed = await page.textContent('[data-test=analyser-list] .el-table__body')
  t.assert.match(listed, /HL7/)
  t.assert.match(listed, /MAGLUMI/)
  t.assert.match(listed, /TOXO-G/)
  t.assert.match(listed, new RegExp(igm.loinc))
  t.assert.match(listed, /启用/)
  await page.waitForFunction(() => document.querySelectorAll('.el-message').length === 0)
  await t.shot(page, 'admin-analysers')

  // The saved map, as the API keeps it.
  const admin = await t.api('demo.admin')
  const [saved] = (await admin.get('/analysers')).items
  t.assert.deepEqual(saved.code_map, { 'TOXO-G': 'TOXO_IGG', [igm.loinc]: 'TOXO_IGM' })

  // The analyser sends one result message, by its LOINC code too.
  const nurse = await t.api('nurse.dc')
  const [a] = (await nurse.get(`/appointments?date=${t.today}&status=booked`)).items
  await nurse.post(`/appointments/${a.id}/check-in`)
  const s = await nurse.post(`/appointments/${a.id}/samples`, {})
  await tech.post(`/samples/${s.accession}/receive`, {})
  const msh = 'MSH|^~\\&|MAGLUMI|LAB|TORCHLAB|LAB|20260302090000||ORU^R01^ORU_R01|ADMIN-1|P|2.5.1'
  const ack = send([msh, `OBR|1||${s.accession}`, 'OBX|1|NM|TOXO-G||0.4|IU/mL|<1|N|||F', `OBX|2|NM|${igm.loinc}^^LN||1.1|AU/mL|<8|N|||F`].join('\n'))
  t.assert.match(ack, /MSA\|AA\|ADMIN-1/)

  const lab = await t.page()
  await t.login(lab, 'tech')
  await lab.click('[data-test=nav] >> text=仪器消息')
  await lab.waitForSelector('[data-test=interfaces-table] >> text=ADMIN-1')
  const msgs = lab.locator('[data-test=interfaces-table] .el-table__body tr')
  t.assert.equal(await msgs.count(), 1)
  t.assert.match(await msgs.nth(0).textContent(), /已接受/)

  await switchOff(t, page)
  const refused = send([msh.replace('ADMIN-1', 'ADMIN-2'), `OBR|1||${s.accession}`, 'OBX|1|NM|TOXO-G||0.5|IU/mL|<1|N|||F'].join('\n'))
  t.assert.doesNotMatch(refused, /MSA\|AA/)
}

// Switched off, the analyser stays listed as inactive, and its messages are refused.
async function switchOff(t, page) {
  await page.click('[data-test=analyser-edit]')
  await page.click('[data-test=analyser-active-switch]')
  await page.waitForSelector('text=停用后此仪器发来的消息一律拒收')
  await page.click('[data-test=analyser-save]')
  await page.waitForSelector('[data-test=analyser-active] >> text=已停用')
}
