// An analyser sends its results to a running torchlab over HL7 (MLLP),
// with Debian's mllp_send as the analyser: an admin configures it, a tube
// is received, one message is accepted and one refused, and the lab sees
// both, with the reason, on the Analyser messages screen.
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

export default async function (t) {
  const admin = await t.api('demo.admin')
  const analyser = await admin.post('/analysers', {
    name: 'Maglumi 800', protocol: 'hl7', sender_id: 'MAGLUMI', code_map: { 'TOXO-G': 'TOXO_IGG', 'TOXO-M': 'TOXO_IGM' },
  })
  const nurse = await t.api('nurse.dc')
  const [a] = (await nurse.get(`/appointments?date=${t.today}&status=booked`)).items
  await nurse.post(`/appointments/${a.id}/check-in`)
  const s = await nurse.post(`/appointments/${a.id}/samples`, {})
  const tech = await t.api('tech')
  await tech.post(`/samples/${s.accession}/receive`, {})

  const msh = (id) => `MSH|^~\\&|MAGLUMI|LAB|TORCHLAB|LAB|20260302090000||ORU^R01^ORU_R01|${id}|P|2.5.1`
  const good = send([msh('RUN-1'), `OBR|1||${s.accession}`, 'OBX|1|NM|TOXO-G||0.4|IU/mL|<1|N|||F', 'OBX|2|NM|TOXO-M||1.1|AU/mL|<8|N|||F'].join('\n'))
  t.assert.match(good, /MSA\|AA\|RUN-1/)
  const bad = send([msh('RUN-2'), `OBR|1||${s.accession}`, 'OBX|1|NM|HIV-1||0.4|IU/mL||||F'].join('\n'))
  t.assert.match(bad, /MSA\|AE\|RUN-2/)
  t.assert.match(bad, /ERR\|\|OBX\^1\^3\|103\^/)

  // The results wait for verification, entered by the analyser.
  const detail = await tech.get(`/samples/${s.accession}`)
  const toxo = detail.results.find((r) => r.analyte === 'TOXO_IGG')
  t.assert.equal(toxo.state, 'entered')
  t.assert.equal(toxo.entered_by, analyser.user_id)

  const page = await t.page()
  await t.login(page, 'tech')
  await page.click('[data-test=nav] >> text=仪器消息')
  await page.waitForSelector('[data-test=interfaces-table] >> text=RUN-2')
  const rows = page.locator('[data-test=interfaces-table] .el-table__body tr')
  t.assert.equal(await rows.count(), 2)
  t.assert.match(await rows.nth(0).textContent(), /内容有误，未保存.*项目代码未配置.*OBX\[?1?\]?-3/)
  t.assert.match(await rows.nth(1).textContent(), /已接受/)
  // The refusal's detail and the raw message open under its row.
  await rows.nth(0).locator('.el-table__expand-icon').click()
  await page.waitForSelector('text=HIV-1')
  await t.shot(page, 'lab-interfaces')
}
