import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, describeError } from '../../../lib/api.ts';
import { FormErrorAlert } from '../../../ui/error-alert.tsx';
import { verifyRecoveryCode, verifyTotp } from '../api.ts';

type CodeStepProps = {
  mode: 'totp' | 'recovery';
  onDone: () => void;
  onSessionLost: (message: string) => void;
  onSwitchMode: () => void;
};

/** The second factor: a 6-digit code from the authenticator app, or a one-time recovery code. */
export function CodeStep({ mode, onDone, onSessionLost, onSwitchMode }: CodeStepProps) {
  const { t } = useTranslation();
  const [formError, setFormError] = useState<string | null>(null);
  const [isSubmitting, setSubmitting] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const isTotp = mode === 'totp';
  const form = useForm({
    initialValues: { code: '' },
    validate: {
      code: (v) => {
        const compact = v.replace(/[\s-]/g, '');
        if (isTotp) return /^\d{6}$/.test(compact) ? null : t('auth.totpFormat');
        return /^[A-Za-z0-9]{10}$/.test(compact) ? null : t('auth.recoveryFormat');
      },
    },
  });

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  const submit = form.onSubmit(async ({ code }) => {
    setFormError(null);
    setSubmitting(true);
    try {
      await (isTotp ? verifyTotp(code.replace(/[\s-]/g, '')) : verifyRecoveryCode(code));
      onDone();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'unauthenticated') onSessionLost(describeError(error));
      else setFormError(describeError(error));
    } finally {
      setSubmitting(false);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text>{isTotp ? t('login.totpHelp') : t('login.recoveryHelp')}</Text>
        <FormErrorAlert message={formError} title={t('login.errorTitle')} />
        {isTotp ? (
          <TextInput
            ref={inputRef}
            label={t('login.code')}
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={9}
            aria-required
            styles={{ input: { fontSize: '1.25rem', letterSpacing: '0.2em', fontVariantNumeric: 'tabular-nums' } }}
            {...form.getInputProps('code')}
          />
        ) : (
          <TextInput
            ref={inputRef}
            label={t('login.recoveryCode')}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            aria-required
            className="mono"
            {...form.getInputProps('code')}
          />
        )}
        <Button type="submit" loading={isSubmitting} fullWidth size="md">
          {t('login.verify')}
        </Button>
        <Anchor component="button" type="button" size="sm" onClick={onSwitchMode} ta="left">
          {isTotp ? t('login.useRecoveryCode') : t('login.useAuthenticator')}
        </Anchor>
      </Stack>
    </form>
  );
}
