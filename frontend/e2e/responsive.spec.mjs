// Each role's screens at a phone's width (390 px) and a desk's (1280 px),
// the lab's bench also at an upright tablet's (768 px): nothing runs off the
// side of the page, the first action of every list is inside the screen
// without scrolling sideways, and no label is squeezed to one character a
// line. A picture per role and width goes to the guide (docs/guide/img).

import { copyFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const guideImg = join(here, '..', '..', 'docs', 'guide', 'img')
const widths = { phone: { width: 390, height: 844 }, tablet: { width: 768, height: 1024 }, desk: { width: 1280, height: 800 } }

// layout measures the page as shown: how far it runs past the right edge,
// the labels set one character a line, and where the given buttons are.
async function layout(page, actions) {
  return page.evaluate((actions) => {
    // Every piece of text of two characters or more: set on so many lines
    // that most lines hold one character (身/份/证/号) is squeezed.
    const squeezed = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent.trim()
      if ([...text].length < 2) continue
      const range = document.createRange()
      range.selectNodeContents(n)
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)))
      if (tops.size >= 2 && tops.size * 2 > [...text].length) squeezed.push(text)
    }
    // The bar's screens never run under its tools.
    const nav = document.querySelector('[data-test=nav]')
    const navOverflow = nav ? nav.scrollWidth - nav.clientWidth : 0
    const outside = []
    let seen = 0
    for (const sel of actions) {
      const el = document.querySelector(sel)
      if (!el) continue
      seen++
      const r = el.getBoundingClientRect()
      if (r.left < 0 || r.right > window.innerWidth || r.width === 0) outside.push(`${sel} at ${Math.round(r.left)}–${Math.round(r.right)}`)
    }
    return { overflow: document.documentElement.scrollWidth - window.innerWidth, squeezed, outside, seen, navOverflow }
  }, actions)
}

