import { ApiError } from '../api'
import type { FailCode } from '../api/types'
import { common } from '../common-messages'
import { errorText } from '../i18n'

// failText is the one way a refusal becomes words for the user, in every
// area: an ApiError by its problem code (never the server's English
// detail), anything else (a bug, a thrown string) as an internal error.
export function failText(problem: unknown): string {
  return errorText(problem instanceof ApiError ? problem.code : 'internal')
}

// isFailCode tells a problem code from another word that may share its
// slot, such as an import line's own codes.
export function isFailCode(word: string): word is FailCode {
  return Object.hasOwn(common.zh.errors, word)
}
