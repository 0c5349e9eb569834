import { Center, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A list or page while it loads, announced to screen readers. */
export function LoadingState({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Loader size="sm" mr="sm" aria-hidden="true" />
      <Text>{label ?? t('common.loading')}</Text>
    </Center>
  );
}
