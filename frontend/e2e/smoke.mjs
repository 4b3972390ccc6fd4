// A smoke test of the built UI in Debian's Chromium (no browser download):
// sign-in refused then accepted, the nurse's day list, a check-in.
// Run against a server with demo data:
//   go run ./cmd/torchlab demo && go run ./cmd/torchlab &
//   npm install --no-save playwright-core@1.65 && BASE=http://127.0.0.1:8080 node e2e/smoke.mjs
// It is not part of CI yet: the web UI issue adds the full end-to-end suite.
import { chromium } from 'playwright-core'

const BASE = process.env.BASE ?? 'http://127.0.0.1:8080'
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
const page = await browser.newPage({ viewport: { width: 1200, height: 700 } })
const fail = (msg) => { console.error('FAIL: ' + msg); process.exitCode = 1 }
await page.goto(BASE + '/')
await page.waitForSelector('[data-test=username]')
await page.fill('[data-test=username]', 'nurse.dc')
await page.fill('[data-test=password]', 'wrong-password')
await page.click('[data-test=submit]')
await page.waitForSelector('[data-test=error]')
if (!(await page.textContent('[data-test=error]')).includes('用户名或密码错误')) fail('the refusal is not in Chinese')
await page.fill('[data-test=password]', 'torchlab-demo')
await page.click('[data-test=submit]')
await page.waitForURL('**/nurse/today')
await page.waitForSelector('[data-test=day-list] .el-table__row')
const rows = await page.locator('[data-test=day-list] .el-table__row').count()
if (rows < 1) fail('no appointments today')
await page.locator('[data-test=day-list] button').first().click()
await page.waitForSelector('text=已签到')
console.log(`ok: ${rows} appointments today, one checked in`)
await browser.close()
