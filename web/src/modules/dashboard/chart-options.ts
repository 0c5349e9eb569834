/**
 * ECharts options of the dashboard's charts, built without ECharts itself (the library loads only with the charts):
 * bars only, no pies and no 3D, at most four colours from the Analysis Function palette in order (ux.md §5), decals so
 * that series differ by more than colour, and values written on the bars.
 */
export const CHART_COLOURS = ['#12436D', '#28A197', '#801650', '#F46A25'] as const;

export type BarSeries = { name: string; values: readonly number[] };

type BarChartInput = {
  categories: readonly string[];
  series: readonly BarSeries[];
  /** Bars along the vertical axis (long names: groups, blocks, wards), read from top to bottom. */
  isHorizontal?: boolean;
  /** Formats the numbers written on the bars and in the tooltip ("1.234"). */
  format: (n: number) => string;
};

/** A bar chart: one or more series over categories (months, groups, blocks). */
export function barChartOption({ categories, series, isHorizontal = false, format }: BarChartInput): Record<string, unknown> {
  const categoryAxis = {
    type: 'category',
    data: isHorizontal ? [...categories].reverse() : [...categories],
    axisLabel: { color: '#3D3D3D', fontSize: 12, ...(isHorizontal ? { width: 140, overflow: 'truncate' } : { hideOverlap: true }) },
    axisTick: { alignWithLabel: true },
  };
  const valueAxis = { type: 'value', minInterval: 1, axisLabel: { color: '#3D3D3D', fontSize: 12, formatter: format } };
  return {
    color: CHART_COLOURS.slice(0, Math.max(1, series.length)),
    animation: false,
    grid: { left: 8, right: 24, top: series.length > 1 ? 36 : 12, bottom: 8, containLabel: true },
    legend: series.length > 1 ? { top: 0, left: 0, textStyle: { color: '#0b0c0c', fontSize: 13 } } : undefined,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => format(Number(v)) },
    xAxis: isHorizontal ? valueAxis : categoryAxis,
    yAxis: isHorizontal ? categoryAxis : valueAxis,
    series: series.map((s) => ({
      name: s.name,
      type: 'bar',
      data: isHorizontal ? [...s.values].reverse() : [...s.values],
      barMaxWidth: 28,
      label: {
        show: categories.length <= 12,
        position: isHorizontal ? 'right' : 'top',
        color: '#0b0c0c',
        fontSize: 11,
        formatter: (p: { value: number }) => (p.value ? format(p.value) : ''),
      },
    })),
  };
}

/** ECharts' accessibility: a description read out instead of the drawing, and decal patterns on the series. */
export function withAria(option: Record<string, unknown>, description: string): Record<string, unknown> {
  return { ...option, aria: { enabled: true, decal: { show: true }, label: { enabled: true, description } } };
}

/** The height a chart needs: a fixed height for columns, a row per category for bars. */
export function chartHeight(categories: number, isHorizontal: boolean, series = 1): number {
  if (!isHorizontal) return 280;
  return Math.max(160, 48 + categories * (16 + 8 * series));
}
