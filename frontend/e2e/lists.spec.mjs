// Planning and tracking lists, through the UI: the nurse's day list for
// another day, a woman found by the last four of her ID number, the lab's
// boxes on their way with each tube's state, a box closing as arrived when
// its last tube is rejected, the rejected tube's rescan naming her, and the
// station's box history staying listed.

import { copyFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))

function addDays(iso, n) {
  const d = new Date(iso + 'T00:00:00Z')
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

export default async function (t) {
  const nurse = await t.api('nurse.dc')
  const tech = await t.api('tech')
  const today = (await nurse.get(`/appointments?date=${t.today}&status=booked`)).items
  t.assert.ok(today.length >= 2, 'the demo books women for today')

  // The day list for tomorrow: the picked day in the title, its own rows.
  const desk = await t.page()
  await t.login(desk, 'nurse.dc')
  await desk.waitForSelector('[data-test^=appt-name-]')
  const tomorrow = addDays(t.today, 1)
  const planned = (await nurse.get(`/appointments?date=${tomorrow}`)).items
  await desk.fill('.day-pick input', tomorrow)
  await desk.keyboard.press('Enter')
  await desk.waitForSelector(`[data-test=day-title] >> text=${tomorrow}`)
  await desk.waitForFunction((n) => document.querySelectorAll('[data-test^=appt-name-]').length === n, planned.length)
  if (planned.length === 0) await desk.waitForSelector('[data-test=day-list] >> text=暂无')
  await t.shot(desk, 'lists-day-tomorrow')

  // The last four of her ID number find her.
  const her = today[0]
  const tail = her.national_id.slice(-4)
  await desk.fill('[data-test=client-search]', tail)
  await desk.click('[data-test=client-search-go]')
  await desk.waitForSelector(`[data-test=client-hit-${her.client_id}]`)

  // One tube drawn, packed and sent: the lab sees the box on its way, the
  // tube's state on it.
  const a = today[1]
  await nurse.post(`/appointments/${a.id}/check-in`)
  const tube = await nurse.post(`/appointments/${a.id}/samples`, {})
  const box = await nurse.post('/shipments', { accessions: [tube.accession] })
  await nurse.post(`/shipments/${box.id}/dispatch`)
  const lab = await t.page()
  await t.login(lab, 'tech')
  await lab.goto(t.base + '/lab/shipments')
  await lab.waitForSelector(`[data-test=incoming-${box.id}] >> text=${tube.accession}`)
  t.assert.match(await lab.textContent(`[data-test=incoming-${box.id}]`), /已送出/)
  await t.shot(lab, 'lists-lab-incoming')
  copyFileSync(join(here, 'artifacts', 'lists-lab-incoming.png'), join(here, '..', '..', 'docs', 'guide', 'img', 'lab-incoming.png'))

  // Rejected on arrival: the box is complete and closes as arrived.
  await tech.post(`/samples/${tube.accession}/reject`, { reason: 'hemolyzed' })
  t.assert.equal((await tech.get(`/shipments/${box.id}`)).status, 'arrived')
  await lab.reload()
  await lab.waitForSelector('[data-test=incoming] h2')
  t.assert.equal(await lab.locator(`[data-test=incoming-${box.id}]`).count(), 0)

  // Her rejected tube scanned again: refused, and named.
  await lab.goto(t.base + '/lab/receive')
  await lab.waitForSelector('[data-test=scan-input]')
  await lab.keyboard.type(tube.accession + '\n')
  await lab.waitForSelector(`[data-test=scan-flash][data-outcome=refused] >> text=${a.client_name}`)
  t.assert.equal(await lab.locator(`[data-test=reject-${tube.accession}]`).count(), 0)

  // The station keeps the box in its history, as arrived.
  await desk.goto(t.base + '/nurse/shipments')
  await desk.waitForSelector(`[data-test=ship-status-${box.id}] >> text=已到达`)
}
