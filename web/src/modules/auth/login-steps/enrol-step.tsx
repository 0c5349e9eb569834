import { Box, Button, Code, Image, List, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, describeError } from '../../../lib/api.ts';
import { groupInFours } from '../../../lib/format.ts';
import { FormErrorAlert } from '../../../ui/error-alert.tsx';
import { enrolTotp, type TotpEnrolment } from '../api.ts';

type EnrolStepProps = {
  enrolment: TotpEnrolment;
  onDone: (recoveryCodes: string[]) => void;
  onSessionLost: (message: string) => void;
};

/** First sign-in of an account that needs a second factor: add it to an authenticator app and confirm one code. */
export function EnrolStep({ enrolment, onDone, onSessionLost }: EnrolStepProps) {
  const { t } = useTranslation();
  const [formError, setFormError] = useState<string | null>(null);
  const [isSubmitting, setSubmitting] = useState(false);
  const form = useForm({
    initialValues: { code: '' },
    validate: { code: (v) => (/^\d{6}$/.test(v.replace(/[\s-]/g, '')) ? null : t('auth.totpFormat')) },
  });
  const qrSource = `data:image/svg+xml;utf8,${encodeURIComponent(enrolment.qrSvg)}`;

  const submit = form.onSubmit(async ({ code }) => {
    setFormError(null);
    setSubmitting(true);
    try {
      const result = await enrolTotp(code.replace(/[\s-]/g, ''));
      onDone(result.recoveryCodes);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'unauthenticated') onSessionLost(describeError(error));
      else setFormError(describeError(error));
    } finally {
      setSubmitting(false);
    }
  });

  return (
    <Stack gap="md">
      <Text>{t('login.enrolIntro')}</Text>
      <List type="ordered" spacing="xs">
        <List.Item>{t('login.enrolStep1')}</List.Item>
        <List.Item>{t('login.enrolStep2')}</List.Item>
        <List.Item>{t('login.enrolStep3')}</List.Item>
      </List>
      <Box style={{ alignSelf: 'center' }} bg="white" p="xs">
        <Image src={qrSource} alt={t('login.qrAlt')} w={208} h={208} fit="contain" />
      </Box>
      <div>
        <Text size="sm" fw={500} id="totp-secret-label">
          {t('login.secretLabel')}
        </Text>
        <Code block className="secret-box" aria-labelledby="totp-secret-label" mt={4}>
          {groupInFours(enrolment.secret)}
        </Code>
      </div>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormErrorAlert message={formError} title={t('login.errorTitle')} />
          <TextInput
            label={t('login.code')}
            description={t('login.enrolCodeHint')}
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={9}
            aria-required
            styles={{ input: { fontSize: '1.25rem', letterSpacing: '0.2em', fontVariantNumeric: 'tabular-nums' } }}
            {...form.getInputProps('code')}
          />
          <Button type="submit" loading={isSubmitting} fullWidth size="md">
            {t('login.enrolSubmit')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
