import { describe, expect, it } from 'vitest';
import { criteriaFor } from './certification.criteria.ts';
import {
  classify,
  DEFAULT_THRESHOLDS,
  type ProvinceCriterionRecord,
  provinceCriteriaSets,
  thresholdList,
  thresholdProblems,
} from './certification.rules.ts';
import { classThresholdsSchema, provinceCriterionInputSchema } from './certification.schemas.ts';

const NGHE_AN = { code: 'nghe-an', name: 'Tỉnh Nghệ An' };
const row = (over: Partial<ProvinceCriterionRecord> = {}): ProvinceCriterionRecord => ({
  id: '7b0c2f4e-1d2a-4c3b-9e8f-0a1b2c3d4e5f',
  article: 'QĐ 15/2024/QĐ-UBND Điều 3',
  unitTypes: ['residential_area'],
  evidence: ['minutes'],
  fromYear: 2025,
  toYear: null,
  labelVi: 'Có tổ an ninh tự quản hoạt động thường xuyên',
  labelEn: 'A self-managed security team meets regularly',
  ...over,
});

describe('a province’s own criteria (TT 124/2021 Art. 8.1)', () => {
  it('follow the national criteria for the province’s units in the years they apply to, marked as the province’s', () => {
    const sets = provinceCriteriaSets(NGHE_AN, [row(), row({ id: '8c1d3a5f-2e3b-4d4c-8f9a-1b2c3d4e5f60', fromYear: 2022, toYear: 2024 })]);
    const of = (year: number, province: string | null) =>
      criteriaFor('residential_area', year, sets, province).filter((c) => c.set.province !== null);
    expect(of(2025, 'nghe-an').map((c) => c.criterion.id)).toEqual(['prov:7b0c2f4e-1d2a-4c3b-9e8f-0a1b2c3d4e5f']);
    expect(of(2024, 'nghe-an').map((c) => c.criterion.id)).toEqual(['prov:8c1d3a5f-2e3b-4d4c-8f9a-1b2c3d4e5f60']);
    expect(of(2025, 'ha-tinh')).toEqual([]);
    // After the national ones, with their article and source.
    const all = criteriaFor('residential_area', 2025, sets, 'nghe-an');
    expect(all.at(-1)?.set.source).toBe('Quy định của Tỉnh Nghệ An');
    expect(all.at(-1)?.criterion.article).toBe('QĐ 15/2024/QĐ-UBND Điều 3');
    expect(all.slice(0, -1).every((c) => c.set.province === null)).toBe(true);
    // Not for the unit types it does not name.
    expect(criteriaFor('school', 2025, sets, 'nghe-an').some((c) => c.set.province !== null)).toBe(false);
  });

  it('refuses a last year before the first and an empty list of unit types', () => {
    const input = { ...row(), id: undefined };
    delete input.id;
    expect(provinceCriterionInputSchema.safeParse(input).success).toBe(true);
    expect(provinceCriterionInputSchema.safeParse({ ...input, toYear: 2024 }).success).toBe(false);
    expect(provinceCriterionInputSchema.safeParse({ ...input, unitTypes: [] }).success).toBe(false);
    expect(provinceCriterionInputSchema.safeParse({ ...input, unitTypes: ['village'] }).success).toBe(false);
  });
});

describe('class thresholds as a province’s data (QĐ 510/2022) [V]', () => {
  it('start from the defaults and classify with the province’s own points', () => {
    expect(DEFAULT_THRESHOLDS).toEqual({ excellent: 90, good: 70, average: 50, weak: 0 });
    const own = thresholdList({ excellent: 95, good: 80, average: 60, weak: 0 });
    expect([classify(94, own), classify(95, own), classify(79, own), classify(59, own)]).toEqual(['good', 'excellent', 'average', 'weak']);
    expect(classify(94)).toBe('excellent');
  });

  it('must put every score from 0 to 100 into exactly one class', () => {
    expect(thresholdProblems(DEFAULT_THRESHOLDS)).toEqual([]);
    expect(thresholdProblems({ excellent: 90, good: 70, average: 50, weak: 10 })).toEqual(['weak']);
    expect(thresholdProblems({ excellent: 90, good: 50, average: 50, weak: 0 })).toEqual(['good']);
    expect(thresholdProblems({ excellent: 70, good: 80, average: 50, weak: 0 })).toEqual(['excellent']);
    expect(classThresholdsSchema.safeParse({ excellent: 101, good: 70, average: 50, weak: 0 }).success).toBe(false);
    expect(classThresholdsSchema.safeParse({ excellent: 90, good: 70, average: 50 }).success).toBe(false);
  });
});
