// A refused form names each bad field and why (ApiError.fields); the form
// shows the reason under the field itself. Codes only this area meets
// (must_be_empty, before_from, negative) have their words in admin.fieldCodes;
// the rest are the shared ones of common-messages.ts.
import type { ApiError } from '../api'
import { fieldText, i18n } from '../i18n'

export function fieldWord(code: string): string {
  const key = 'admin.fieldCodes.' + code
  return i18n.global.te(key) ? i18n.global.t(key) : fieldText(code)
}

export function fieldErrors(err: ApiError | null): Record<string, string> {
  const out: Record<string, string> = {}
  for (const f of err?.fields ?? []) out[f.field] ??= fieldWord(f.code)
  return out
}
