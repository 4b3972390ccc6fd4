// ECharts, modular: only the charts, components and renderer the dashboard
// draws, registered once. Imported by the dashboard's lazy route alone, so
// none of it is in the initial JS.
import { init, use, type ComposeOption, type EChartsType } from 'echarts/core'
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts'
import {
  GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent,
  type GridComponentOption, type LegendComponentOption, type MarkLineComponentOption, type TitleComponentOption, type TooltipComponentOption,
} from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, CanvasRenderer])

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | MarkLineComponentOption | TitleComponentOption | TooltipComponentOption
>
export { init }
export type { EChartsType }
