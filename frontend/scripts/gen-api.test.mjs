import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { drifted, generate, reference } from './gen-api.mjs'

// npm run build begins with `gen:api --check`: these are what it catches.
describe('the generated API types', () => {
  it('are what docs/openapi.yaml gives (run `npm run gen:api` if not)', async () => {
    expect(await drifted(await readFile(reference, 'utf8'))).toBe(false)
  })

  it('drift when a schema of the reference gains a field', async () => {
    const yaml = await readFile(reference, 'utf8')
    const grown = yaml.replace(/^( {4}Finding:\n {6}type: object\n {6}properties:\n)/m, '$1        assay_lot:\n          type: string\n')
    expect(grown).not.toBe(yaml)
    expect(await drifted(grown)).toBe(true)
    expect(await generate(grown)).toMatch(/assay_lot\?: string/)
  })

  it('drift when the reference gains or loses a problem code', async () => {
    const yaml = await readFile(reference, 'utf8')
    const fewer = yaml.replace(/^ {10}- qc_failed\n/m, '')
    expect(fewer).not.toBe(yaml)
    expect(await drifted(fewer)).toBe(true)
    expect(await generate(yaml)).toMatch(/code: "malformed" \|[^;]*"qc_failed"/)
    expect(await generate(fewer)).not.toMatch(/code: "malformed" \|[^;]*"qc_failed"/)
  })
})
