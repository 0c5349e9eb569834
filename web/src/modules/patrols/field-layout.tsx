import { Box, Button, Group, Menu, Text, Title, UnstyledButton } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { IconArrowLeft, IconLogout, IconShield } from '../../ui/icons.tsx';
import { LanguageSwitch } from '../../ui/language-switch.tsx';
import { logout } from '../auth/api.ts';
import { resetAccountLocale, useChangeLocale } from '../auth/hooks.ts';
import { SyncIndicator } from './outbox-panel.tsx';
import { useGuardedSignOut } from './sign-out-guard.tsx';

type FieldLayoutProps = {
  title: string;
  /** The account the screen belongs to (null while it loads). */
  account: { id: string; displayName: string } | null;
  children: ReactNode;
};

/**
 * The frame of the patrol phone's record screen, which must work without a network and so stands outside the staff
 * app's shell (which loads the account from the server): a light header with the way back, the one sync indicator and
 * the account's menu (language, sign out), then the screen, one column, at most 40rem wide.
 */
export function FieldLayout({ title, account, children }: FieldLayoutProps) {
  const { t } = useTranslation();
  useDocumentTitle(`${title} – ${t('app.name')}`);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const changeLocale = useChangeLocale();
  const signOut = async () => {
    try {
      await logout();
    } catch {
      // Offline or already signed out: forget everything here anyway.
    }
    queryClient.clear();
    resetAccountLocale();
    await navigate({ to: '/login', replace: true });
  };
  const { requestSignOut, dialog } = useGuardedSignOut(signOut, account?.id ?? null);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="patrol-field-header">
        <Group justify="space-between" gap="xs" wrap="nowrap" maw="40rem" mx="auto" px="sm" py={6}>
          <Group gap={6} wrap="nowrap" style={{ color: 'var(--mantine-color-brand-9)', minWidth: 0 }}>
            <IconShield size={22} />
            <Text fw={700} c="brand.9" className="nowrap">
              {t('app.name')}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitch onChange={(locale) => void changeLocale(locale)} size="xs" />
            {account ? (
              <Menu position="bottom-end" width={260} withinPortal shadow="md">
                <Menu.Target>
                  <UnstyledButton aria-label={t('shell.accountMenu', { name: account.displayName })} className="patrol-account-button">
                    <Text size="sm" fw={500} truncate maw="8rem">
                      {account.displayName}
                    </Text>
                  </UnstyledButton>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item leftSection={<IconLogout size={16} />} onClick={requestSignOut}>
                    {t('shell.signOut')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            ) : null}
          </Group>
        </Group>
      </header>
      <Box component="main" id="main" tabIndex={-1} maw="40rem" mx="auto" px="sm" pb="xl">
        <AnchorLink to="/patrols" size="sm" style={{ display: 'inline-flex', alignItems: 'center', gap: 4, minHeight: 44 }}>
          <IconArrowLeft size={16} />
          {t('patrolsPage.field.title')}
        </AnchorLink>
        <Group justify="space-between" align="center" gap="xs" mb="sm" wrap="wrap">
          <Title order={1} size="h2">
            {title}
          </Title>
          <SyncIndicator />
        </Group>
        {children}
      </Box>
      {dialog}
    </>
  );
}

/** The full-page "needs a network" state of the record screen on a device where it was never opened online. */
export function NeedsNetwork({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Box py="lg">
      <Title order={2} size="h3" mb="xs">
        {t('patrolsPage.record.needsNetworkTitle')}
      </Title>
      <Text mb="md">{t('patrolsPage.record.needsNetworkText')}</Text>
      <Button size="md" onClick={onRetry}>
        {t('common.retry')}
      </Button>
    </Box>
  );
}
