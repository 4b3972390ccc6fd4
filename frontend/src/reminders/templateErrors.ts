import type { ApiError } from '../api'
import { fieldText, i18n } from '../i18n'
import { culprit } from './template'

// serverProblem turns the server's refusal of a template into words under
// the editor: the code's sentence with the culprit the server named in its
// detail (a forbidden word in quotes, a placeholder in braces), so the
// admin sees which word to change, in her language.
export function serverProblem(e: ApiError | null): string {
  if (!e) return ''
  const f = e.fields.find((x) => x.field === 'body') as { field: string; code: string; detail?: string } | undefined
  if (!f) return ''
  const key = 'reminders.admin.problems.' + f.code
  if (!i18n.global.te(key)) return fieldText(f.code)
  return i18n.global.t(key, { what: culprit(f.code, f.detail ?? '') })
}
