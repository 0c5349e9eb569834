import { Button, Group, Modal, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '../../ui/error-alert.tsx';

/**
 * A correction in a dialog: the form's error first, the fields (each with the server's message beside it), then
 * "Huỷ" and "Lưu thay đổi". The fields are rendered only while it is open, so that each opening starts from the record.
 */
export function EditModal({
  opened,
  onClose,
  title,
  formError,
  isPending,
  onSubmit,
  size = 'lg',
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  formError: string | null;
  isPending: boolean;
  onSubmit: () => void;
  size?: string;
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
          <FormErrorAlert message={formError} />
          {children}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={isPending}>
              {t('common.saveChanges')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
