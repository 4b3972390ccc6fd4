import { i18n, fieldText } from '../i18n'

// fieldWords turns the server's errors[] into one message per form field,
// in the user's language. Codes only this area's forms meet (the last
// period "implausible") are in its own messages.
export function fieldWords(errors: { field: string; code: string }[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of errors) {
    const own = 'nurse.fields.' + e.code
    const words = i18n.global.te(own) ? i18n.global.t(own) : fieldText(e.code)
    out[e.field] = out[e.field] ? out[e.field] + '；' + words : words
  }
  return out
}
