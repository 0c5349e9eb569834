import { Anchor, Box, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale, storeLocale, changeLocale as switchLanguage } from '../../lib/i18n.ts';
import { safeReturnPath } from '../../lib/search-params.ts';
import { IconShield } from '../../ui/icons.tsx';
import { LanguageSwitch } from '../../ui/language-switch.tsx';
import { fetchMe, meQueryKey, saveLocale, type TotpEnrolment } from './api.ts';
import { applyAccountLocale, resetAccountLocale } from './hooks.ts';
import { CodeStep } from './login-steps/code-step.tsx';
import { EnrolStep } from './login-steps/enrol-step.tsx';
import { PasswordStep } from './login-steps/password-step.tsx';
import { RecoveryCodesStep } from './login-steps/recovery-codes-step.tsx';

type Step =
  | { kind: 'password' }
  | { kind: 'totp' }
  | { kind: 'recovery' }
  | { kind: 'enrol'; enrolment: TotpEnrolment }
  | { kind: 'recoveryCodes'; codes: string[] };

const STEP_TITLE_KEYS: Record<Step['kind'], string> = {
  password: 'login.title',
  totp: 'login.totpTitle',
  recovery: 'login.recoveryTitle',
  enrol: 'login.enrolTitle',
  recoveryCodes: 'login.recoveryCodesTitle',
};

/** Staff sign-in: password, then the second factor (or its first enrolment), then back where the user was. */
export function LoginPage() {
  const { t } = useTranslation();
  const search = useSearch({ from: '/login' });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [notice, setNotice] = useState<string | null>(null);
  const isLocaleChosenHere = useRef(false);

  const title = t(STEP_TITLE_KEYS[step.kind]);
  useDocumentTitle(`${title} – ${t('app.name')}`);

  const changeLocale = (locale: 'vi' | 'en') => {
    isLocaleChosenHere.current = true;
    storeLocale(locale);
    // The page keeps its language until the other one's strings are there.
    void switchLanguage(locale).catch(() => undefined);
  };

  const finish = async () => {
    queryClient.removeQueries({ queryKey: meQueryKey });
    resetAccountLocale();
    try {
      const me = await fetchMe();
      // A language picked on this page is the user's latest choice; otherwise the account's saved one wins.
      if (isLocaleChosenHere.current && me.user.locale !== currentLocale()) {
        const locale = currentLocale();
        await saveLocale(locale).catch(() => undefined);
        me.user = { ...me.user, locale };
      } else {
        await applyAccountLocale(me);
      }
      queryClient.setQueryData(meQueryKey, me);
    } catch {
      // The signed-in layout loads the account itself if this early read failed.
    }
    const target = safeReturnPath(search.redirect);
    if (target) await navigate({ href: target, replace: true });
    else await navigate({ to: '/', replace: true });
  };

  const restart = (message: string | null) => {
    setNotice(message);
    setStep({ kind: 'password' });
  };

  return (
    <Box mih="100vh" bg="gray.0" style={{ display: 'flex', flexDirection: 'column' }}>
      <Box component="header" px="md" py="sm">
        <Group justify="space-between" wrap="nowrap" maw={960} mx="auto">
          <Group gap={8} wrap="nowrap" c="brand.9">
            <IconShield size={26} />
            <Text fw={700} fz="lg" c="brand.9">
              {t('app.name')}
            </Text>
          </Group>
          <LanguageSwitch onChange={changeLocale} size="xs" />
        </Group>
      </Box>
      <Box component="main" id="main" px="sm" pb="xl" style={{ flex: 1 }}>
        <Paper
          withBorder
          shadow="xs"
          radius="md"
          p={{ base: 'md', xs: 'xl' }}
          maw={step.kind === 'enrol' || step.kind === 'recoveryCodes' ? 560 : 440}
          mx="auto"
          mt={{ base: 'md', sm: 48 }}
        >
          <Stack gap="md">
            <div>
              <Title order={1} size="h2">
                {title}
              </Title>
              {step.kind === 'password' ? (
                <Text c="dimmed" size="sm" mt={4}>
                  {t('app.tagline')}
                </Text>
              ) : null}
            </div>
            {step.kind === 'password' ? (
              <PasswordStep
                notice={notice}
                onResult={(result) => {
                  setNotice(null);
                  if (result.status === 'ok') void finish();
                  else if (result.status === 'totp_required') setStep({ kind: 'totp' });
                  else setStep({ kind: 'enrol', enrolment: result.enrolment });
                }}
              />
            ) : null}
            {step.kind === 'totp' || step.kind === 'recovery' ? (
              <CodeStep
                key={step.kind}
                mode={step.kind}
                onDone={() => void finish()}
                onSessionLost={restart}
                onSwitchMode={() => setStep({ kind: step.kind === 'totp' ? 'recovery' : 'totp' })}
              />
            ) : null}
            {step.kind === 'enrol' ? (
              <EnrolStep enrolment={step.enrolment} onDone={(codes) => setStep({ kind: 'recoveryCodes', codes })} onSessionLost={restart} />
            ) : null}
            {step.kind === 'recoveryCodes' ? <RecoveryCodesStep codes={step.codes} onContinue={() => void finish()} /> : null}
            {step.kind !== 'password' && step.kind !== 'recoveryCodes' ? (
              <Anchor component="button" type="button" size="sm" onClick={() => restart(null)} ta="left">
                {t('login.startOver')}
              </Anchor>
            ) : null}
          </Stack>
        </Paper>
      </Box>
    </Box>
  );
}
