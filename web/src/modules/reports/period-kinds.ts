/**
 * What the reports' and the dashboard's addresses may hold, apart from the period arithmetic (period.ts), so that the
 * routes' address checks do not bring the report rules into the first load.
 */
import { PERIOD_PRESETS } from '@binh-an/domain';

/** The periods the page offers: the presets of the domain (domain-vn.md §9) and two typed days. */
export const REPORT_PERIOD_KINDS = [...PERIOD_PRESETS, 'custom'] as const;
export type ReportPeriodKind = (typeof REPORT_PERIOD_KINDS)[number];
export const DEFAULT_PERIOD_KIND: ReportPeriodKind = 'half';

/** The report's choices as kept in the address. */
export type ReportSearch = {
  unit?: string;
  period?: ReportPeriodKind;
  year?: string;
  part?: string;
  from?: string;
  to?: string;
  lang?: 'vi' | 'en';
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a value is a real calendar day written yyyy-mm-dd. */
export function isDay(value: unknown): value is string {
  if (typeof value !== 'string' || !DAY.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
