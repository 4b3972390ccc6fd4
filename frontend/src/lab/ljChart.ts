import type { ChartOption } from '../admin/echarts'

export interface LJPoint {
  at: string
  run_id: number
  value: number | null
  qualitative?: string
  z: number | null
  rules_violated: string[]
  status: 'accepted' | 'warning' | 'rejected'
}

const colour = { accepted: '#2f6fd6', warning: '#d69e2e', rejected: '#c53030' }

// ljOption draws a material's Levey-Jennings chart in z-scores: one point
// a control value, in run order, with lines at the mean and at ±1, ±2 and
// ±3 SD; a point that violated a rule is drawn large, amber for a 1-2s
// warning and red for a rejection, and its tooltip names the rules.
export function ljOption(points: LJPoint[], ruleName: (r: string) => string, runLabel: (id: number) => string): ChartOption {
  const shown = points.filter((p) => p.z !== null)
  return {
    grid: { left: 40, right: 44, top: 20, bottom: 40 },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const pt = shown[(p as { dataIndex: number }).dataIndex]
        const rules = pt.rules_violated.map(ruleName).join(', ')
        return `${runLabel(pt.run_id)}<br/>${pt.value} (z ${pt.z?.toFixed(2)})${rules ? '<br/>' + rules : ''}`
      },
    },
    // One category a value (a run may have several), named by its run.
    xAxis: { type: 'category', data: shown.map((_, i) => String(i)), axisLabel: { formatter: (i: string) => runLabel(shown[Number(i)].run_id) } },
    yAxis: { type: 'value', min: -4, max: 4, interval: 1 },
    series: [{
      type: 'line',
      showSymbol: true,
      showAllSymbol: true,
      data: shown.map((p) => ({
        value: Number(p.z!.toFixed(3)),
        symbolSize: p.rules_violated.length ? 14 : 7,
        itemStyle: { color: colour[p.status] },
      })),
      lineStyle: { color: '#7b8794' },
      markLine: {
        symbol: 'none',
        silent: true,
        data: [0, 1, -1, 2, -2, 3, -3].map((y) => ({
          yAxis: y,
          lineStyle: { color: Math.abs(y) === 3 ? '#c53030' : Math.abs(y) === 2 ? '#d69e2e' : '#9fb3c8', type: y === 0 ? 'solid' : 'dashed' },
          label: { formatter: y === 0 ? 'x̄' : `${y > 0 ? '+' : ''}${y}s` },
        })),
      },
    }],
  } as ChartOption
}
