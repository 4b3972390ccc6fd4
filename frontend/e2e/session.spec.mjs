// An expired session in the middle of the work, as nurse.dc: the session is
// ended server-side (the same cookie signed out through the API) while she
// is half-way through a registration. Her submit opens the sign-in dialog
// over the form, the form keeps every field, and after she signs in again
// the registration goes through. A list refreshed while signed out keeps
// its rows instead of showing "nothing here". Someone else signing in at
// the dialog gets a clean page of his own instead of her request.

import { womansId } from './people.mjs'

// endSession signs the page's own session out through the API, as an
// idle timeout or a sign-out elsewhere would end it.
async function endSession(page) {
  const status = await page.evaluate(async () => {
    const m = document.cookie.match(/(?:^|; )torchlab_csrf=([^;]*)/)
    const r = await fetch('/api/v1/auth/logout', { method: 'POST', headers: { 'X-CSRF-Token': m ? decodeURIComponent(m[1]) : '' } })
    return r.status
  })
  if (status !== 204) throw new Error('sign-out through the API answered ' + status)
  const me = await page.evaluate(async () => (await fetch('/api/v1/me')).status)
  if (me !== 401) throw new Error('the session still works after sign-out: /me answered ' + me)
}

export default async function (t) {
  const nurse = await t.api('nurse.dc')
  const page = await t.page()
  await t.login(page, 'nurse.dc')
  await page.waitForURL('**/nurse/today')
  await page.waitForSelector('[data-test=day-list] .el-table__row')

  // Half-way through a registration the session ends.
  await page.click('[data-test=go-register]')
  await page.waitForURL('**/nurse/register')
  const id = womansId('1994-03-08')
  await page.fill('[data-test=reg-name]', '林晓雨')
  await page.fill('[data-test=reg-national-id]', id)
  await page.fill('[data-test=reg-phone]', '13812345678')
  await endSession(page)

  // She finishes the form and submits: the dialog opens over it.
  await page.fill('[data-test=reg-address]', '北京市东城区安定门街道 8 号')
  await page.click('[data-test=reg-cat-planning]')
  await page.click('[data-test=reg-consent]')
  await page.click('[data-test=reg-submit]')
  await page.waitForSelector('[data-test=session-dialog] [data-test=session-password]')
  t.assert.equal(await page.inputValue('[data-test=session-username]'), 'nurse.dc')
  t.assert.ok(page.url().endsWith('/nurse/register'), 'she stays on her form')
  t.assert.equal(await page.inputValue('[data-test=reg-name]'), '林晓雨')
  t.assert.equal(await page.inputValue('[data-test=reg-national-id]'), id)
  t.assert.equal(await page.inputValue('[data-test=reg-phone]'), '13812345678')
  await t.shot(page, 'session-expired-dialog')

  // A wrong password is said in the dialog, which stays.
  await page.fill('[data-test=session-password]', 'not-the-password')
  await page.click('[data-test=session-submit]')
  await page.waitForSelector('[data-test=session-error] >> text=用户名或密码错误')

  // Signed in again, the registration she submitted goes through.
  await page.fill('[data-test=session-password]', t.password)
  await page.click('[data-test=session-submit]')
  await page.waitForURL(/\/nurse\/clients\/\d+\/book/)
  const clientId = Number(page.url().match(/clients\/(\d+)/)[1])
  const her = await nurse.get(`/clients/${clientId}`)
  t.assert.equal(her.name, '林晓雨')
  t.assert.equal(her.address, '北京市东城区安定门街道 8 号')
  await page.waitForSelector('[data-test=session-dialog]', { state: 'hidden' })

  // A list refreshed while signed out keeps its rows: no "nothing here".
  await page.click('[data-test=nav] >> text=今日预约')
  await page.waitForSelector('[data-test=day-list] .el-table__row')
  const rows = await page.locator('[data-test=day-list] .el-table__row').count()
  await endSession(page)
  await page.click('[data-test=refresh]')
  await page.waitForSelector('[data-test=session-dialog] [data-test=session-password]')
  t.assert.equal(await page.locator('[data-test=day-list] .el-table__empty-text:visible').count(), 0, 'no empty state while signed out')
  t.assert.equal(await page.locator('[data-test=day-list] .el-table__row').count(), rows)
  await page.fill('[data-test=session-password]', t.password)
  await page.click('[data-test=session-submit]')
  await page.waitForSelector('[data-test=session-dialog]', { state: 'hidden' })
  await page.waitForSelector('[data-test=day-list] .el-table__row')

  // Someone else at the dialog: the page reloads as his, her request is
  // not sent under his name.
  await page.click('[data-test=go-register]')
  await page.waitForURL('**/nurse/register')
  await page.fill('[data-test=reg-name]', '不应登记')
  await page.fill('[data-test=reg-national-id]', womansId('1992-02-02'))
  await page.fill('[data-test=reg-phone]', '13712345678')
  await page.fill('[data-test=reg-address]', '北京市东城区和平里 3 号')
  await page.click('[data-test=reg-cat-planning]')
  await page.click('[data-test=reg-consent]')
  await endSession(page)
  await page.click('[data-test=reg-submit]')
  await page.waitForSelector('[data-test=session-dialog] [data-test=session-password]')
  await page.fill('[data-test=session-username]', 'counselor.dc')
  await page.fill('[data-test=session-password]', t.password)
  await page.click('[data-test=session-submit]')
  await page.waitForURL((url) => url.pathname.startsWith('/counsel'))
  await page.waitForSelector('[data-test=nav]')
  t.assert.equal(await page.locator('[data-test=session-dialog]').count(), 0, 'a clean page: no dialog')
  const found = await nurse.get(`/clients?q=${encodeURIComponent('不应登记')}`)
  t.assert.equal(found.items.length, 0, 'her registration was not sent under his name')
}
