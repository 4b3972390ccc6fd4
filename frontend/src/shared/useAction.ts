import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import { ApiError } from '../api'
import { failText } from './failText'

// useAction wraps one thing a user asks for (save, print, import, verify):
// while it runs `busy` is true and a second click does nothing, so nothing
// is sent twice; a refusal is shown in the user's language from its code.
// run resolves to the result, or to undefined when it failed (already shown).
export function useAction() {
  const busy = ref(false)
  const error = ref<ApiError | null>(null)
  async function run<T>(fn: () => Promise<T>, opts: { quiet?: boolean } = {}): Promise<T | undefined> {
    if (busy.value) return undefined
    busy.value = true
    error.value = null
    try {
      return await fn()
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'internal', String(e))
      error.value = err
      if (!opts.quiet) ElMessage.error({ message: failText(err), grouping: true })
      return undefined
    } finally {
      busy.value = false
    }
  }
  return { busy, error, run }
}
