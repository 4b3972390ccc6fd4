// The whole path of one woman, every step in the browser by the person who
// does it: a nurse registers a pregnant woman, books her, checks her in,
// draws her blood and prints the label; a technician receives the tube by
// typing its code into the scan box and enters an IgM-positive result; a
// second technician verifies it; the counselor finds the urgent case at the
// top of her queue and closes it after logging her contacts. The API is only
// read, to find ids and to check that what the screens said is what happened.

import { womansId } from './people.mjs'

function daysBefore(day, n) {
  const d = new Date(day + 'T00:00:00Z')
  d.setUTCDate(d.getUTCDate() - n)
  return d.toISOString().slice(0, 10)
}

export default async function (t) {
  const name = '赵雅琴'
  const id = womansId('1996-04-18')
  const lmp = daysBefore(t.today, 56) // 8 weeks pregnant: an IgM positive is urgent

  // The nurse registers her (pregnant, with her last period) and books today.
  const desk = await t.page()
  await t.login(desk, 'nurse.dc')
  await desk.waitForURL('**/nurse/today')
  await desk.click('[data-test=go-register]')
  await desk.fill('[data-test=reg-name]', name)
  await desk.fill('[data-test=reg-national-id]', id)
  t.assert.match(await desk.textContent('[data-test=reg-birth]'), /1996-04-18/)
  await desk.fill('[data-test=reg-phone]', '13800138000')
  await desk.fill('[data-test=reg-address]', '北京市东城区东四十条 8 号')
  await desk.click('[data-test=reg-cat-pregnant]')
  await desk.fill('[data-test=reg-lmp] input', lmp)
  await desk.keyboard.press('Enter')
  await desk.click('[data-test=reg-consent]')
  await desk.click('[data-test=reg-submit]')
  await desk.waitForURL(/\/nurse\/clients\/\d+\/book/)
  const clientId = Number(desk.url().match(/clients\/(\d+)/)[1])
  await desk.locator(`[data-test=slot-day-${t.today}] button.slot`).first().click()
  await desk.click('.el-message-box__btns .el-button--primary')
  // Booked for today: the day list, where she is checked in.
  await desk.waitForURL('**/nurse/today')

  const nurse = await t.api('nurse.dc')
  const [appt] = (await nurse.get(`/appointments?client_id=${clientId}`)).items
  t.assert.equal(appt.category, 'pregnant')

  // Check-in, the draw, the label.
  await desk.click('[data-test=nav] >> text=今日预约')
  await desk.click(`[data-test=act-checkIn-${appt.id}]`)
  await desk.waitForSelector(`[data-test=appt-status-${appt.id}] >> text=已签到`)
  await desk.click(`[data-test=act-draw-${appt.id}]`)
  await desk.click('[data-test=draw-submit]')
  await desk.waitForSelector('.el-message-box >> text=现在打印')
  await desk.click('.el-message-box__btns .el-button--primary')
  await desk.waitForSelector('[data-test=label-dialog] [data-test=label-codes]')
  const [sample] = (await nurse.get(`/samples?client_id=${clientId}`)).items
  const acc = sample.accession
  t.assert.match(await desk.textContent('[data-test=label-codes]'), new RegExp(acc))
  await desk.click('[data-test=label-confirm]')
  await desk.waitForSelector('[data-test=label-dialog]', { state: 'hidden' })
  t.assert.equal((await nurse.get(`/samples/${acc}`)).labels_printed, 1)

  // The technician receives it by typing the code into the scan box.
  const bench = await t.page()
  await t.login(bench, 'tech')
  await bench.waitForURL('**/lab/receive')
  await bench.waitForSelector('[data-test=scan-input]')
  await bench.keyboard.type(acc + '\n')
  await bench.waitForSelector(`[data-test=scan-flash][data-outcome=received] >> text=${name}`)

  // ... and types the results into the grid: toxoplasma IgM positive.
  await bench.click('[data-test=nav] >> text=结果录入')
  await bench.click(`[data-test=cell-${acc}-TOXO_IGG]`)
  const values = ['0.5', '12', '30', '0.2', '20', '0.3', '3', '0.3'] // TOXO_IGG, TOXO_IGM, RUBV_IGG, ... HSV_IGM
  for (let i = 0; i < values.length; i++) {
    await bench.keyboard.type(values[i])
    if (i < values.length - 1) await bench.keyboard.press('Enter')
  }
  t.assert.equal(await bench.getAttribute(`[data-test=interp-${acc}-TOXO_IGM]`, 'data-interpretation'), 'positive')
  await bench.keyboard.press('Control+Enter')
  await bench.waitForSelector(`[data-test=row-status-${acc}] >> text=已录齐`)

  // A second technician verifies, acknowledging the abnormal result.
  const second = await t.page()
  await t.login(second, 'tech2')
  await second.goto(t.base + '/lab/verify')
  await second.click(`[data-test=queue-${acc}]`)
  await second.waitForSelector('[data-test=abnormal-alert]')
  t.assert.ok(await second.isDisabled('[data-test=verify]'))
  await second.click('[data-test=ack-abnormal]')
  await second.click('[data-test=verify]')
  await second.waitForSelector('[data-test=verify-empty]')
  const tech = await t.api('tech')
  t.assert.equal((await tech.get(`/samples/${acc}`)).status, 'released')

  // The counselor: the urgent case is at the top of her queue, after any
  // overdue case (the demo leaves her one).
  const phone = await t.page()
  await t.login(phone, 'counselor.dc')
  await phone.waitForURL('**/counsel/queue')
  const top = phone.locator('[data-test=case-row]:not(.overdue)').first()
  await top.waitFor()
  t.assert.match(await top.textContent(), new RegExp(name))
  t.assert.equal((await top.locator('[data-test=case-priority]').textContent()).trim(), '紧急')
  t.assert.match(await top.locator('[data-test=due]').textContent(), /小时后到期/)
  // The bell told her too, in her language: the newest notification.
  await phone.waitForSelector('[data-test=unread] sup:not([style*="display: none"])')
  await phone.click('[data-test=bell]')
  t.assert.match(await phone.locator('[data-test=notifications] li').first().textContent(), /新的随访个案已分配给您/)
  await phone.keyboard.press('Escape')
  await top.locator('[data-test=case-link]').click()
  await phone.waitForSelector('[data-test=recommendation]')

  // Two attempts: no answer, then she is reached; then the case is closed.
  await phone.click('[data-test=result-no_answer]')
  await phone.click('[data-test=contact-submit]')
  await phone.waitForSelector('[data-test=timeline-contact] >> text=无人接听')
  await phone.click('[data-test=result-reached]')
  await phone.fill('[data-test=contact-note]', '已告知结果，建议到产科进一步检查')
  await phone.click('[data-test=contact-submit]')
  await phone.waitForSelector('[data-test=timeline-contact] >> text=已联系上')
  await phone.click('[data-test=close-open]')
  await phone.click('[data-test=outcome-referred]')
  await phone.fill('[data-test=close-note]', '已转诊产科')
  await phone.click('[data-test=close-submit]')
  await phone.waitForSelector('[data-test=case-status] >> text=已结案')

  const counselor = await t.api('counselor.dc')
  const [done] = (await counselor.get('/followups?status=closed')).items.filter((c) => c.sample_accession === acc)
  t.assert.equal(done.outcome, 'referred')
  t.assert.equal(done.priority, 'urgent')
  t.assert.equal(done.last_contact.result, 'reached')
}
