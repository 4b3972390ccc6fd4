import { describe, expect, it } from 'vitest'
import { ljOption, type LJPoint } from './ljChart'

const pt = (z: number | null, rules: string[], status: LJPoint['status']): LJPoint =>
  ({ at: '2026-03-02T01:00:00Z', run_id: 1, value: z === null ? null : 10 + z, z, rules_violated: rules, status })

describe('ljOption', () => {
  it('marks the points that violated a rule, by their status', () => {
    const o = ljOption([pt(0.2, [], 'accepted'), pt(2.5, ['1_2s'], 'warning'), pt(2.3, ['1_2s', '2_2s'], 'rejected'), pt(null, ['qualitative'], 'rejected')],
      (r) => r, (id) => `#${id}`) as { series: { data: { value: number; symbolSize: number; itemStyle: { color: string } }[] }[] }
    const data = o.series[0].data
    expect(data).toHaveLength(3) // a qualitative reading has no z to draw
    expect(data[0].symbolSize).toBeLessThan(data[1].symbolSize)
    expect(data[1].itemStyle.color).not.toBe(data[2].itemStyle.color)
    expect(data[2].value).toBe(2.3)
  })
})
