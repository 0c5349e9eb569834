import type { Unit } from '@binh-an/domain';
import type { ReportPeriodKind, ReportSearch } from '../reports/period.ts';
import { findUnitByKey, reportUnitKey, type UnitOption } from '../reports/report-units.ts';

/** The dashboard's and the map's choices as kept in the address: the report page's, without the report's language. */
export type DashboardSearch = Omit<ReportSearch, 'lang'>;

/** A dashboard opens on this year: its months so far, and the recent work. */
export const DASHBOARD_DEFAULT_KIND: ReportPeriodKind = 'year';

/** "2020-03" as the month's short name: "T3/2020" in Vietnamese, "3/2020" in English (message `dashboardPage.monthValue`). */
export function monthLabel(month: string, t: (key: string, vars: Record<string, string>) => string): string {
  const [year = '', m = ''] = month.split('-');
  return t('dashboardPage.monthValue', { month: String(Number(m)), year });
}

/** The item with the largest value (the first of equals), or null when every value is zero. */
export function peakOf<T>(items: readonly T[], value: (item: T) => number): T | null {
  let best: T | null = null;
  for (const item of items) if (value(item) > 0 && (best === null || value(item) > value(best))) best = item;
  return best;
}

/** A circle's radius on the map, in pixels: its area grows with the count, the largest at 30 px, none under 7 px. */
export function circleRadius(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.round((7 + 23 * Math.sqrt(count / max)) * 10) / 10;
}

/** A share as a percentage the Vietnamese way: "77,8%". */
export function formatShare(rate: number | null): string {
  if (rate === null) return '—';
  return `${(Math.round(rate * 1000) / 10).toFixed(1).replace('.', ',')}%`;
}

/** A latitude or longitude typed with a comma or a dot: null for empty, undefined when not a number. */
export function parseCoordinate(text: string): number | null | undefined {
  const trimmed = text.trim().replace(/\s+/g, '');
  if (trimmed === '') return null;
  if (!/^-?\d{1,3}([.,]\d+)?$/.test(trimmed)) return undefined;
  return Number(trimmed.replace(',', '.'));
}

/**
 * A boundary pasted as GeoJSON: a geometry, or a Feature (or a FeatureCollection of one) holding it, unwrapped; null
 * for empty text; 'invalid' for text that is not JSON. The server checks the geometry itself.
 */
export function parseBoundaryInput(text: string): object | null | 'invalid' {
  if (text.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'invalid';
  }
  if (!value || typeof value !== 'object') return 'invalid';
  const v = value as { type?: unknown; geometry?: unknown; features?: unknown };
  if (v.type === 'FeatureCollection' && Array.isArray(v.features) && v.features.length === 1) {
    return parseBoundaryInput(JSON.stringify(v.features[0]));
  }
  if (v.type === 'Feature' && v.geometry && typeof v.geometry === 'object') return v.geometry as object;
  return value as object;
}

/**
 * The units the pickers offer: the report page's (province down to blocks, current before historic), and the reader's
 * own unit when it lies above the wards and the unit list does not hold it (a city's account: its roll-up only).
 */
export function dashboardUnitOptions(
  units: readonly Unit[],
  options: readonly UnitOption[],
  own: { id: string; name: string; type: string },
  t: (key: string) => string,
): UnitOption[] {
  const isAboveWards = own.type === 'province' || own.type === 'district';
  if (!isAboveWards || units.some((u) => u.id === own.id)) return [...options];
  return [{ value: own.id, label: `${own.name} — ${t(`unitTypes.${own.type}`)}` }, ...options];
}

/** The unit a key names among the units listed, or the reader's own unit above the wards (known by id only). */
export function resolveDashboardUnit(
  units: readonly Unit[],
  key: string,
  own: { id: string; name: string; type: string },
): { id: string; name: string; type: string; isListed: boolean } | null {
  const listed = findUnitByKey(units, key);
  if (listed) return { id: listed.id, name: listed.name, type: listed.type, isListed: true };
  if (key === own.id) return { ...own, isListed: false };
  return null;
}

export { reportUnitKey };
