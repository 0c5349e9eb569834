import { Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../ui/anchor-link.tsx';

/** An address that matches no screen. */
export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('shell.notFoundTitle')} – ${t('app.name')}`);
  return (
    <main id="main">
      <Stack p="xl" gap="sm" maw={640} mx="auto">
        <Title order={1}>{t('shell.notFoundTitle')}</Title>
        <Text>{t('shell.notFoundText')}</Text>
        <AnchorLink to="/">{t('shell.backHome')}</AnchorLink>
      </Stack>
    </main>
  );
}
