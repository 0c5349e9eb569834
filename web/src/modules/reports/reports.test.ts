import type { Unit } from '@binh-an/domain';
import { describe, expect, it } from 'vitest';
import { reportsPageEn } from '../../locales/reports.en.ts';
import { reportsPageVi } from '../../locales/reports.vi.ts';
import { readPart, readYear, reportYears, resolveReportPeriod } from './period.ts';
import { findUnitByKey, reportUnitKey, reportUnitOptions } from './report-units.ts';

const TODAY = '2026-11-26';

describe('the period of the report page', () => {
  it('is the first half of this year by default', () => {
    expect(resolveReportPeriod({}, TODAY)).toEqual({ from: '2026-01-01', to: '2026-06-30' });
  });

  it('reads a preset, its year and its part from the address', () => {
    expect(resolveReportPeriod({ period: 'half', year: '2020', part: '1' }, TODAY)).toEqual({ from: '2020-01-01', to: '2020-06-30' });
    expect(resolveReportPeriod({ period: 'quarter', year: '2020', part: '3' }, TODAY)).toEqual({ from: '2020-07-01', to: '2020-09-30' });
    expect(resolveReportPeriod({ period: 'month', year: '2020', part: '2' }, TODAY)).toEqual({ from: '2020-02-01', to: '2020-02-29' });
    expect(resolveReportPeriod({ period: 'tt124_ward', year: '2020' }, TODAY)).toEqual({ from: '2019-11-16', to: '2020-11-15' });
    expect(resolveReportPeriod({ period: 'state_half', year: '2020' }, TODAY)).toEqual({ from: '2019-12-15', to: '2020-06-14' });
  });

  it('falls back on wrong values instead of failing', () => {
    expect(readYear('20x0')).toBeUndefined();
    expect(readYear('1800')).toBeUndefined();
    expect(readPart('quarter', '7')).toBe(1);
    expect(readPart('month', '12')).toBe(12);
    expect(resolveReportPeriod({ period: 'year', year: 'abcd' }, TODAY)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('takes two typed days in order, and nothing else', () => {
    expect(resolveReportPeriod({ period: 'custom', from: '2020-01-01', to: '2020-03-15' }, TODAY)).toEqual({
      from: '2020-01-01',
      to: '2020-03-15',
    });
    expect(resolveReportPeriod({ period: 'custom', from: '2020-03-15', to: '2020-01-01' }, TODAY)).toBeNull();
    expect(resolveReportPeriod({ period: 'custom', from: '2020-01-01' }, TODAY)).toBeNull();
    expect(resolveReportPeriod({ period: 'custom', from: '2020-02-30', to: '2020-03-01' }, TODAY)).toBeNull();
  });

  it('offers next year (assessment years end in it) and twelve years back', () => {
    const years = reportYears(TODAY);
    expect(years[0]).toBe(2027);
    expect(years).toContain(2020);
  });
});

describe('the units of the report page', () => {
  const unit = (id: string, code: string, name: string, type: Unit['type'], isActive = true) =>
    ({ id, code, name, type, isActive }) as Unit;
  const units = [
    unit('1', 'trung-my', 'Khối Trung Mỹ', 'block'),
    unit('2', 'le-mao', 'Phường Lê Mao', 'ward', false),
    unit('3', 'nghe-an', 'Tỉnh Nghệ An', 'province'),
    unit('4', 'trung-my', 'Khối Trung Mỹ', 'block', false),
    unit('5', 'truong-le-mao', 'Trường THCS Lê Mao', 'school'),
  ];
  const t = (key: string) => key;

  it('lists the province first and blocks last, keys by code unless a code is shared', () => {
    const options = reportUnitOptions(units, t);
    expect(options.map((o) => o.value)).toEqual(['nghe-an', 'le-mao', '1', '4']);
    expect(reportUnitKey(units[0] as Unit, units)).toBe('1');
    expect(findUnitByKey(units, 'le-mao')?.id).toBe('2');
    expect(findUnitByKey(units, '4')?.id).toBe('4');
  });
});

describe('the strings of the report page', () => {
  const keysOf = (tree: object, prefix = ''): string[] =>
    Object.entries(tree).flatMap(([key, value]) =>
      value !== null && typeof value === 'object' ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`],
    );
  const lookup = (tree: object, key: string) =>
    key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) as string;

  it('have the same keys and placeholders in Vietnamese and English, none empty', () => {
    expect(keysOf(reportsPageEn).sort()).toEqual(keysOf(reportsPageVi).sort());
    for (const key of keysOf(reportsPageVi)) {
      const holes = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(holes(lookup(reportsPageEn, key)), key).toEqual(holes(lookup(reportsPageVi, key)));
      expect(lookup(reportsPageVi, key).trim(), key).not.toBe('');
    }
  });
});
