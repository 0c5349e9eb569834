import type { Unit } from '@binh-an/domain';
import { describe, expect, it } from 'vitest';
import { dashboardEn } from '../../locales/dashboard.en.ts';
import { dashboardVi } from '../../locales/dashboard.vi.ts';
import { barChartOption, CHART_COLOURS, chartHeight, withAria } from './chart-options.ts';
import {
  circleRadius,
  dashboardUnitOptions,
  formatShare,
  monthLabel,
  parseBoundaryInput,
  parseCoordinate,
  peakOf,
  resolveDashboardUnit,
} from './dashboard-model.ts';

const t = (key: string, vars: Record<string, string> = {}) =>
  key === 'dashboardPage.monthValue' ? `T${vars.month}/${vars.year}` : key.startsWith('unitTypes.') ? 'Tỉnh' : key;

describe('dashboard helpers', () => {
  it('names months the ward way', () => {
    expect(monthLabel('2020-03', t)).toBe('T3/2020');
    expect(monthLabel('2020-12', t)).toBe('T12/2020');
  });

  it('finds the peak, or nothing when every value is zero', () => {
    expect(peakOf([{ n: 1 }, { n: 4 }, { n: 4 }], (x) => x.n)).toEqual({ n: 4 });
    expect(peakOf([{ n: 0 }], (x) => x.n)).toBeNull();
  });

  it('sizes circles by area, within bounds', () => {
    expect(circleRadius(0, 10)).toBe(0);
    expect(circleRadius(10, 10)).toBe(30);
    expect(circleRadius(1, 100)).toBe(9.3);
    expect(circleRadius(25, 100)).toBe(18.5);
  });

  it('writes shares the Vietnamese way', () => {
    expect(formatShare(7 / 9)).toBe('77,8%');
    expect(formatShare(null)).toBe('—');
  });

  it('reads coordinates typed with a comma or a dot', () => {
    expect(parseCoordinate('18,6712')).toBe(18.6712);
    expect(parseCoordinate(' 105.69 ')).toBe(105.69);
    expect(parseCoordinate('')).toBeNull();
    expect(parseCoordinate('abc')).toBeUndefined();
    expect(parseCoordinate('18,67,1')).toBeUndefined();
  });

  it('unwraps a pasted GeoJSON feature to its geometry', () => {
    const polygon = { type: 'Polygon', coordinates: [[[1, 2]]] };
    expect(parseBoundaryInput(JSON.stringify(polygon))).toEqual(polygon);
    expect(parseBoundaryInput(JSON.stringify({ type: 'Feature', properties: {}, geometry: polygon }))).toEqual(polygon);
    expect(parseBoundaryInput(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: polygon }] }))).toEqual(
      polygon,
    );
    expect(parseBoundaryInput('  ')).toBeNull();
    expect(parseBoundaryInput('{not json')).toBe('invalid');
  });

  it('offers a city account its own city, which the unit list does not hold, for the roll-up', () => {
    const own = { id: '00000000-0000-4000-8000-000000000001', name: 'Thành phố Vinh', type: 'district' };
    const options = [{ value: 'le-mao', label: 'Phường Lê Mao' }];
    expect(dashboardUnitOptions([], options, own, t).map((o) => o.value)).toEqual([own.id, 'le-mao']);
    expect(dashboardUnitOptions([], options, { ...own, type: 'ward' }, t)).toEqual(options);
    expect(resolveDashboardUnit([], own.id, own)).toEqual({ ...own, isListed: false });
    const unit = { id: own.id, code: 'vinh', name: 'Thành phố Vinh', type: 'district' } as Unit;
    expect(dashboardUnitOptions([unit], options, own, t)).toEqual(options);
  });
});

describe('chart options', () => {
  it('draws bars in the palette, with decals and a description for screen readers', () => {
    const option = withAria(
      barChartOption({
        categories: ['T1/2020', 'T2/2020'],
        series: [
          { name: 'Tin báo', values: [1, 2] },
          { name: 'Vụ việc', values: [3, 4] },
        ],
        format: String,
      }),
      'Biểu đồ cột theo tháng',
    );
    expect(option.color).toEqual([CHART_COLOURS[0], CHART_COLOURS[1]]);
    expect(option.aria).toEqual({ enabled: true, decal: { show: true }, label: { enabled: true, description: 'Biểu đồ cột theo tháng' } });
    expect((option.series as { type: string }[]).every((s) => s.type === 'bar')).toBe(true);
  });

  it('reads horizontal bars from the top', () => {
    const option = barChartOption({ categories: ['A', 'B'], series: [{ name: 'x', values: [1, 2] }], isHorizontal: true, format: String });
    expect((option.yAxis as { data: string[] }).data).toEqual(['B', 'A']);
    expect((option.series as { data: number[] }[])[0]?.data).toEqual([2, 1]);
    expect(chartHeight(9, true, 3)).toBeGreaterThan(chartHeight(2, true));
  });
});

describe('dashboard UI strings', () => {
  const keysOf = (tree: object, prefix = ''): string[] =>
    Object.entries(tree).flatMap(([key, value]) => (typeof value === 'object' ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`]));
  const lookup = (tree: object, key: string) =>
    key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) as string;
  const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

  it('have the same keys and placeholders in both languages, none empty', () => {
    expect(keysOf(dashboardEn).sort()).toEqual(keysOf(dashboardVi).sort());
    for (const key of keysOf(dashboardVi)) {
      expect(placeholders(lookup(dashboardEn, key)), key).toEqual(placeholders(lookup(dashboardVi, key)));
      expect(lookup(dashboardVi, key).trim(), key).not.toBe('');
    }
  });
});
