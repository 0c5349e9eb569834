import { PERIOD_PRESETS, type PeriodPreset, PRESET_PARTS, presetPeriod } from '@binh-an/domain';

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

export type Period = { from: string; to: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a value is a real calendar day written yyyy-mm-dd. */
export function isDay(value: unknown): value is string {
  if (typeof value !== 'string' || !DAY.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A year from the address, or undefined when it is not a plausible four-digit year. */
export function readYear(value: string | undefined): number | undefined {
  if (!value || !/^\d{4}$/.test(value)) return undefined;
  const year = Number(value);
  return year >= 1990 && year <= 2100 ? year : undefined;
}

/** The part of a preset (month 1–12, quarter 1–4, half 1–2) from the address; the first when missing or wrong. */
export function readPart(preset: PeriodPreset, value: string | undefined): number {
  const part = Number(value);
  return Number.isInteger(part) && part >= 1 && part <= PRESET_PARTS[preset] ? part : 1;
}

/**
 * The period the address asks for: a preset of a year (this year when none is given) and its part, or two typed days
 * in order. Null for an incomplete or inverted custom period.
 */
export function resolveReportPeriod(search: ReportSearch, today: string): Period | null {
  const kind = search.period ?? DEFAULT_PERIOD_KIND;
  if (kind === 'custom') {
    if (!isDay(search.from) || !isDay(search.to) || search.from > search.to) return null;
    return { from: search.from, to: search.to };
  }
  const year = readYear(search.year) ?? Number(today.slice(0, 4));
  return presetPeriod(kind, year, readPart(kind, search.part));
}

/** The years a preset can be chosen for, newest first: next year (the assessment years end in it) back 12 years. */
export function reportYears(today: string, count = 13): number[] {
  const next = Number(today.slice(0, 4)) + 1;
  return Array.from({ length: count }, (_, i) => next - i);
}
