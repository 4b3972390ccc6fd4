// End-to-end tests of the web UI in Debian's Chromium (never a downloaded
// browser), each spec against its own fresh torchlab: a temporary SQLite
// database filled by `torchlab demo`, served on a free port.
//
//   node e2e/run.mjs [spec ...]      # all e2e/*.spec.mjs, or the named ones
//
// E2E_UI=dev puts a Vite dev server in front of each torchlab (for working
// on the UI without rebuilding dist/); by default the binary serves the
// committed, embedded dist/, which is what CI tests. TORCHLAB_BIN names a
// built binary (default: `go build` of ./cmd/torchlab); CHROMIUM the
// browser (default /usr/bin/chromium). Screenshots go to e2e/artifacts/.
import { spawn, execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import assert from 'node:assert/strict'
import { chromium } from 'playwright-core'

const here = dirname(fileURLToPath(import.meta.url))
const frontend = resolve(here, '..')
const root = resolve(frontend, '..')
const artifacts = join(here, 'artifacts')
const password = 'torchlab-demo'
const specTimeout = Number(process.env.E2E_TIMEOUT_MS ?? 180_000)

mkdirSync(artifacts, { recursive: true })
const bin = process.env.TORCHLAB_BIN ?? buildBinary()
const wanted = process.argv.slice(2)
const specs = readdirSync(here)
  .filter((f) => f.endsWith('.spec.mjs'))
  .map((f) => f.slice(0, -'.spec.mjs'.length))
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort()
if (specs.length === 0) {
  console.error('no spec matches', wanted.join(' '))
  process.exit(2)
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
})
let failed = 0
for (const name of specs) {
  const started = Date.now()
  try {
    await runSpec(name)
    console.log(`ok   ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
  } catch (e) {
    failed++
    console.error(`FAIL ${name}: ${e?.stack ?? e}`)
  }
}
await browser.close()
console.log(failed ? `${failed} of ${specs.length} specs failed` : `all ${specs.length} specs passed; screenshots in e2e/artifacts/`)
process.exit(failed ? 1 : 0)

function buildBinary() {
  const out = join(mkdtempSync(join(tmpdir(), 'torchlab-e2e-bin-')), 'torchlab')
  execFileSync('go', ['build', '-o', out, './cmd/torchlab'], { cwd: root, stdio: 'inherit' })
  return out
}

async function runSpec(name) {
  const dir = mkdtempSync(join(tmpdir(), `torchlab-e2e-${name}-`))
  // A spec may name settings of its torchlab (export const env), such as a
  // short TORCHLAB_JOB_INTERVAL for a spec that waits for a job's work.
  const mod = await import(pathToFileURL(join(here, `${name}.spec.mjs`)).href)
  const env = { ...process.env, TORCHLAB_DB: `sqlite:${join(dir, 'torchlab.db')}`, TORCHLAB_LOG_LEVEL: 'warn', TORCHLAB_LOG_FORMAT: 'text', ...(mod.env ?? {}) }
  execFileSync(bin, ['demo'], { env, stdio: 'ignore' })
  const children = []
  const contexts = []
  const consoleErrors = []
  try {
    const port = await freePort()
    const server = spawn(bin, ['serve'], { env: { ...env, TORCHLAB_ADDR: `127.0.0.1:${port}` }, stdio: ['ignore', 'inherit', 'inherit'] })
    children.push(server)
    const apiBase = `http://127.0.0.1:${port}`
    await waitFor(apiBase + '/readyz', server)
    let base = apiBase
    if (process.env.E2E_UI === 'dev') {
      const vport = await freePort()
      const vite = spawn(join(frontend, 'node_modules/.bin/vite'), ['--port', String(vport), '--strictPort'], {
        cwd: frontend, env: { ...process.env, TORCHLAB_URL: apiBase }, stdio: ['ignore', 'ignore', 'inherit'], detached: true,
      })
      children.push(vite)
      base = `http://127.0.0.1:${vport}`
      await waitFor(base + '/', vite)
    }

    const t = {
      base,
      assert,
      today: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()),
      password,
      async page(options = {}) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...options })
        contexts.push(context)
        const page = await context.newPage()
        page.setDefaultTimeout(15_000)
        page.on('pageerror', (err) => consoleErrors.push(`${name}: ${err.message}`))
        return page
      },
      async login(page, username, pw = password) {
        await page.goto(base + '/login')
        await page.fill('[data-test=username]', username)
        await page.fill('[data-test=password]', pw)
        await page.click('[data-test=submit]')
        await page.waitForURL((url) => !url.pathname.startsWith('/login'))
      },
      async shot(page, shotName) {
        await page.screenshot({ path: join(artifacts, `${shotName}.png`), fullPage: true })
      },
      api: (username, pw = password) => apiClient(apiBase, username, pw),
    }

    const spec = mod.default
    let timer
    try {
      await Promise.race([
        spec(t),
        new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${specTimeout} ms`)), specTimeout) }),
      ])
    } catch (e) {
      // What the browser showed when it failed is the first thing to look at.
      let i = 0
      for (const c of contexts) for (const p of c.pages()) await p.screenshot({ path: join(artifacts, `FAIL-${name}-${i++}.png`), fullPage: true }).catch(() => {})
      throw e
    } finally {
      clearTimeout(timer)
    }
    if (consoleErrors.length) throw new Error('uncaught errors in the page:\n' + consoleErrors.join('\n'))
  } finally {
    for (const c of contexts) await c.close().catch(() => {})
    for (const child of children) stop(child)
    rmSync(dir, { recursive: true, force: true })
  }
}

function stop(child) {
  if (child.exitCode !== null) return
  try {
    if (child.spawnargs[0].endsWith('vite')) process.kill(-child.pid, 'SIGTERM')
    else child.kill('SIGTERM')
  } catch { /* already gone */ }
}

// apiClient signs in through the API (Bearer token: no CSRF header needed)
// and sends JSON; a refusal throws an Error carrying the problem's code.
async function apiClient(apiBase, username, pw) {
  const res = await fetch(apiBase + '/api/v1/auth/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: pw }),
  })
  if (!res.ok) throw new Error(`sign-in of ${username} failed: ${res.status}`)
  const { token, user } = await res.json()
  async function send(method, path, body) {
    const r = await fetch(apiBase + '/api/v1' + path, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (r.status === 204) return undefined
    const data = await r.json().catch(() => ({}))
    if (!r.ok) {
      const err = new Error(`${method} ${path} → ${r.status} ${data.code}: ${data.detail ?? ''}`)
      err.code = data.code
      err.status = r.status
      err.body = data
      throw err
    }
    return data
  }
  return {
    user, token,
    get: (path) => send('GET', path),
    post: (path, body) => send('POST', path, body),
    put: (path, body) => send('PUT', path, body),
    patch: (path, body) => send('PATCH', path, body),
    del: (path) => send('DELETE', path),
  }
}

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer()
    s.unref()
    s.on('error', fail)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => ok(port))
    })
  })
}

async function waitFor(url, child) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${child.spawnargs.join(' ')} exited with ${child.exitCode}`)
    try {
      const r = await fetch(url)
      if (r.ok) return
    } catch { /* not up yet */ }
    await new Promise((ok) => setTimeout(ok, 100))
  }
  throw new Error(`${url} did not answer within 30 s`)
}
