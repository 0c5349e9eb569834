import type { Unit } from '@binh-an/domain';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** "Historic" and "demo data" marks, in words. */
export function UnitBadges({ unit, size = 'sm' }: { unit: Pick<Unit, 'isActive' | 'isDemo'>; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <>
      {!unit.isActive ? (
        <Badge color="gray" size={size} variant="light">
          {t('unitsPage.historic')}
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
