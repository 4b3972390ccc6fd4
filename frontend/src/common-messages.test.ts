import { describe, expect, it } from 'vitest'
import { common } from './common-messages'

// Every problem code the server can answer (the lab.Code constants of
// lab/*.go) has its words in both languages, so that no refusal is ever
// shown in the server's English.
const goSources = import.meta.glob<string>(['../../lab/*.go', '!../../lab/*_test.go'], { query: '?raw', import: 'default', eager: true })

function serverCodes(): string[] {
  const codes = new Set<string>()
  for (const src of Object.values(goSources)) {
    // In a const block, or a const of its own (CodePregnancyOpen).
    for (const m of src.matchAll(/^\s*(?:const\s+)?Code\w*\s+Code\s*=\s*"([a-z_]+)"/gm)) codes.add(m[1])
  }
  return [...codes].sort()
}

// The notification types (lab/notification.go), keyed as the bell reads
// them: the dot as an underscore.
function notificationTypes(): string[] {
  const types = new Set<string>()
  for (const src of Object.values(goSources)) {
    for (const m of src.matchAll(/^\s*Notify\w*\s+NotificationType\s*=\s*"([a-z_.]+)"/gm)) types.add(m[1].replace('.', '_'))
  }
  return [...types].sort()
}

describe('common messages', () => {
  const codes = serverCodes()
  it('finds the server codes', () => {
    expect(codes).toContain('retest_too_early')
    expect(codes).toContain('pregnancy_open')
    expect(codes.length).toBeGreaterThan(30)
  })
  it('words every problem code in Chinese and English', () => {
    expect(codes.filter((c) => !(common.zh.errors as Record<string, string>)[c])).toEqual([])
    expect(codes.filter((c) => !(common.en.errors as Record<string, string>)[c])).toEqual([])
  })
  it('words every notification type in Chinese and English', () => {
    const types = notificationTypes()
    expect(types).toContain('pregnancy_deferral_warning')
    expect(types.filter((c) => !common.zh.notificationTypes[c])).toEqual([])
    expect(types.filter((c) => !(common.en.notificationTypes as Record<string, string>)[c])).toEqual([])
  })
})
