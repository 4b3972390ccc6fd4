import { createI18n } from 'vue-i18n'
import { common } from './common-messages'
import type { FailCode } from './api/types'
import nurse from './nurse/messages'
import lab from './lab/messages'
import counsel from './counsel/messages'
import admin from './admin/messages'
import pregnancy from './pregnancy/messages'
import reminders from './reminders/messages'

// Simplified Chinese by default, English on request. Each area of the UI
// keeps its words in its own messages.ts under its own key (nurse.*,
// lab.*, counsel.*, admin.*, pregnancy.*, reminders.*); the words every screen shares,
// and every error code of the API (API.md), are in common-messages.ts, so
// that a problem is always shown in the user's language, never as the
// server's English detail.
const zh = { ...common.zh, nurse: nurse.zh, lab: lab.zh, counsel: counsel.zh, admin: admin.zh, pregnancy: pregnancy.zh, reminders: reminders.zh }
const en = { ...common.en, nurse: nurse.en, lab: lab.en, counsel: counsel.en, admin: admin.en, pregnancy: pregnancy.en, reminders: reminders.en }

// MessageSchema is the shape both languages must have: vue-i18n checks each
// locale's messages against it, so words missing in one language fail the
// build (each area's en is also typed as its zh).
export type MessageSchema = typeof zh

export const i18n = createI18n<[MessageSchema], 'zh' | 'en', false>({
  legacy: false,
  locale: localStorage.getItem('torchlab.lang') ?? 'zh',
  fallbackLocale: 'zh',
  messages: { zh, en },
})

// errorText turns a problem code into words in the user's language; every
// code has words (common-messages.ts must word each FailCode), so the
// fall-back is only for a server newer than this UI. shared/failText.ts
// turns a caught error into words with it.
export function errorText(code: FailCode): string {
  const key = 'errors.' + code
  const t = i18n.global.t
  return i18n.global.te(key) ? t(key) : t('errors.internal')
}

// fieldText names why a field was refused ("checksum", "required", ...),
// falling back to the generic validation message for a code it does not know.
export function fieldText(code: string): string {
  const key = 'fields.' + code
  return i18n.global.te(key) ? i18n.global.t(key) : i18n.global.t('errors.validation')
}
