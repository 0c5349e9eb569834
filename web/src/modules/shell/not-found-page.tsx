import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

/** An address that matches no screen. */
export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('shell.notFoundTitle')} – ${t('app.name')}`);
  return (
    <main id="main">
      <Stack p="xl" gap="sm" maw={640} mx="auto">
        <Title order={1}>{t('shell.notFoundTitle')}</Title>
        <Text>{t('shell.notFoundText')}</Text>
        <Anchor component={Link} to="/">
          {t('shell.backHome')}
        </Anchor>
      </Stack>
    </main>
  );
}
