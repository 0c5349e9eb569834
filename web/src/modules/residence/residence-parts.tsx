import type { Unit } from '@binh-an/domain';
import { Badge, Button, Group, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { compareVietnamese } from '../../lib/text.ts';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { useCan } from '../auth/hooks.ts';
import { revealIdNumber } from './api.ts';

/** The links between the four residence lists (and the retention settings for those who manage them); the current one is marked for screen readers. */
export function ResidenceNav({ current }: { current: 'places' | 'notifications' | 'residents' | 'inspections' | 'retention' }) {
  const { t } = useTranslation();
  const canManage = useCan()('residence.manage');
  const links = [
    { key: 'places', to: '/residence' },
    { key: 'notifications', to: '/residence/notifications' },
    { key: 'residents', to: '/residence/residents' },
    { key: 'inspections', to: '/residence/inspections' },
    ...(canManage ? ([{ key: 'retention', to: '/residence/retention' }] as const) : []),
  ] as const;
  return (
    <nav aria-label={t('residencePage.sectionsLabel')}>
      <Group gap="md" wrap="wrap" mb="sm">
        {links.map((l) => (
          <AnchorLink key={l.key} to={l.to} fw={current === l.key ? 700 : 400} aria-current={current === l.key ? 'page' : undefined}>
            {t(`residencePage.sections.${l.key}`)}
          </AnchorLink>
        ))}
      </Group>
    </nav>
  );
}

/** Blocks (and the ward) in force, as options for a filter or a form. */
export function blockOptions(units: readonly Unit[]): { value: string; label: string }[] {
  return units
    .filter((u) => u.isActive && (u.type === 'block' || u.type === 'ward' || u.type === 'commune'))
    .sort((a, b) => Number(a.type === 'block') - Number(b.type === 'block') || compareVietnamese(a.name, b.name))
    .map((u) => ({ value: u.id, label: u.name }));
}

export function OnTimeBadge({ onTime }: { onTime: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge color={onTime ? 'green.9' : 'red.9'} variant="outline">
      {onTime ? t('residence.onTime') : t('residence.late')}
    </Badge>
  );
}

/** A masked ID number with the audited "show" button for readers allowed to see it in full. */
export function IdNumberCell({
  kind,
  id,
  name,
  masked,
  canReveal,
}: {
  kind: 'guest' | 'resident';
  id: string;
  name: string;
  masked: string | null;
  canReveal: boolean;
}) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<string | null>(null);
  const reveal = useMutation({ mutationFn: () => revealIdNumber(kind, id), onSuccess: (r) => setShown(r.idNumber) });
  if (!masked) return <Text size="sm">—</Text>;
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" className="mono">
        {shown ?? masked}
      </Text>
      {canReveal && !shown ? (
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => reveal.mutate()}
          loading={reveal.isPending}
          aria-label={t('residencePage.revealOf', { name })}
        >
          {t('residencePage.reveal')}
        </Button>
      ) : null}
    </Group>
  );
}
