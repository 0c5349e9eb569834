import type { Unit } from '@binh-an/domain';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { todayInVietnam } from '../../lib/format.ts';
import { unitStatusOf } from './unit-forest.ts';

/** "No longer in force" / "not yet in force" and "demo data" marks, in words. */
export function UnitBadges({ unit, size = 'sm' }: { unit: Pick<Unit, 'isActive' | 'isDemo' | 'validFrom'>; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  const status = unitStatusOf(unit, todayInVietnam());
  return (
    <>
      {status !== 'active' ? (
        <Badge color="gray" size={size} variant="light">
          {t(`unitsPage.${status}`)}
        </Badge>
      ) : null}
      {unit.isDemo ? (
        <Badge color="orange" size={size} variant="light">
          {t('unitsPage.demo')}
        </Badge>
      ) : null}
    </>
  );
}
