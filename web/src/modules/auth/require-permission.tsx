import type { Action } from '@binh-an/domain';
import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/page-header.tsx';
import { useCan } from './hooks.ts';

type RequirePermissionProps = { action: Action; titleKey: string; children: ReactNode };

/** Shows a screen only to accounts allowed to use it; others get the refusal in words instead of a failed load. */
export function RequirePermission({ action, titleKey, children }: RequirePermissionProps) {
  const { t } = useTranslation();
  const can = useCan();
  if (can(action)) return <>{children}</>;
  return (
    <>
      <PageHeader title={t(titleKey)} />
      <Alert color="orange" variant="light" role="alert" title={t('common.errorTitle')}>
        {t('errors.forbidden')}
      </Alert>
    </>
  );
}
