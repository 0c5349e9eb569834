import type { Locale } from '@binh-an/domain';

/** The periods the figures page offers: the first half of a year, the whole year, or two typed days. */
export const PERIOD_PRESETS = ['h1', 'year', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];
export const DEFAULT_PERIOD_PRESET: PeriodPreset = 'h1';

/** Both bounds inclusive, as yyyy-mm-dd. */
export type Period = { from: string; to: string };

/** The period of the figures page as kept in the address. */
export type PeriodSearch = { period?: PeriodPreset; year?: string; from?: string; to?: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a value is a real calendar day written yyyy-mm-dd. */
export function isDay(value: unknown): value is string {
  if (typeof value !== 'string' || !DAY.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** "6 tháng đầu năm" is 01/01–30/06; "Cả năm" is 01/01–31/12 of the year. */
export function presetPeriod(preset: Exclude<PeriodPreset, 'custom'>, year: number): Period {
  const y = String(year).padStart(4, '0');
  return preset === 'h1' ? { from: `${y}-01-01`, to: `${y}-06-30` } : { from: `${y}-01-01`, to: `${y}-12-31` };
}

/** A year from the address, or undefined when it is not a plausible four-digit year. */
export function readYear(value: string | undefined): number | undefined {
  if (!value || !/^\d{4}$/.test(value)) return undefined;
  const year = Number(value);
  return year >= 1990 && year <= 2100 ? year : undefined;
}

/**
 * The period to show for what the address holds: a preset of the given year (this year when none or an invalid one
 * is given), or the custom bounds when both are real days in order. Null for an incomplete or inverted custom period.
 */
export function resolvePeriod(search: PeriodSearch, today: string): Period | null {
  const preset = search.period ?? DEFAULT_PERIOD_PRESET;
  if (preset === 'custom') {
    if (!isDay(search.from) || !isDay(search.to) || search.from > search.to) return null;
    return { from: search.from, to: search.to };
  }
  return presetPeriod(preset, readYear(search.year) ?? Number(today.slice(0, 4)));
}

/** The years a preset can be chosen for, newest first: this year back `count - 1` years. */
export function periodYears(today: string, count = 12): number[] {
  const current = Number(today.slice(0, 4));
  return Array.from({ length: count }, (_, i) => current - i);
}

const rateFormats = new Map<Locale, Intl.NumberFormat>();

/** A share from 0 to 1 as a percentage with at most one decimal ("95%", "66,7%" in Vietnamese); null stays null. */
export function formatRate(rate: number | null, locale: Locale): string | null {
  if (rate === null || !Number.isFinite(rate)) return null;
  let format = rateFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'vi-VN', { style: 'percent', maximumFractionDigits: 1 });
    rateFormats.set(locale, format);
  }
  // Vietnamese writes the sign straight after the number ("95%"), as in ux.md; ICU puts a no-break space before it.
  return format.format(rate).replace(/[\s\u00a0\u202f]%/, '%');
}
