import type { Unit, UnitType } from '@binh-an/domain';
import { compareVietnamese } from '../../lib/text.ts';

/** The units a report is written for: a province, a city or district, a ward (commune, special zone), a block. */
const REPORT_UNIT_TYPES: readonly UnitType[] = ['province', 'district', 'ward', 'commune', 'special_zone', 'block'];
const LEVEL: Partial<Record<UnitType, number>> = { province: 0, district: 1, ward: 2, commune: 2, special_zone: 2, block: 3 };

export type UnitOption = { value: string; label: string };

/**
 * What the report is asked for a unit: its code when no other listed unit has the same one (readable addresses such as
 * `?unit=le-mao`), else its id (a historic block shares its code with today's block).
 */
export function reportUnitKey(unit: Unit, units: readonly Unit[]): string {
  return units.filter((other) => other.code === unit.code).length > 1 ? unit.id : unit.code;
}

/** The units the page offers, from the top of the tree down, current before historic, by name. */
export function reportUnitOptions(units: readonly Unit[], t: (key: string) => string): UnitOption[] {
  return units
    .filter((unit) => REPORT_UNIT_TYPES.includes(unit.type))
    .sort(
      (a, b) => (LEVEL[a.type] ?? 9) - (LEVEL[b.type] ?? 9) || Number(b.isActive) - Number(a.isActive) || compareVietnamese(a.name, b.name),
    )
    .map((unit) => {
      const label = `${unit.name} — ${t(`unitTypes.${unit.type}`)}`;
      return { value: reportUnitKey(unit, units), label: unit.isActive ? label : `${label} (${t('reportsPage.historic')})` };
    });
}

/** The unit a key names (code or id). */
export function findUnitByKey(units: readonly Unit[], key: string): Unit | undefined {
  return units.find((unit) => unit.id === key) ?? units.find((unit) => unit.code === key && reportUnitKey(unit, units) === key);
}
