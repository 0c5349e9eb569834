import { Anchor, Badge, Button, FileInput, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { DataTable } from '../../ui/data-table.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { IconDownload } from '../../ui/icons.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { type TipDetail, type TipFile, tipFileUrl, uploadTipFiles, useApplyTipChange } from './api.ts';
import { formatFileSize } from './date-time.ts';
import { IconAlert, IconPaperclip } from './tips-icons.tsx';

function startDownload(url: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = '';
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

/** The tip's files: download (with a warning first for files whose metadata could not be removed) and upload scans. */
export function TipFiles({ tip, canWrite }: { tip: TipDetail; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const applyChange = useApplyTipChange();
  const [pendingFile, setPendingFile] = useState<TipFile | null>(null);
  const [chosen, setChosen] = useState<File[]>([]);
  const [chooseError, setChooseError] = useState<string | null>(null);

  const upload = useMutation({
    mutationFn: (files: File[]) => uploadTipFiles(tip.id, files),
    onSuccess: async (updated, files) => {
      setChosen([]);
      notifySuccess(t('tipsPage.files.uploaded', { count: files.length }));
      await applyChange(updated);
    },
  });

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="tip-files-title">
      <Title order={2} size="h3" id="tip-files-title" mb="sm">
        {t('tipsPage.files.title')}
      </Title>
      {tip.files.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('tipsPage.files.empty')}
        </Text>
      ) : (
        <DataTable caption={t('tipsPage.files.tableCaption')} minWidth={480} label={t('tipsPage.files.tableCaption')} isCompact>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('tipsPage.files.name')}</Table.Th>
              <Table.Th scope="col">{t('tipsPage.files.kind')}</Table.Th>
              <Table.Th scope="col" className="num">
                {t('tipsPage.files.size')}
              </Table.Th>
              <Table.Th scope="col">{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tip.files.map((file) => (
              <Table.Tr key={file.id}>
                <Table.Th scope="row" fw={400}>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {file.name}
                  </Text>
                  {file.quarantined ? (
                    <Stack gap={2} mt={4}>
                      <Badge color="orange" leftSection={<IconAlert size={12} />}>
                        {t('tipsPage.files.quarantined')}
                      </Badge>
                      <Text size="xs" c="dimmed">
                        {t('tipsPage.files.quarantinedHint')}
                      </Text>
                    </Stack>
                  ) : null}
                </Table.Th>
                <Table.Td>{file.kind}</Table.Td>
                <Table.Td className="num">{formatFileSize(file.size, i18n.language)}</Table.Td>
                <Table.Td>
                  {file.quarantined ? (
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      color="orange.9"
                      leftSection={<IconDownload size={14} />}
                      aria-label={t('tipsPage.files.downloadNamed', { name: file.name })}
                      onClick={() => setPendingFile(file)}
                    >
                      {t('tipsPage.files.download')}
                    </Button>
                  ) : (
                    <Anchor
                      href={tipFileUrl(tip.id, file)}
                      download={file.name}
                      size="sm"
                      aria-label={t('tipsPage.files.downloadNamed', { name: file.name })}
                      style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
                    >
                      <IconDownload size={14} />
                      {t('tipsPage.files.download')}
                    </Anchor>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      )}
      {canWrite ? (
        <Stack gap="xs" mt="md">
          <FileInput
            label={t('tipsPage.files.uploadLabel')}
            description={t('tipsPage.files.uploadHint')}
            placeholder={t('tipsPage.files.uploadPlaceholder')}
            styles={{ placeholder: { color: 'var(--mantine-color-gray-7)' } }}
            multiple
            clearable
            clearButtonProps={{ 'aria-label': t('common.clear') }}
            leftSection={<IconPaperclip size={16} />}
            value={chosen}
            onChange={(files) => {
              setChosen(files);
              setChooseError(null);
            }}
            error={chooseError}
          />
          {upload.error ? <ErrorAlert error={upload.error} /> : null}
          <Group justify="flex-end">
            <Button
              variant="outline"
              loading={upload.isPending}
              onClick={() => {
                if (chosen.length === 0) {
                  setChooseError(t('tipsPage.files.chooseFirst'));
                  return;
                }
                upload.mutate(chosen);
              }}
            >
              {t('tipsPage.files.upload')}
            </Button>
          </Group>
        </Stack>
      ) : null}
      <ConfirmDialog
        opened={pendingFile !== null}
        title={t('tipsPage.files.confirmTitle')}
        message={pendingFile ? t('tipsPage.files.confirmText', { name: pendingFile.name }) : ''}
        confirmLabel={t('tipsPage.files.confirmDownload')}
        onConfirm={() => {
          if (pendingFile) startDownload(tipFileUrl(tip.id, pendingFile));
          setPendingFile(null);
        }}
        onClose={() => setPendingFile(null)}
      />
    </Paper>
  );
}
