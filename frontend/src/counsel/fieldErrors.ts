import { ApiError } from '../api'
import { fieldText } from '../i18n'

// fieldErrors maps a validation refusal to the words under each field of
// the form (errors[].field → its reason), so that the user sees where.
export function fieldErrors(e: ApiError | null): Record<string, string> {
  const out: Record<string, string> = {}
  if (e?.code !== 'validation') return out
  for (const f of e.fields) out[f.field] = fieldText(f.code)
  return out
}
