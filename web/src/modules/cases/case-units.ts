import type { Unit, UnitType } from '@binh-an/domain';
import { compareVietnamese } from '../../lib/text.ts';

/** The units a case belongs to and figures are asked for: the ward (or commune, special zone) and its blocks. */
const CASE_UNIT_TYPES: readonly UnitType[] = ['ward', 'commune', 'special_zone', 'block'];

type Translate = (key: string) => string;
export type UnitOption = { value: string; label: string };

function byLevelThenName(a: Unit, b: Unit): number {
  const level = (u: Unit) => (u.type === 'block' ? 1 : 0);
  return level(a) - level(b) || Number(b.isActive) - Number(a.isActive) || compareVietnamese(a.name, b.name);
}

function labelOf(unit: Unit, t: Translate, historicKey: string): string {
  const base = `${unit.name} — ${t(`unitTypes.${unit.type}`)}`;
  return unit.isActive ? base : `${base} (${t(historicKey)})`;
}

/**
 * Ward-level units and blocks as select options: the wards first, then the blocks, current before historic, by name.
 * Historic units (Lê Mao's blocks before the 2025 merger) are listed only when asked for, marked as no longer in force.
 */
export function caseUnitOptions(units: readonly Unit[], t: Translate, options: { includeHistoric: boolean }): UnitOption[] {
  return units
    .filter((unit) => CASE_UNIT_TYPES.includes(unit.type) && (options.includeHistoric || unit.isActive))
    .sort(byLevelThenName)
    .map((unit) => ({ value: unit.id, label: labelOf(unit, t, 'casesPage.historic') }));
}

/**
 * What the figures endpoint is asked for a unit: its code when no other listed unit has the same one (readable
 * addresses such as `?unit=le-mao`), else its id (a historic block shares its code with today's block).
 */
export function unitReportKey(unit: Unit, units: readonly Unit[]): string {
  return units.filter((other) => other.code === unit.code).length > 1 ? unit.id : unit.code;
}

/** The units the figures page offers, keyed by `unitReportKey`. */
export function figureUnitOptions(units: readonly Unit[], t: Translate): UnitOption[] {
  return units
    .filter((unit) => CASE_UNIT_TYPES.includes(unit.type))
    .sort(byLevelThenName)
    .map((unit) => ({ value: unitReportKey(unit, units), label: labelOf(unit, t, 'caseFigures.historic') }));
}

/** The unit a figures key names (code or id). */
export function findUnitByReportKey(units: readonly Unit[], key: string): Unit | undefined {
  return units.find((unit) => unit.id === key) ?? units.find((unit) => unit.code === key && unitReportKey(unit, units) === key);
}
