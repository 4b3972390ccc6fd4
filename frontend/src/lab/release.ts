import type { Result, SampleDetail } from './types'

// What verifying a sample would release, as lab/verify.go decides: a first
// release makes the entered results current; an amendment's release makes
// the pending amendments current beside the released results they do not
// replace. `releasing` are the results whose authors may not verify them.
export interface ReleaseView {
  amending: boolean
  releasing: Result[]
  next: Result[] // in panel order
}

export function releaseView(d: SampleDetail): ReleaseView {
  const pending = d.results.filter((r) => r.state === 'pending_amendment')
  const amending = d.status === 'released' && pending.length > 0
  if (!amending) {
    const entered = d.results.filter((r) => r.state === 'entered')
    return { amending, releasing: entered, next: entered }
  }
  const amended = new Set(pending.map((r) => r.analyte))
  const kept = d.results.filter((r) => r.state === 'released' && !amended.has(r.analyte))
  const order = (r: Result) => d.analytes.indexOf(r.analyte)
  return { amending, releasing: pending, next: [...kept, ...pending].sort((a, b) => order(a) - order(b)) }
}

// waitsForVerification: a sample the verification screen can release.
export function waitsForVerification(d: SampleDetail): boolean {
  return d.status === 'resulted' || releaseView(d).amending
}
