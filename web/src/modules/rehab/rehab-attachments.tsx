import { REHAB_ATTACHMENTS, type RehabAttachmentKind } from '@binh-an/domain';
import { Anchor, Button, FileInput, Group, List, Paper, Select, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { IconDownload } from '../../ui/icons.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { formatFileSize } from '../tips/date-time.ts';
import { type RehabDossier, rehabAttachmentUrl, uploadRehabAttachment, useApplyRehabChange } from './api.ts';

/** The required documents the dossier still lacks. */
export function RehabMissing({ item }: { item: RehabDossier }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="rehab-missing-title">
      <Title order={2} size="h3" id="rehab-missing-title" mb="sm">
        {t('rehabPage.detail.missingTitle')}
      </Title>
      {item.missingAttachments.length === 0 ? (
        <Text size="sm">{t('rehabPage.detail.missingNone')}</Text>
      ) : (
        <Stack gap="xs">
          <List size="sm">
            {item.missingAttachments.map((kind) => (
              <List.Item key={kind}>{t(`cases.rehab.attachments.${kind}`)}</List.Item>
            ))}
          </List>
          <Text size="xs" c="dimmed">
            {t('rehabPage.detail.missingHint')}
          </Text>
        </Stack>
      )}
    </Paper>
  );
}

/** The documents filed with the dossier, to download, and the form adding one. */
export function RehabAttachments({ item, canManage }: { item: RehabDossier; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const applyChange = useApplyRehabChange();
  const [kind, setKind] = useState<RehabAttachmentKind | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<{ kind?: string; file?: string }>({});
  const upload = useMutation({
    mutationFn: (input: { kind: RehabAttachmentKind; file: File }) => uploadRehabAttachment(item.id, input.kind, input.file),
    onSuccess: async (updated) => {
      notifySuccess(t('rehabPage.detail.uploaded', { number: updated.number }));
      setFile(null);
      setKind(null);
      await applyChange(updated);
    },
  });
  const kindOptions = REHAB_ATTACHMENTS.map((entry) => ({ value: entry.code, label: t(entry.labelKey) }));

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="rehab-attachments-title">
      <Title order={2} size="h3" id="rehab-attachments-title" mb="sm">
        {t('rehabPage.detail.attachmentsTitle')}
      </Title>
      {item.attachments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('rehabPage.detail.noAttachments')}
        </Text>
      ) : (
        <DataTable
          caption={t('rehabPage.detail.attachmentsCaption')}
          label={t('rehabPage.detail.attachmentsCaption')}
          minWidth={520}
          isCompact
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('rehabPage.detail.kind')}</Table.Th>
              <Table.Th scope="col">{t('rehabPage.detail.file')}</Table.Th>
              <Table.Th scope="col" className="num">
                {t('rehabPage.detail.size')}
              </Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>{t('rehabPage.detail.download')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {item.attachments.map((attachment) => (
              <Table.Tr key={attachment.id}>
                <Table.Th scope="row" fw={400}>
                  {t(`cases.rehab.attachments.${attachment.kind}`)}
                  <Text size="xs" c="dimmed">
                    {formatDateTime(attachment.uploadedAt)}
                  </Text>
                </Table.Th>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{attachment.name}</Table.Td>
                <Table.Td className="num">{formatFileSize(attachment.size, i18n.language)}</Table.Td>
                <Table.Td>
                  <Anchor
                    href={rehabAttachmentUrl(item.id, attachment.id)}
                    download={attachment.name}
                    size="sm"
                    aria-label={t('rehabPage.detail.downloadName', { name: attachment.name })}
                    style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
                  >
                    <IconDownload size={14} />
                    {t('rehabPage.detail.download')}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      )}
      {canManage ? (
        <Stack
          gap="xs"
          mt="md"
          component="form"
          aria-labelledby="rehab-upload-title"
          onSubmit={(event) => {
            event.preventDefault();
            const next: { kind?: string; file?: string } = {};
            if (!kind) next.kind = t('rehabPage.detail.chooseKind');
            if (!file) next.file = t('rehabPage.detail.chooseFile');
            setErrors(next);
            if (kind && file) upload.mutate({ kind, file });
          }}
        >
          <Title order={3} size="h4" id="rehab-upload-title">
            {t('rehabPage.detail.uploadTitle')}
          </Title>
          <Select
            label={t('rehabPage.detail.kind')}
            data={kindOptions}
            value={kind}
            onChange={(value) => {
              setKind(value as RehabAttachmentKind | null);
              setErrors((current) => ({ ...current, kind: undefined }));
            }}
            comboboxProps={{ withinPortal: true }}
            error={errors.kind}
          />
          <FileInput
            label={t('rehabPage.detail.file')}
            placeholder={t('rehabPage.detail.uploadPlaceholder')}
            styles={{ placeholder: { color: 'var(--mantine-color-gray-7)' } }}
            clearable
            clearButtonProps={{ 'aria-label': t('common.clear') }}
            value={file}
            onChange={(value) => {
              setFile(value);
              setErrors((current) => ({ ...current, file: undefined }));
            }}
            error={errors.file}
          />
          {upload.error ? <ErrorAlert error={upload.error} /> : null}
          <Group justify="flex-end">
            <Button type="submit" variant="outline" loading={upload.isPending}>
              {t('rehabPage.detail.upload')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Paper>
  );
}
