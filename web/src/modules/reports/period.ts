import { type PeriodPreset, PRESET_PARTS, presetPeriod } from '@binh-an/domain';
import { DEFAULT_PERIOD_KIND, isDay, type ReportSearch } from './period-kinds.ts';

export { DEFAULT_PERIOD_KIND, isDay, REPORT_PERIOD_KINDS, type ReportPeriodKind, type ReportSearch } from './period-kinds.ts';

export type Period = { from: string; to: string };

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
