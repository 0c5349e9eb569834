import { describe, expect, it } from 'vitest';
import { areaOf, CASE_UNVERIFIED_DAYS, isCaseUnverifiedTooLong, monthsOf, unverifiedCutoff } from './dashboard.rules.ts';

describe('overdue cases', () => {
  it('flags a case still received more than 20 days after it was discovered', () => {
    expect(CASE_UNVERIFIED_DAYS).toBe(20);
    expect(unverifiedCutoff('2020-03-31')).toBe('2020-03-10');
    expect(isCaseUnverifiedTooLong('received', '2020-03-10', '2020-03-31')).toBe(true);
    expect(isCaseUnverifiedTooLong('received', '2020-03-11', '2020-03-31')).toBe(false);
    expect(isCaseUnverifiedTooLong('verifying', '2020-01-01', '2020-03-31')).toBe(false);
  });
});

describe('monthsOf', () => {
  it('lists the months a period touches', () => {
    expect(monthsOf({ from: '2020-01-01', to: '2020-06-30' })).toEqual(['2020-01', '2020-02', '2020-03', '2020-04', '2020-05', '2020-06']);
    expect(monthsOf({ from: '2019-11-16', to: '2020-02-01' })).toEqual(['2019-11', '2019-12', '2020-01', '2020-02']);
    expect(monthsOf({ from: '2020-05-05', to: '2020-05-05' })).toEqual(['2020-05']);
  });
  it('stops at ten years', () => {
    expect(monthsOf({ from: '2000-01-01', to: '2030-12-31' })).toHaveLength(121);
  });
});

describe('areaOf', () => {
  const parents = new Map<string, string | null>([
    ['province', null],
    ['ward', 'province'],
    ['block', 'ward'],
    ['other-ward', 'province'],
  ]);
  it('finds the unit right below the dashboard unit on the way down', () => {
    expect(areaOf('block', 'ward', parents)).toBe('block');
    expect(areaOf('ward', 'ward', parents)).toBe('ward');
    expect(areaOf('block', 'province', parents)).toBe('ward');
    expect(areaOf('other-ward', 'ward', parents)).toBeNull();
    expect(areaOf('unknown', 'ward', parents)).toBeNull();
  });
});
