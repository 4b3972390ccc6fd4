import { ref } from 'vue'
import { ApiError } from '../api'
import { errorText } from '../i18n'

// useLatest loads what a screen shows from filters that can change while
// it loads (a calendar paged quickly, the queue's filters, an audit
// search): every load supersedes the one before, and only the latest
// one's answer or refusal is shown, so a slow old answer never replaces a
// newer one and a search asked while the list loads is never dropped.
// (useAction is the opposite, for writes: a second click does nothing.)
// loading is true while the latest load runs; failure is its refusal in
// the user's language, '' once an answer arrives.
export function useLatest() {
  const loading = ref(false)
  const failure = ref('')
  let asked = 0
  // run resolves to fn's answer, or to undefined when fn failed or a
  // later run superseded it.
  async function run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    const mine = ++asked
    loading.value = true
    try {
      const res = await fn()
      if (mine !== asked) return undefined
      failure.value = ''
      return res
    } catch (e) {
      if (mine === asked) failure.value = errorText(e instanceof ApiError ? e.code : 'internal')
      return undefined
    } finally {
      if (mine === asked) loading.value = false
    }
  }
  return { loading, failure, run }
}
