import { CHILD_TYPES, type Unit } from '@binh-an/domain';
import { Anchor, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber, todayInVietnam } from '../../lib/format.ts';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { IconPlus } from '../../ui/icons.tsx';
import { UnitBadges } from './unit-badges.tsx';
import { pathLabelOf, type UnitForest, unitStatusOf } from './unit-forest.ts';
import { UnitGeometryButton } from './unit-geometry-modal.tsx';

type UnitDetailProps = {
  unit: Unit;
  forest: UnitForest;
  canManage: boolean;
  onEdit: () => void;
  onAddChild: () => void;
  headingId: string;
};

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ display: 'contents' }}>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

/** Links to related units (predecessors, successors); a unit outside the user's scope is named as such. */
function UnitLinks({ ids, forest }: { ids: string[]; forest: UnitForest }) {
  const { t } = useTranslation();
  if (ids.length === 0) return <>{t('common.none')}</>;
  return (
    <Stack gap={2} component="span">
      {ids.map((id) => {
        const other = forest.byId.get(id);
        if (!other) {
          return (
            <Text component="span" size="sm" key={id} c="dimmed">
              {t('unitsPage.outOfScope')}
            </Text>
          );
        }
        return (
          <AnchorLink
            key={id}
            to="/units"
            search={(prev) => ({ ...prev, unit: id, inactive: other.isActive ? prev.inactive : '1' })}
            size="sm"
          >
            {other.name}
            {other.isActive ? '' : ` (${t(`unitsPage.${unitStatusOf(other, todayInVietnam())}`).toLowerCase()})`}
          </AnchorLink>
        );
      })}
    </Stack>
  );
}

/** Everything known about one unit, with the edit and add-child actions for administrators. */
export function UnitDetail({ unit, forest, canManage, onEdit, onAddChild, headingId }: UnitDetailProps) {
  const { t } = useTranslation();
  const path = pathLabelOf(unit.id, forest.byId);
  const childCount = forest.childrenOf.get(unit.id)?.length ?? 0;
  const canHaveChildren = CHILD_TYPES[unit.type].length > 0;
  const { phone, email, address } = unit.contact;

  return (
    <Stack gap="sm">
      <div>
        <Title order={2} id={headingId} style={{ overflowWrap: 'anywhere' }}>
          {unit.name}
        </Title>
        {path ? (
          <Text size="sm" c="dimmed" mt={2}>
            {t('unitsPage.partOf')}: {path}
          </Text>
        ) : null}
      </div>
      <Group gap={6}>
        <Badge color="brand" variant="light">
          {t(`unitTypes.${unit.type}`)}
        </Badge>
        <UnitBadges unit={unit} />
      </Group>
      {canManage ? (
        <Group gap="xs">
          <Button variant="outline" size="sm" onClick={onEdit}>
            {t('unitsPage.edit')}
          </Button>
          <UnitGeometryButton unit={unit} />
          {canHaveChildren && unit.isActive ? (
            <Button size="sm" leftSection={<IconPlus size={16} />} onClick={onAddChild}>
              {t('unitsPage.addChild')}
            </Button>
          ) : null}
        </Group>
      ) : null}
      <dl style={{ display: 'grid', gridTemplateColumns: 'minmax(7rem, max-content) 1fr', gap: '6px 16px', margin: 0 }}>
        <Field label={t('unitsPage.fields.code')}>
          <span className="mono">{unit.code}</span>
        </Field>
        <Field label={t('unitsPage.fields.type')}>{t(`unitTypes.${unit.type}`)}</Field>
        {unit.type === 'school' ? (
          <Field label={t('unitsPage.fields.schoolLevel')}>
            {unit.schoolLevel ? t(`schoolLevels.${unit.schoolLevel}`) : t('common.notSet')}
          </Field>
        ) : null}
        <Field label={t('unitsPage.fields.validFrom')}>{unit.validFrom ? formatDate(unit.validFrom) : t('common.notSet')}</Field>
        <Field label={t('unitsPage.fields.validTo')}>{unit.validTo ? formatDate(unit.validTo) : t('unitsPage.noEnd')}</Field>
        <Field label={t('unitsPage.fields.status')}>{t(`unitsPage.${unitStatusOf(unit, todayInVietnam())}`)}</Field>
        <Field label={t('unitsPage.fields.predecessors')}>
          <UnitLinks ids={unit.predecessorIds} forest={forest} />
        </Field>
        <Field label={t('unitsPage.fields.successors')}>
          <UnitLinks ids={unit.successorIds} forest={forest} />
        </Field>
        <Field label={t('unitsPage.fields.children')}>{formatNumber(childCount)}</Field>
        <Field label={t('unitsPage.fields.phone')}>
          {phone ? (
            <Anchor href={`tel:${phone.replace(/[^\d+]/g, '')}`} size="sm">
              {phone}
            </Anchor>
          ) : (
            t('common.notSet')
          )}
        </Field>
        <Field label={t('unitsPage.fields.email')}>
          {email ? (
            <Anchor href={`mailto:${email}`} size="sm">
              {email}
            </Anchor>
          ) : (
            t('common.notSet')
          )}
        </Field>
        <Field label={t('unitsPage.fields.address')}>{address || t('common.notSet')}</Field>
        {unit.note ? <Field label={t('unitsPage.fields.note')}>{unit.note}</Field> : null}
      </dl>
    </Stack>
  );
}
