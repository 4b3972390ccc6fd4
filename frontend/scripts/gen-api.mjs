// gen-api writes src/api/schema.d.ts, the TypeScript types of the API,
// from the API reference ../docs/openapi.yaml (the file the server's own
// answers are tested against), so the UI's types cannot drift from it.
//
//   npm run gen:api              write src/api/schema.d.ts
//   npm run gen:api -- --check   fail if the committed file is not what
//                                the reference gives (npm run build does this)
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'

export const reference = fileURLToPath(new URL('../../docs/openapi.yaml', import.meta.url))
export const schemaFile = fileURLToPath(new URL('../src/api/schema.d.ts', import.meta.url))

// generate turns the text of an OpenAPI document into the schema file's text.
export async function generate(yaml) {
  const ast = await openapiTS(yaml, { silent: true })
  return '// Generated from docs/openapi.yaml by `npm run gen:api` (scripts/gen-api.mjs); do not edit.\n' + astToString(ast)
}

// drifted reports whether the committed schema file differs from what the
// reference's text gives.
export async function drifted(yaml) {
  const committed = await readFile(schemaFile, 'utf8').catch(() => '')
  return committed !== (await generate(yaml))
}

async function main() {
  const yaml = await readFile(reference, 'utf8')
  if (process.argv.includes('--check')) {
    if (await drifted(yaml)) {
      console.error('src/api/schema.d.ts is not what docs/openapi.yaml gives: run `npm run gen:api` and commit the result')
      process.exit(1)
    }
    return
  }
  await writeFile(schemaFile, await generate(yaml))
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main()
