import type { Unit } from '@binh-an/domain';
import type { TFunction } from 'i18next';
import { buildCsv } from '../../lib/csv.ts';
import { formatDate, todayInVietnam } from '../../lib/format.ts';
import { pathLabelOf, unitStatusOf } from './unit-forest.ts';

/** The shown units as a CSV document, with the path of each one. */
export function buildUnitsCsv(units: readonly Unit[], byId: Map<string, Unit>, t: TFunction): string {
  const header = [
    t('unitsPage.fields.code'),
    t('unitsPage.fields.name'),
    t('unitsPage.fields.type'),
    t('unitsPage.fields.schoolLevel'),
    t('unitsPage.partOf'),
    t('unitsPage.fields.validFrom'),
    t('unitsPage.fields.validTo'),
    t('unitsPage.fields.status'),
    t('unitsPage.demo'),
    t('unitsPage.fields.phone'),
    t('unitsPage.fields.email'),
    t('unitsPage.fields.address'),
    t('unitsPage.fields.note'),
  ];
  const today = todayInVietnam();
  const rows = units.map((unit) => [
    unit.code,
    unit.name,
    t(`unitTypes.${unit.type}`),
    unit.schoolLevel ? t(`schoolLevels.${unit.schoolLevel}`) : '',
    pathLabelOf(unit.id, byId),
    formatDate(unit.validFrom),
    formatDate(unit.validTo),
    t(`unitsPage.${unitStatusOf(unit, today)}`),
    unit.isDemo ? t('common.yes') : '',
    unit.contact.phone,
    unit.contact.email,
    unit.contact.address,
    unit.note,
  ]);
  return buildCsv(header, rows);
}
