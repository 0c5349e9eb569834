import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { withAria } from './chart-options.ts';

// Only what the dashboard draws: bars, their grid, tooltip and legend, the accessibility component, SVG output.
echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

type EChartProps = { option: Record<string, unknown>; description: string; height: number };

/** One chart, drawn in SVG with ECharts; loaded on demand with the dashboard's charts. */
export default function EChart({ option, description, height }: EChartProps) {
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={withAria(option, description)}
      opts={{ renderer: 'svg' }}
      notMerge
      style={{ height, width: '100%' }}
    />
  );
}
