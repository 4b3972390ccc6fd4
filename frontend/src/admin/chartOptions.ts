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

export function turnaroundOption(labels: string[], median: (number | null)[], p90: (number | null)[], words: { median: string; p90: string; hours: string; noData: string }): ChartOption {
  const empty = [...median, ...p90].every((v) => v === null)
  return {
    animation,
    title: noData(empty ? words.noData : null),
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v == null ? '—' : `${v} h`) },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, width: 110, overflow: 'break' } },
    yAxis: { type: 'value', name: words.hours, min: 0 },
    series: [
      { type: 'bar', name: words.median, data: median, barMaxWidth: 36 },
      { type: 'bar', name: words.p90, data: p90, barMaxWidth: 36 },
    ],
  }
}

export function completionOption(stations: string[], completion: (number | null)[], lost: (number | null)[], words: { completion: string; lost: string; percent: string; noData: string }): ChartOption {
  const empty = [...completion, ...lost].every((v) => v === null)
  return {
    animation,
    title: noData(empty ? words.noData : null),
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v == null ? '—' : `${v} %`) },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: stations },
    yAxis: { type: 'value', name: words.percent, min: 0, max: 100 },
    series: [
      { type: 'bar', name: words.completion, data: completion, barMaxWidth: 36, itemStyle: { color: '#3f9142' } },
      { type: 'bar', name: words.lost, data: lost, barMaxWidth: 36, itemStyle: { color: '#c0392b' } },
    ],
  }
}
