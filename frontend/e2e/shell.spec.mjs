// What every user meets before any work: sign-in (refused in Chinese when
// wrong), the forced password change of a new account, the language switch,
// the notifications bell, sign-out, and a screen of another role refused.
export default async function (t) {
  const admin = await t.api('demo.admin')
  const station = (await admin.get('/stations')).items.find((s) => s.code === 'DC01')
  await admin.post('/users', { username: 'nurse.new', password: 'first-secret-1', role: 'nurse', station_id: station.id, display_name: '新护士 周' })

  const page = await t.page()
  await page.goto(t.base + '/')
  await page.waitForURL('**/login**')
  await page.fill('[data-test=username]', 'nurse.new')
  await page.fill('[data-test=password]', 'wrong-password')
  await page.click('[data-test=submit]')
  t.assert.match(await page.textContent('[data-test=error]'), /用户名或密码错误/)

  // A new account must choose its own password before anything else.
  await page.fill('[data-test=password]', 'first-secret-1')
  await page.click('[data-test=submit]')
  await page.waitForURL('**/password')
  await page.goto(t.base + '/nurse/today')
  await page.waitForURL('**/password')
  await t.shot(page, 'everyone-password')
  await page.fill('[data-test=current]', 'first-secret-1')
  await page.fill('[data-test=new]', 'short')
  await page.fill('[data-test=again]', 'short')
  await page.click('[data-test=save]')
  await page.waitForSelector('text=至少 10 个字符')
  await page.fill('[data-test=new]', 'my-own-secret-2')
  await page.fill('[data-test=again]', 'my-own-secret-3')
  await page.click('[data-test=save]')
  await page.waitForSelector('text=两次输入的新密码不一致')
  await page.fill('[data-test=again]', 'my-own-secret-2')
  let sent = 0
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/me/password')) sent++ })
  await page.dblclick('[data-test=save]')
  await page.waitForURL('**/nurse/today')
  t.assert.equal(sent, 1, 'a double click sends the new password once')
  t.assert.match(await page.textContent('[data-test=nav]'), /今日预约/)

  // A screen of another role sends her home rather than failing later.
  await page.goto(t.base + '/admin/dashboard')
  await page.waitForURL('**/nurse/today')

  // English on request, kept across a reload.
  await page.click('[data-test=lang]')
  await page.click('.el-select-dropdown__item:has-text("English")')
  await page.waitForSelector('[data-test=nav] >> text=Today')
  await page.reload()
  await page.waitForSelector('[data-test=nav] >> text=Today')
  t.assert.equal(await page.getAttribute('html', 'lang'), 'en')

  // The bell counts what is unread and lists it when opened.
  const bell = await page.textContent('[data-test=unread]')
  t.assert.match(bell, /Notifications/)
  await page.click('[data-test=bell]')
  await page.waitForSelector('text=No notifications')

  await page.keyboard.press('Escape')
  await page.click('[data-test=sign-out]')
  await page.waitForURL('**/login')
  await page.goto(t.base + '/nurse/today')
  await page.waitForURL('**/login**')
  const me = await page.evaluate(() => fetch('/api/v1/me').then((r) => r.status))
  t.assert.equal(me, 401)
}
