import type { Unit } from '@binh-an/domain';
import { describe, expect, it } from 'vitest';
import { figureUnitOptions, findUnitByReportKey, unitReportKey } from './case-units.ts';
import { formatRate, isDay, periodYears, presetPeriod, readYear, resolvePeriod } from './period.ts';
import { readQuantityInput } from './quantity-input.ts';

describe('report periods', () => {
  it('gives the first half and the whole year of a year, bounds included', () => {
    expect(presetPeriod('h1', 2020)).toEqual({ from: '2020-01-01', to: '2020-06-30' });
    expect(presetPeriod('year', 2020)).toEqual({ from: '2020-01-01', to: '2020-12-31' });
  });

  it('reads the period from the address, defaulting to the first half of this year', () => {
    const today = '2026-11-26';
    expect(resolvePeriod({}, today)).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(resolvePeriod({ period: 'h1', year: '2020' }, today)).toEqual({ from: '2020-01-01', to: '2020-06-30' });
    expect(resolvePeriod({ period: 'year', year: 'abcd' }, today)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(resolvePeriod({ period: 'custom', from: '2019-12-15', to: '2020-06-14' }, today)).toEqual({
      from: '2019-12-15',
      to: '2020-06-14',
    });
  });

  it('refuses an incomplete, impossible or inverted custom period', () => {
    const today = '2026-11-26';
    expect(resolvePeriod({ period: 'custom', from: '2020-01-01' }, today)).toBeNull();
    expect(resolvePeriod({ period: 'custom', from: '2020-02-30', to: '2020-06-30' }, today)).toBeNull();
    expect(resolvePeriod({ period: 'custom', from: '2020-06-30', to: '2020-01-01' }, today)).toBeNull();
  });

  it('checks days and years', () => {
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2023-02-29')).toBe(false);
    expect(isDay('29/02/2024')).toBe(false);
    expect(readYear('2020')).toBe(2020);
    expect(readYear('20')).toBeUndefined();
    expect(readYear('1800')).toBeUndefined();
    expect(periodYears('2026-01-05', 3)).toEqual([2026, 2025, 2024]);
  });

  it('shows a rate as a percentage with at most one decimal, the Vietnamese way', () => {
    expect(formatRate(0.95, 'vi')).toBe('95%');
    expect(formatRate(2 / 3, 'vi')).toBe('66,7%');
    expect(formatRate(2 / 3, 'en')).toBe('66.7%');
    expect(formatRate(1, 'vi')).toBe('100%');
    expect(formatRate(null, 'vi')).toBeNull();
  });
});

describe('quantities as typed', () => {
  it('accepts a decimal comma or point', () => {
    expect(readQuantityInput('2,4', 'kg')).toBe('2.4');
    expect(readQuantityInput('2.4', 'kg')).toBe('2.4');
    expect(readQuantityInput(' 0,125 ', 'g')).toBe('0.125');
    expect(readQuantityInput('02,40', 'g')).toBe('2.4');
    expect(readQuantityInput('3,0', 'kg')).toBe('3');
  });

  it('reads thousands grouped with dots, commas or spaces', () => {
    expect(readQuantityInput('1.500.000', 'VND')).toBe('1500000');
    expect(readQuantityInput('1 500 000', 'VND')).toBe('1500000');
    expect(readQuantityInput('1,500,000', 'VND')).toBe('1500000');
    expect(readQuantityInput('1.234,5', 'g')).toBe('1234.5');
    expect(readQuantityInput('1,234.5', 'g')).toBe('1234.5');
  });

  it('reads one dot before three digits as thousands only in whole-number units', () => {
    expect(readQuantityInput('1.500', 'VND')).toBe('1500');
    expect(readQuantityInput('1.500', 'tablet')).toBe('1500');
    expect(readQuantityInput('1.500', 'kg')).toBe('1.5');
  });

  it('refuses what is not a number', () => {
    expect(readQuantityInput('', 'kg')).toBeNull();
    expect(readQuantityInput('2,4 kg', 'kg')).toBeNull();
    expect(readQuantityInput('-1', 'kg')).toBeNull();
    expect(readQuantityInput('1,2,3', 'kg')).toBeNull();
    expect(readQuantityInput('1.2.3', 'kg')).toBeNull();
    expect(readQuantityInput('2,', 'kg')).toBeNull();
    expect(readQuantityInput(',5', 'kg')).toBeNull();
    expect(readQuantityInput('1.234.5,6', 'kg')).toBeNull();
  });
});

describe('units of the figures page', () => {
  const unit = (id: string, code: string, name: string, type: Unit['type'], isActive = true): Unit => ({
    id,
    parentId: null,
    wardId: null,
    code,
    name,
    type,
    schoolLevel: null,
    validFrom: null,
    validTo: null,
    predecessorIds: [],
    successorIds: [],
    isDemo: true,
    isActive,
    contact: { phone: null, email: null, address: null },
    note: null,
  });
  const units = [
    unit('u-thanh-vinh', 'thanh-vinh', 'Phường Thành Vinh', 'ward'),
    unit('u-le-mao', 'le-mao', 'Phường Lê Mao', 'ward', false),
    unit('u-trung-my', 'trung-my', 'Khối Trung Mỹ', 'block'),
    unit('u-trung-my-old', 'trung-my', 'Khối Trung Mỹ', 'block', false),
    unit('u-school', 'thcs-le-mao', 'Trường THCS Lê Mao', 'school'),
  ];
  const t = (key: string) => key;

  it('names a unit by its code unless a historic unit shares it', () => {
    expect(unitReportKey(units[1] as Unit, units)).toBe('le-mao');
    expect(unitReportKey(units[2] as Unit, units)).toBe('u-trung-my');
    expect(findUnitByReportKey(units, 'le-mao')?.id).toBe('u-le-mao');
    expect(findUnitByReportKey(units, 'u-trung-my-old')?.id).toBe('u-trung-my-old');
    expect(findUnitByReportKey(units, 'trung-my')).toBeUndefined();
  });

  it('offers wards first, then blocks, current before historic, never schools', () => {
    expect(figureUnitOptions(units, t).map((option) => option.value)).toEqual(['thanh-vinh', 'le-mao', 'u-trung-my', 'u-trung-my-old']);
  });
});
