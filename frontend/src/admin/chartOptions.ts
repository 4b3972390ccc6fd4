// The ECharts options of the dashboard's three charts, built from the
// series summaryCharts.ts shapes and the words the caller translated.
import type { ChartOption } from './echarts'
import type { LineSeries } from './summaryCharts'

const grid = { left: 48, right: 16, top: 60, bottom: 32, containLabel: true }
// No entry animation: the figures are there at once on a tablet, and a
// screenshot for the staff guide shows the whole chart.
const animation = false

// noData puts a quiet sentence in the middle of an empty chart, so an
// empty range reads as "nothing yet", not as a broken chart.
function noData(text: string | null) {
  return text ? { text, left: 'center', top: 'middle', textStyle: { color: '#9aa5b1', fontSize: 14, fontWeight: 'normal' as const } } : undefined
}

export function positivityOption(months: string[], series: LineSeries[], words: { percent: string; noData: string }): ChartOption {
  const empty = series.every((s) => s.data.every((v) => v === null))
  return {
    animation,
    title: noData(empty ? words.noData : null),
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v == null ? '—' : `${v} %`) },
    legend: { type: 'scroll', top: 0 },
    grid,
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', name: words.percent, min: 0, max: (v: { max: number }) => Math.max(10, Math.ceil(v.max / 10) * 10) },
    series: series.map((s) => ({ type: 'line', name: s.name, data: s.data, connectNulls: false, showSymbol: true, symbolSize: 8 })),
  }
}

// turnaroundOption draws the median and 90th percentile per interval,
// already in the unit chosen (chartUnit: minutes when every value is under
// an hour). Each bar carries its value as a label (in the axis's unit),
// so a short turnaround reads as a number rather than as an empty chart.
export function turnaroundOption(labels: string[], median: (number | null)[], p90: (number | null)[], words: { median: string; p90: string; unit: string; noData: string; format: (v: number) => string; short: (v: number) => string }): ChartOption {
  const empty = [...median, ...p90].every((v) => v === null)
  const label = { show: true, position: 'top' as const, fontSize: 11, formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? words.short(p.value) : '') }
  return {
    animation,
    title: noData(empty ? words.noData : null),
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? words.format(v) : '—') },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, width: 100, overflow: 'break' } },
    yAxis: { type: 'value', name: words.unit, min: 0 },
    series: [
      { type: 'bar', name: words.median, data: median, barMaxWidth: 36, barMinHeight: 2, label },
      { type: 'bar', name: words.p90, data: p90, barMaxWidth: 36, barMinHeight: 2, label },
    ],
  }
}

// stationTargetsOption draws per station the women's follow-up completion
// and results within 5 working days, each with its target as a dashed
// line named with its value (so the line is read, not only seen).
export function stationTargetsOption(stations: string[], completion: (number | null)[], within5: (number | null)[], words: { completion: string; within5: string; percent: string; noData: string; target: (n: number) => string }, goals: { completion: number; within5: number }): ChartOption {
  const empty = [...completion, ...within5].every((v) => v === null)
  // The two lines lie close (90 and 95): one names itself at the start,
  // the other at the end.
  const line = (value: number, color: string, position: 'insideStartTop' | 'insideEndTop') => ({
    silent: true, symbol: 'none', lineStyle: { type: 'dashed' as const, color, width: 1.5 },
    label: { formatter: words.target(value), position, color },
    data: [{ yAxis: value }],
  })
  return {
    animation,
    title: noData(empty ? words.noData : null),
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v == null ? '—' : `${v} %`) },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: stations },
    yAxis: { type: 'value', name: words.percent, min: 0, max: 100 },
    series: [
      { type: 'bar', name: words.completion, data: completion, barMaxWidth: 36, itemStyle: { color: '#3f9142' }, markLine: line(goals.completion, '#2f6f32', 'insideStartTop') },
      { type: 'bar', name: words.within5, data: within5, barMaxWidth: 36, itemStyle: { color: '#2563eb' }, markLine: line(goals.within5, '#1e40af', 'insideEndTop') },
    ],
  }
}
