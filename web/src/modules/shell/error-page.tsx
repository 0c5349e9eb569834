import { Stack, Title } from '@mantine/core';
import type { ErrorComponentProps } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/error-alert.tsx';

/** A screen that failed to load, with the reason and a retry. */
export function ErrorPage({ error, reset }: ErrorComponentProps) {
  const { t } = useTranslation();
  return (
    <Stack p="md" gap="md" maw={720}>
      <Title order={1}>{t('shell.errorTitle')}</Title>
      <ErrorAlert error={error} onRetry={reset} />
    </Stack>
  );
}
