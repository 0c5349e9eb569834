import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from './error-alert.tsx';

type ConfirmDialogProps = {
  opened: boolean;
  title: string;
  /** Names the object and says what will happen. */
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  isLoading?: boolean;
  isDanger?: boolean;
  error?: string | null;
};

/** Asks before an action that cannot simply be undone. */
export function ConfirmDialog({
  opened,
  title,
  message,
  confirmLabel,
  onConfirm,
  onClose,
  isLoading = false,
  isDanger = true,
  error = null,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="md">
        <Text>{message}</Text>
        <FormErrorAlert message={error} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={isLoading}>
            {t('common.cancel')}
          </Button>
          <Button color={isDanger ? 'red' : undefined} onClick={onConfirm} loading={isLoading} data-autofocus>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
