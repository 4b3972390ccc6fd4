import { ElMessageBox } from 'element-plus'
import { ApiError } from '../api'
import { i18n } from '../i18n'
import { labelSheetPDF, labelsPrinted, labelZPL } from './endpoints'

// Tube labels. The PDF sheet is a preview: fetching it records nothing.
// The print is recorded when the nurse confirms the labels came out of the
// printer (confirmPrinted), or when she takes the ZPL, which goes straight
// to a thermal printer. The file is fetched here rather than opened straight
// from its address, so that a refusal comes back as words, not as a JSON
// page in a new tab. For a recorded print the nurse is asked for the reason
// up front when a tube was printed before, and again if the server finds
// one we did not know of.

const needsReason = (e: unknown) =>
  e instanceof ApiError && e.fields.some((f) => f.field === 'reason' && f.code === 'required_for_reprint')

// askReason asks why a label is printed again; undefined when she gives up.
export async function askReason(accessions: string[]): Promise<string | undefined> {
  const t = i18n.global.t
  try {
    const { value } = await ElMessageBox.prompt(t('nurse.label.reasonPrompt', { codes: accessions.join('、') }), t('nurse.label.reprint'), {
      confirmButtonText: t('print'),
      cancelButtonText: t('cancel'),
      inputPlaceholder: t('nurse.label.reasonPlaceholder'),
      inputValidator: (v: string) => (v && v.trim().length > 0 && v.trim().length <= 200) || t('nurse.label.reasonRequired'),
    })
    return value.trim()
  } catch {
    return undefined
  }
}

// withReason runs one print, asking for a reason when the server wants one.
// It resolves to undefined when the nurse gave up.
async function withReason<T>(accessions: string[], reprint: boolean, get: (reason?: string) => Promise<T>): Promise<T | undefined> {
  let reason: string | undefined
  if (reprint) {
    reason = await askReason(accessions)
    if (reason === undefined) return undefined
  }
  try {
    return await get(reason)
  } catch (e) {
    if (reason !== undefined || !needsReason(e)) throw e
    reason = await askReason(accessions)
    return reason === undefined ? undefined : get(reason)
  }
}

// labelSheet fetches the PDF sheet with the labels of the tubes given: a
// preview, which records nothing and never asks for a reason.
export function labelSheet(accessions: string[]): Promise<Blob> {
  return labelSheetPDF(accessions)
}

// confirmPrinted records that the sheet came out of the printer. It
// resolves to false when the nurse gave up on the reprint reason.
export async function confirmPrinted(accessions: string[], reprint: boolean): Promise<boolean> {
  const done = await withReason(accessions, reprint, async (reason) => {
    await labelsPrinted(accessions, reason)
    return true
  })
  return done === true
}

// labelZPL fetches the ZPL of each tube (a thermal printer takes them one
// after another from one file) and hands the file to the browser to save.
export async function downloadZPL(accessions: string[], reprint: boolean): Promise<boolean> {
  const text = await withReason(accessions, reprint, async (reason) => {
    const parts: string[] = []
    for (const acc of accessions) parts.push(await (await labelZPL(acc, reason)).text())
    return parts.join('\n')
  })
  if (text === undefined) return false
  const a = document.createElement('a')
  a.href = URL.createObjectURL(new Blob([text], { type: 'application/zpl' }))
  a.download = (accessions.length === 1 ? accessions[0] : 'labels') + '.zpl'
  a.click()
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000)
  return true
}