export default async function (t) {
  const nurse = await t.api('nurse.dc')
  const counselor = await t.api('counselor.dc')
  const today = (await nurse.get(`/appointments?date=${t.today}`)).items
  t.assert.ok(today.length > 0, 'the demo books women for today')
  const herId = today[0].client_id
  const cases = (await counselor.get('/followups?assignee=me')).items
  t.assert.ok(cases.length > 0, 'the demo gives the counselor cases')

  // The bench's lists with a row each, so that their actions are measured:
  // a box on its way, a tube to enter and one to verify (entered by the
  // second technician, so the first may verify it). Drawn after the nurse's
  // and the counselor's screens were measured on the demo as it comes.
  let received = '' // a tube at the bench, scanned again on receiving's screen
  async function benchRows() {
    const tech = await t.api('tech')
    const tech2 = await t.api('tech2')
    const booked = (await nurse.get(`/appointments?date=${t.today}&status=booked`)).items
    t.assert.ok(booked.length >= 3, 'the demo books at least three women for today')
    const tubes = []
    for (const a of booked.slice(0, 3)) {
      await nurse.post(`/appointments/${a.id}/check-in`)
      tubes.push((await nurse.post(`/appointments/${a.id}/samples`, {})).accession)
    }
    const [boxed, toEnter, toVerify] = tubes
    const box = await nurse.post('/shipments', { accessions: [boxed] })
    await nurse.post(`/shipments/${box.id}/dispatch`)
    await tech.post(`/samples/${toEnter}/receive`)
    received = toEnter
    await tech.post(`/samples/${toVerify}/receive`)
    const analytes = (await tech.get('/analytes')).items.filter((a) => a.active_kit)
    await tech2.put(`/samples/${toVerify}/results`, {
      results: analytes.map((a) => ({ analyte: a.code, value: a.active_kit.negative_below / 2 })),
    })
  }

  // Per role: the screens of her day, each with the selector of its list's
  // main action (the first row's) and what shows the screen has loaded.
  const roles = [
    { role: 'nurse', user: 'nurse.dc', widths: ['phone', 'desk'], screens: [
      { path: '/nurse/today', ready: '[data-test^=appt-name-]', actions: ['[data-test=day-list] [data-test^=act-]:not([data-test^=act-more])'], must: true, shot: true },
      { path: '/nurse/register', ready: '[data-test=register-form]', actions: ['[data-test=reg-submit]'], must: true },
      { path: `/nurse/clients/${herId}`, ready: '[data-test=client-name]', actions: ['[data-test=client-edit]'], must: true },
      { path: '/nurse/recollections', ready: '[data-test=recollections]', actions: ['[data-test^=recollection-book-]'] },
      { path: '/nurse/shipments', ready: '[data-test=ship-list]', actions: ['[data-test=ship-pack]', '[data-test^=ship-dispatch-]'] },
      { path: '/pregnancies', ready: '[data-test=worklist]', actions: ['[data-test=task-row] .el-button--primary'] },
    ] },
    { role: 'counselor', user: 'counselor.dc', widths: ['phone', 'desk'], screens: [
      { path: '/counsel/queue', ready: '[data-test=case-row]', actions: ['[data-test=case-row] [data-test=case-link]', '[data-test^=case-next-]'], must: true, shot: true },
      { path: `/counsel/cases/${cases[0].id}`, ready: '[data-test=contact-form]', actions: ['[data-test=contact-submit]'] },
      { path: '/pregnancies', ready: '[data-test=worklist]', actions: ['[data-test=task-row] .el-button--primary'] },
    ] },
    // The bench is laid out for a desk; a phone still reaches each row's
    // action (the grid scrolls inside its own box, its save column stays put).
    { role: 'lab', user: 'tech', widths: ['phone', 'tablet', 'desk'], prepare: benchRows, screens: [
      { path: '/lab/receive', ready: '[data-test=scan-input]', shot: true, must: true,
        // A repeat scan puts a row in the log, with its reject button.
        before: async (page) => {
          await page.fill('[data-test=scan-input]', received)
          await page.press('[data-test=scan-input]', 'Enter')
          await page.waitForSelector(`[data-test=reject-${received}]`)
        },
        actions: ['[data-test=scan-input]', '[data-test=reject-open]', '[data-test=scan-log] [data-test^=reject-]'] },
      { path: '/lab/shipments', ready: '[data-test^=incoming-open-]', actions: ['[data-test=shipment-open]', '[data-test^=incoming-open-]'], must: true },
      { path: '/lab/results', ready: '[data-test^=cell-]', actions: ['[data-test=save-all]', '[data-test^=row-] [data-test^=save-]'], must: true },
      { path: '/lab/verify', ready: '[data-test=verify]', actions: ['[data-test^=queue-]', '[data-test=verify]'], must: true },
    ] },
    { role: 'admin', user: 'demo.admin', widths: ['phone', 'desk'], screens: [
      { path: '/admin/dashboard', ready: 'h1', actions: [], shot: true },
    ] },
  ]

  for (const r of roles) {
    if (r.prepare) await r.prepare()
    for (const w of r.widths) {
      const phone = w === 'phone'
      const page = await t.page({ viewport: widths[w], ...(phone ? { isMobile: true, hasTouch: true } : {}) })
      await t.login(page, r.user)
      for (const s of r.screens) {
        await page.goto(t.base + s.path)
        await page.waitForSelector(s.ready)
        if (s.before) await s.before(page)
        await page.waitForLoadState('networkidle')
        await page.waitForTimeout(300) // tags and cards settle
        const m = await layout(page, s.actions)
        const where = `${r.role} ${s.path} at ${widths[w].width} px`
        t.assert.ok(m.overflow <= 0, `${where}: the page is ${m.overflow} px wider than the screen`)
        t.assert.deepEqual(m.outside, [], `${where}: a list's main action lies outside the screen`)
        t.assert.deepEqual(m.squeezed, [], `${where}: labels set one character a line`)
        t.assert.ok(m.navOverflow <= 0, `${where}: the header's screens run ${m.navOverflow} px under its tools`)
        if (s.must) t.assert.ok(m.seen > 0, `${where}: no main action found`)
        // The header is one line at a desk, a menu button on a phone.
        const bar = await page.locator('[data-test=header]').boundingBox()
        t.assert.ok(bar.height < 70, `${where}: the header takes ${bar.height} px`)
        if (s.shot) {
          const name = `responsive-${r.role}-${widths[w].width}`
          await t.shot(page, name)
          copyFileSync(join(here, 'artifacts', `${name}.png`), join(guideImg, `${name}.png`))
        }
      }
      if (phone) {
        // The menu opens the screens and closes on the way to one.
        await page.click('[data-test=menu]')
        await page.waitForSelector('[data-test=nav] a')
        const links = await page.locator('[data-test=nav] a').count()
        t.assert.ok(links >= 1)
        await t.shot(page, `responsive-${r.role}-${widths[w].width}-menu`)
        copyFileSync(join(here, 'artifacts', `responsive-${r.role}-${widths[w].width}-menu.png`), join(guideImg, `responsive-${r.role}-${widths[w].width}-menu.png`))
        await page.locator('[data-test=nav] a').first().click()
        await page.waitForSelector('[data-test=nav]', { state: 'detached' })
      }
    }
  }
}
