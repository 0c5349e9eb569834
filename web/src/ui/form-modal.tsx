import { Button, Group, Modal, type ModalProps, Stack } from '@mantine/core';
import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, describeError } from '../lib/api.ts';
import { FormErrorAlert } from './error-alert.tsx';
import { notifySuccess } from './notify.ts';

/** The problem's title and each field's message (already in the user's language), for a form's error alert. */
export function fieldErrors(error: unknown): string | null {
  if (!error) return null;
  if (error instanceof ApiError) return [error.title, ...error.fieldErrors.map((f) => f.message)].join(' ');
  return describeError(error);
}

/**
 * A dialog form's save, for `FormModal`'s `mutation`: once saved it says so (`saved`, from the server's answer), has
 * the lists under `queryKey` read again and closes the dialog; a refusal leaves the form as typed.
 */
export function useFormSave<R>(
  save: () => Promise<R>,
  { queryKey, saved, onClose }: { queryKey: QueryKey; saved: (result: R) => string; onClose: () => void },
) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: save,
    onSuccess: (result) => {
      notifySuccess(saved(result));
      void qc.invalidateQueries({ queryKey });
      onClose();
    },
  });
}

export type FormModalProps = {
  opened: boolean;
  onClose: () => void;
  title: string;
  size?: ModalProps['size'];
  /**
   * The save: submitting calls it (the page does not reload; the browser's own validation is off, the server's messages
   * show in the form's error).
   */
  mutation: { mutate: () => void; isPending: boolean; isError: boolean; error: unknown };
  /** The words of the button that closes the dialog without saving, e.g. "Huỷ", and of the submit button. */
  cancelLabel: string;
  submitLabel: string;
  /** A line above the form's error and fields, e.g. what the form is for. */
  intro?: ReactNode;
  /** The fields. */
  children: ReactNode;
};

/** A form in a dialog: its introduction and error first, the fields, then "Huỷ" and the submit button at the right. */
export function FormModal({ opened, onClose, title, size, mutation, cancelLabel, submitLabel, intro, children }: FormModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} closeButtonProps={{ 'aria-label': t('common.close') }} title={title} size={size}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          mutation.mutate();
        }}
        noValidate
      >
        <Stack gap="sm">
          {intro}
          <FormErrorAlert message={mutation.isError ? fieldErrors(mutation.error) : null} />
          {children}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {cancelLabel}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
