import { Button, Group, Modal, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '../../ui/error-alert.tsx';

/**
 * A patrol record's form in a dialog (a new one, or a correction): an optional introduction, the form's error, the
 * fields (each with the server's message beside it), then "Huỷ" and the submit button ("Lưu thay đổi" unless named).
 */
export function EditModal({
  opened,
  onClose,
  title,
  formError,
  isPending,
  onSubmit,
  size = 'lg',
  intro,
  submitLabel,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  formError: string | null;
  isPending: boolean;
  onSubmit: () => void;
  size?: string;
  /** Shown above the form's error (a hint, what cannot change). */
  intro?: ReactNode;
  submitLabel?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const isSmall = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size={size}
      fullScreen={isSmall}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        <Stack gap="md">
          {intro}
          <FormErrorAlert message={formError} />
          {children}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={isPending}>
              {submitLabel ?? t('common.saveChanges')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
