import { Button, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { IconFilterOff } from './icons.tsx';

type EmptyStateProps = {
  title: string;
  description: ReactNode;
  action?: ReactNode;
  /** When a filter hides everything: list the active filters and offer to clear them. */
  activeFilters?: string[];
  onClearFilters?: () => void;
  headingOrder?: 2 | 3;
};

/** Explains an empty list: either nothing exists yet (with one main action) or the filters match nothing. */
export function EmptyState({ title, description, action, activeFilters, onClearFilters, headingOrder = 2 }: EmptyStateProps) {
  const { t } = useTranslation();
  return (
    <Stack
      align="center"
      gap="xs"
      py="xl"
      px="md"
      ta="center"
      style={{ border: '1px dashed var(--mantine-color-gray-4)', borderRadius: 'var(--mantine-radius-sm)' }}
    >
      <Title order={headingOrder} size="h3">
        {title}
      </Title>
      <Text c="dimmed" maw={520}>
        {description}
      </Text>
      {activeFilters && activeFilters.length > 0 ? (
        <Text size="sm">
          {t('common.activeFilters')}: {activeFilters.join(' · ')}
        </Text>
      ) : null}
      {onClearFilters ? (
        <Button variant="outline" leftSection={<IconFilterOff />} onClick={onClearFilters}>
          {t('common.clearFilters')}
        </Button>
      ) : null}
      {action}
    </Stack>
  );
}
