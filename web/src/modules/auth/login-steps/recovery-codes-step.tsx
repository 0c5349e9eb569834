import { Alert, Button, Checkbox, CopyButton, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadText } from '../../../lib/csv.ts';
import { todayInVietnam } from '../../../lib/format.ts';
import { IconCheck, IconCopy, IconDownload } from '../../../ui/icons.tsx';

type RecoveryCodesStepProps = { codes: string[]; onContinue: () => void };

/** The recovery codes, shown this once, to copy or download before going on. */
export function RecoveryCodesStep({ codes, onContinue }: RecoveryCodesStepProps) {
  const { t } = useTranslation();
  const [isSaved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const text = codes.join('\n');

  useEffect(() => {
    alertRef.current?.focus();
  }, []);

  const download = () => {
    const content = `${t('login.recoveryFileHeader')}\r\n${t('login.recoveryFileDate', { date: todayInVietnam() })}\r\n\r\n${codes.join('\r\n')}\r\n`;
    downloadText(`binh-an-ma-khoi-phuc-${todayInVietnam()}.txt`, content, 'text/plain;charset=utf-8');
  };

  return (
    <Stack gap="md">
      <Alert color="orange" variant="light" ref={alertRef} tabIndex={-1} title={t('login.recoveryCodesWarningTitle')}>
        {t('login.recoveryCodesWarning')}
      </Alert>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {codes.map((code) => (
          <Text component="li" key={code} className="secret-box" ta="center" p={6} bg="gray.1" style={{ borderRadius: 4 }}>
            {code}
          </Text>
        ))}
      </SimpleGrid>
      <Group gap="sm" grow preventGrowOverflow={false} wrap="wrap">
        <CopyButton value={text} timeout={3000}>
          {({ copied, copy }) => (
            <Button variant="outline" onClick={copy} leftSection={copied ? <IconCheck /> : <IconCopy />}>
              {copied ? t('common.copied') : t('login.copyCodes')}
            </Button>
          )}
        </CopyButton>
        <Button variant="outline" onClick={download} leftSection={<IconDownload />}>
          {t('login.downloadCodes')}
        </Button>
      </Group>
      <Checkbox
        label={t('login.codesSaved')}
        checked={isSaved}
        onChange={(event) => {
          setSaved(event.currentTarget.checked);
          if (event.currentTarget.checked) setError(null);
        }}
        error={error}
      />
      <Button
        size="md"
        fullWidth
        onClick={() => {
          if (!isSaved) setError(t('login.codesSavedRequired'));
          else onContinue();
        }}
      >
        {t('login.continue')}
      </Button>
    </Stack>
  );
}
