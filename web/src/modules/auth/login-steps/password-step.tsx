import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../lib/api.ts';
import { FormErrorAlert } from '../../../ui/error-alert.tsx';
import { PasswordField } from '../../../ui/password-field.tsx';
import { type LoginResult, login } from '../api.ts';

type PasswordStepProps = { notice: string | null; onResult: (result: LoginResult) => void };

/** Username and password. */
export function PasswordStep({ notice, onResult }: PasswordStepProps) {
  const { t } = useTranslation();
  const [formError, setFormError] = useState<string | null>(null);
  const [isSubmitting, setSubmitting] = useState(false);
  const form = useForm({
    initialValues: { username: '', password: '' },
    validate: {
      username: (v) => (v.trim() ? null : t('login.usernameRequired')),
      password: (v) => (v ? null : t('login.passwordRequired')),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    setSubmitting(true);
    try {
      onResult(await login(values.username.trim(), values.password));
    } catch (error) {
      setFormError(describeError(error));
    } finally {
      setSubmitting(false);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {notice ? (
          <Alert color="orange" variant="light" role="status">
            {notice}
          </Alert>
        ) : null}
        <FormErrorAlert message={formError} title={t('login.errorTitle')} />
        <TextInput
          label={t('login.username')}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          aria-required
          {...form.getInputProps('username')}
        />
        <PasswordField label={t('login.password')} autoComplete="current-password" aria-required {...form.getInputProps('password')} />
        <Button type="submit" loading={isSubmitting} fullWidth size="md">
          {t('login.submit')}
        </Button>
      </Stack>
    </form>
  );
}
