import { passwordSchema } from '@binh-an/domain';
import { Anchor, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { splitSubmitError, validateWithSchema } from '../../lib/forms.ts';
import { FormErrorAlert } from '../../ui/error-alert.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { PasswordField } from '../../ui/password-field.tsx';
import { requiredField } from '../../ui/required-field.ts';
import type { UserView } from '../auth/api.ts';
import { generatePassword, resetUserPassword } from './api.ts';

/** Sets a new password for another account. */
export function ResetPasswordModal({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={user !== null}
      onClose={onClose}
      title={user ? t('usersPage.resetPassword.title', { name: user.displayName }) : ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {user ? <ResetPasswordForm key={user.id} user={user} onClose={onClose} /> : null}
    </Modal>
  );
}

function ResetPasswordForm({ user, onClose }: { user: UserView; onClose: () => void }) {
  const { t } = useTranslation();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({ initialValues: { password: '' } });
  const [isPasswordVisible, setPasswordVisible] = useState(false);
  const mutation = useMutation({
    mutationFn: (password: string) => resetUserPassword(user.id, password),
    onSuccess: () => {
      notifySuccess(t('usersPage.resetPassword.done', { name: user.displayName }));
      onClose();
    },
    onError: (error) => {
      const { fieldErrors, formError: message } = splitSubmitError(error, ['password']);
      form.setErrors(fieldErrors);
      setFormError(message);
    },
  });
  const submit = form.onSubmit(({ password }) => {
    setFormError(null);
    const errors = validateWithSchema(passwordSchema, password);
    const message = Object.values(errors)[0];
    if (message) {
      form.setFieldError('password', message);
      return;
    }
    mutation.mutate(password);
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">{t('usersPage.resetPassword.text', { name: user.displayName, username: user.username })}</Text>
        <FormErrorAlert message={formError} />
        <div>
          <PasswordField
            label={t('usersPage.resetPassword.newPassword')}
            description={t('usersPage.form.passwordHint')}
            {...requiredField}
            autoComplete="new-password"
            visible={isPasswordVisible}
            onVisibilityChange={setPasswordVisible}
            {...form.getInputProps('password')}
          />
          <Anchor
            component="button"
            type="button"
            size="sm"
            mt={6}
            onClick={() => {
              form.setFieldValue('password', generatePassword());
              setPasswordVisible(true);
            }}
          >
            {t('usersPage.form.generatePassword')}
          </Anchor>
        </div>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t('usersPage.resetPassword.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
