import { ApiError } from '../api'
import { fieldText, i18n } from '../i18n'

// fieldErrors turns a validation refusal into the words under each field,
// in the user's language: words for this field and code first
// (pregnancy.fields.lmp_date_too_old), a defect's by its own part
// (defects[1].code → code_invalid), else the common words for the code.
export function fieldErrors(e: ApiError | null): Record<string, string> {
  const out: Record<string, string> = {}
  if (e?.code !== 'validation') return out
  const { t, te } = i18n.global
  for (const f of e.fields) {
    const part = f.field.replace(/^defects\[\d+\]\./, '')
    const key = `pregnancy.fields.${part}_${f.code}`
    out[f.field] = te(key) ? t(key) : fieldText(f.code)
  }
  return out
}
