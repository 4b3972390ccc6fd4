import { describe, expect, it } from 'vitest'
import messages from './messages'
import { outcomes, sources, tasks } from './types'

// The server's lists of outcomes, sources and tasks (lab/pregnancy*.go)
// are the screens' lists, and each has its words in both languages.
const goSources = import.meta.glob<string>(['../../../lab/pregnancy*.go', '!../../../lab/*_test.go'], { query: '?raw', import: 'default', eager: true })
const go = Object.values(goSources).join('\n')

function goList(name: string): string[] {
  const m = go.match(new RegExp(`var ${name} = \\[\\]string\\{([^}]*)\\}`))
  if (!m) throw new Error(`no ${name} in lab/pregnancy*.go`)
  return [...m[1].matchAll(/"([a-z_]+)"/g)].map((x) => x[1])
}

describe('pregnancy words', () => {
  it('has the server lists', () => {
    expect([...outcomes]).toEqual(goList('pregnancyOutcomes'))
    expect([...sources].sort()).toEqual(goList('pregnancySources').sort())
    const goTasks = [...go.matchAll(/Task\w+\s*=\s*"([a-z_]+)"/g)].map((x) => x[1])
    expect([...tasks].sort()).toEqual(goTasks.sort())
  })
  it('words each in Chinese and English', () => {
    for (const lang of [messages.zh, messages.en]) {
      for (const o of outcomes) expect(lang.outcomes[o], o).toBeTruthy()
      for (const s of sources) expect(lang.sources[s], s).toBeTruthy()
      for (const t of tasks) expect(lang.tasks[t], t).toBeTruthy()
    }
  })
})
