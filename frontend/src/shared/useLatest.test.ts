import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '../api'
import { useLatest } from './useLatest'

// The words of a refusal are i18n's; here the code stands for them.
vi.mock('../i18n', () => ({ errorText: (code: string) => `words of ${code}` }))

function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej })
  return { promise, resolve, reject }
}

describe('useLatest', () => {
  it('shows only the latest answer, whatever order the answers come in', async () => {
    const l = useLatest()
    const older = deferred<string>()
    const newer = deferred<string>()
    const first = l.run(() => older.promise)
    const second = l.run(() => newer.promise)
    expect(l.loading.value).toBe(true)
    newer.resolve('new')
    expect(await second).toBe('new')
    expect(l.loading.value).toBe(false)
    older.resolve('old')
    expect(await first).toBeUndefined()
    expect(l.loading.value).toBe(false)
  })

  it('runs a load asked while another runs, instead of dropping it', async () => {
    const l = useLatest()
    const slow = deferred<number>()
    const first = l.run(() => slow.promise)
    expect(await l.run(async () => 2)).toBe(2)
    slow.resolve(1)
    expect(await first).toBeUndefined()
  })

  it('keeps the latest refusal, not a superseded one, and clears it with an answer', async () => {
    const l = useLatest()
    const older = deferred<number>()
    const first = l.run(() => older.promise)
    const second = l.run(() => Promise.reject(new ApiError(403, 'forbidden', 'no')))
    expect(await second).toBeUndefined()
    expect(l.failure.value).toBe('words of forbidden')
    older.reject(new ApiError(500, 'internal', 'boom'))
    expect(await first).toBeUndefined()
    expect(l.failure.value).toBe('words of forbidden')
    expect(await l.run(async () => 3)).toBe(3)
    expect(l.failure.value).toBe('')
  })
})
