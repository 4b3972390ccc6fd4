import { describe, expect, it } from 'vitest'
import { changeLines } from './auditChanges'

describe('changeLines', () => {
  it('reads a change as from → to', () => {
    expect(changeLines({ due_hours_high: { from: 72, to: 48 } })).toEqual(['due_hours_high: 72 → 48'])
  })
  it('shows plain details, nulls and empty strings plainly', () => {
    expect(changeLines({ station_id: 2, consent_text_version: '', weekdays: [1, 3], assignee_id: { from: null, to: 6 } })).toEqual([
      'station_id: 2', 'consent_text_version: ""', 'weekdays: [1,3]', 'assignee_id: — → 6',
    ])
  })
  it('has no lines for no changes', () => {
    expect(changeLines(undefined)).toEqual([])
    expect(changeLines(null)).toEqual([])
  })
  it('keeps an object that merely has from and to among other fields as a value', () => {
    expect(changeLines({ range: { from: '2026-03-01', to: '2026-03-31', n: 4 } })).toEqual(['range: {"from":"2026-03-01","to":"2026-03-31","n":4}'])
  })
})
