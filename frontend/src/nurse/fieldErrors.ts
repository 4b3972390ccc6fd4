import { i18n, fieldText } from '../i18n'

// fieldWords turns the server's errors[] into one message per form field,
// in the user's language. Words for one field's code (what a valid phone
// looks like) and codes only this area's forms meet (a last period
// "implausible") are in its own messages; the rest are the common ones.
export function fieldWords(errors: { field: string; code: string }[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of errors) {
    const exact = `nurse.fields.${e.field.replace('.', '_')}_${e.code}`
    const own = 'nurse.fields.' + e.code
    const words = i18n.global.te(exact) ? i18n.global.t(exact) : i18n.global.te(own) ? i18n.global.t(own) : fieldText(e.code)
    out[e.field] = out[e.field] ? out[e.field] + '；' + words : words
  }
  return out
}
