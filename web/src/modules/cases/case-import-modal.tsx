import { Alert, Anchor, Badge, Button, FileInput, Group, List, Modal, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { IconDownload } from '../../ui/icons.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import {
  CASE_IMPORT_TEMPLATE_URL,
  casesQueryKey,
  type ImportPreview,
  type ImportRow,
  importCases,
  previewCaseImport,
  useCaseTypeName,
} from './api.ts';
import { IconSheet, IconUpload } from './cases-icons.tsx';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The upload under way: which request, how much of the file has gone, and (import) how many rows are written. */
type Upload = { step: 'preview' | 'import'; fraction: number; rows?: { done: number; total: number } } | null;

function UploadProgress({ upload }: { upload: Upload }) {
  const { t } = useTranslation();
  if (!upload) return null;
  if (upload.rows && upload.rows.total > 0) {
    const { done, total } = upload.rows;
    return (
      <Stack gap={4}>
        <Progress value={Math.round((done / total) * 100)} aria-label={t('casesPage.importDialog.progressLabel')} />
        <Text size="sm" role="status">
          {t('casesPage.importDialog.writing', { done: formatNumber(done), total: formatNumber(total) })}
        </Text>
      </Stack>
    );
  }
  const percent = Math.round(upload.fraction * 100);
  const isSent = upload.fraction >= 1;
  return (
    <Stack gap={4}>
      <Progress value={isSent ? 100 : percent} animated={isSent} aria-label={t('casesPage.importDialog.progressLabel')} />
      <Text size="sm" role="status">
        {isSent ? t('casesPage.importDialog.processing') : t('casesPage.importDialog.uploading', { percent })}
      </Text>
    </Stack>
  );
}

function rowResult(row: ImportRow) {
  if (row.errors.length > 0 || !row.ok) return { color: 'red', key: 'hasErrors' } as const;
  if (row.duplicate) return { color: 'gray', key: 'duplicate' } as const;
  return { color: 'green', key: 'ok' } as const;
}

function PreviewTable({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const typeName = useCaseTypeName();
  const statusLabel = (value: string | null | undefined) => (value ? t(`cases.statuses.${value}`, { defaultValue: value }) : '');
  return (
    <DataTable
      caption={t('casesPage.importDialog.previewCaption')}
      minWidth={880}
      label={t('casesPage.importDialog.previewCaption')}
      isCompact
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col" className="num">
            {t('casesPage.importDialog.line')}
          </Table.Th>
          <Table.Th scope="col">{t('casesPage.importDialog.result')}</Table.Th>
          <Table.Th scope="col">{t('casesPage.fields.number')}</Table.Th>
          <Table.Th scope="col" className="num">
            {t('casesPage.fields.discoveredOn')}
          </Table.Th>
          <Table.Th scope="col">{t('casesPage.fields.unit')}</Table.Th>
          <Table.Th scope="col">{t('casesPage.fields.type')}</Table.Th>
          <Table.Th scope="col">{t('casesPage.fields.status')}</Table.Th>
          <Table.Th scope="col">{t('casesPage.importDialog.errors')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {preview.rows.map((row) => {
          const result = rowResult(row);
          const value = row.value ?? {};
          return (
            <Table.Tr key={row.line}>
              <Table.Th scope="row" className="num" fw={400}>
                {formatNumber(row.line)}
              </Table.Th>
              <Table.Td>
                <Badge color={result.color} style={{ whiteSpace: 'normal', height: 'auto' }}>
                  {t(`casesPage.importDialog.${result.key}`)}
                </Badge>
              </Table.Td>
              <Table.Td className="mono nowrap">{value.number ?? ''}</Table.Td>
              <Table.Td className="num">{formatDate(value.discoveredOn ?? '')}</Table.Td>
              <Table.Td>{value.unitName ?? ''}</Table.Td>
              <Table.Td>{typeName(value.type)}</Table.Td>
              <Table.Td>{statusLabel(value.status)}</Table.Td>
              <Table.Td miw={260}>
                {row.errors.length > 0 ? (
                  <List size="sm" spacing={2} c="red.8">
                    {row.errors.map((error, index) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: the same column can carry the same message twice; order is stable.
                      <List.Item key={index}>
                        {t('casesPage.importDialog.errorItem', { column: error.header ?? error.column, message: error.message })}
                      </List.Item>
                    ))}
                  </List>
                ) : null}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </DataTable>
  );
}

/**
 * A refused check or import, with every reason the server lists: missing columns of a file that does not follow the
 * template, or (import, 422) each wrong row as "Dòng 4, cột “Ngày phát hiện”: …", already translated.
 */
function UploadRefusal({ error, title }: { error: unknown; title: string }) {
  if (!(error instanceof ApiError) || error.fieldErrors.length === 0) return <ErrorAlert error={error} title={title} />;
  return (
    <Alert color="red" variant="light" role="alert" title={title}>
      <Text size="sm">{error.detail ?? error.title}</Text>
      <List size="sm" mt={4}>
        {error.fieldErrors.map((item, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: messages may repeat; the list is rebuilt whole on each answer.
          <List.Item key={index}>{item.message}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

type CaseImportModalProps = { opened: boolean; onClose: () => void };

/** Import of a filled-in template: check every row first, then import only when no row has an error. */
export function CaseImportModal({ opened, onClose }: CaseImportModalProps) {
  const { t } = useTranslation();
  const isSmall = useMediaQuery('(max-width: 36em)');
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [upload, setUpload] = useState<Upload>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<{ imported: number; skippedDuplicates: number } | null>(null);

  const reset = () => {
    setFile(null);
    setFileError(null);
    setPreview(null);
    setResult(null);
    check.reset();
    run.reset();
  };

  const check = useMutation({
    mutationFn: (chosen: File) => previewCaseImport(chosen, (fraction) => setUpload({ step: 'preview', fraction })),
    onMutate: () => {
      setUpload({ step: 'preview', fraction: 0 });
      setPreview(null);
      setResult(null);
    },
    onSuccess: (answer) => setPreview(answer),
    onSettled: () => setUpload(null),
  });

  const run = useMutation({
    mutationFn: (chosen: File) =>
      importCases(
        chosen,
        (fraction) => setUpload((current) => ({ step: 'import', fraction, rows: current?.rows })),
        (done, total) => setUpload({ step: 'import', fraction: 1, rows: { done, total } }),
      ),
    onMutate: () => setUpload({ step: 'import', fraction: 0 }),
    onSuccess: async (answer) => {
      setResult(answer);
      setPreview(null);
      setFile(null);
      const message = t('casesPage.importDialog.done', {
        imported: formatNumber(answer.imported),
        skipped: formatNumber(answer.skippedDuplicates),
      });
      notifySuccess(message);
      await queryClient.invalidateQueries({ queryKey: [...casesQueryKey, 'list'] });
    },
    onSettled: () => setUpload(null),
  });

  const isBusy = check.isPending || run.isPending;
  const errorRows = preview ? preview.rows.filter((row) => row.errors.length > 0 || !row.ok).length : 0;
  const errorCount = preview ? Math.max(preview.totals.errors, errorRows) : 0;
  const importable = preview ? preview.rows.filter((row) => row.ok && !row.duplicate && row.errors.length === 0).length : 0;
  const canImport = preview !== null && errorCount === 0 && importable > 0 && !isBusy && file !== null;

  const choose = (chosen: File | null) => {
    setFile(chosen);
    setPreview(null);
    setResult(null);
    check.reset();
    run.reset();
    setFileError(chosen && !/\.xlsx$/i.test(chosen.name) ? t('casesPage.importDialog.wrongType') : null);
  };

  const startCheck = () => {
    if (!file) {
      setFileError(t('casesPage.importDialog.chooseFirst'));
      return;
    }
    if (!/\.xlsx$/i.test(file.name)) {
      setFileError(t('casesPage.importDialog.wrongType'));
      return;
    }
    check.mutate(file);
  };

  return (
    <Modal
      opened={opened}
      onClose={() => {
        if (!isBusy) onClose();
      }}
      title={t('casesPage.importDialog.title')}
      size="70rem"
      fullScreen={isSmall}
      closeButtonProps={{ 'aria-label': t('common.close'), disabled: isBusy }}
    >
      <Stack gap="md">
        <Text size="sm">{t('casesPage.importDialog.intro')}</Text>

        <Stack gap={6} component="section" aria-labelledby="case-import-template">
          <Title order={3} size="h3" id="case-import-template">
            {t('casesPage.importDialog.templateStep')}
          </Title>
          <div>
            <Anchor href={CASE_IMPORT_TEMPLATE_URL} download size="sm" style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
              <IconDownload size={16} />
              {t('casesPage.importDialog.template')}
            </Anchor>
          </div>
        </Stack>

        <Stack gap="xs" component="section" aria-labelledby="case-import-file">
          <Title order={3} size="h3" id="case-import-file">
            {t('casesPage.importDialog.fileStep')}
          </Title>
          <FileInput
            label={t('casesPage.importDialog.fileLabel')}
            description={t('casesPage.importDialog.fileHint')}
            placeholder={t('casesPage.importDialog.filePlaceholder')}
            styles={{ placeholder: { color: 'var(--mantine-color-gray-7)' } }}
            accept={`${XLSX_TYPE},.xlsx`}
            clearable
            clearButtonProps={{ 'aria-label': t('common.clear') }}
            leftSection={<IconSheet size={16} />}
            value={file}
            onChange={choose}
            error={fileError}
            disabled={isBusy}
          />
          <Group justify="flex-end">
            <Button variant="outline" onClick={startCheck} loading={check.isPending} disabled={run.isPending}>
              {t('casesPage.importDialog.check')}
            </Button>
          </Group>
          <UploadProgress upload={upload} />
          {check.error ? <UploadRefusal error={check.error} title={t('casesPage.importDialog.checkFailed')} /> : null}
        </Stack>

        {preview ? (
          <Stack gap="xs" component="section" aria-labelledby="case-import-result">
            <Title order={3} size="h3" id="case-import-result">
              {t('casesPage.importDialog.resultStep')}
            </Title>
            <Text size="sm" fw={700} role="status">
              {t('casesPage.importDialog.totals', {
                rows: formatNumber(preview.totals.rows),
                ok: formatNumber(preview.totals.ok),
                errors: formatNumber(preview.totals.errors),
                duplicates: formatNumber(preview.totals.duplicates),
              })}
            </Text>
            {errorCount > 0 ? (
              <Alert color="orange" variant="light">
                {t('casesPage.importDialog.fixErrors', { count: formatNumber(errorCount) })}
              </Alert>
            ) : preview.totals.rows === 0 ? (
              <Alert color="orange" variant="light">
                {t('casesPage.importDialog.nothingToImport')}
              </Alert>
            ) : importable === 0 ? (
              <Alert color="brand" variant="light">
                {t('casesPage.importDialog.allDuplicates')}
              </Alert>
            ) : (
              <Alert color="green" variant="light">
                {t('casesPage.importDialog.ready', { count: formatNumber(importable) })}
              </Alert>
            )}
            {preview.rows.length > 0 ? <PreviewTable preview={preview} /> : null}
          </Stack>
        ) : null}

        {run.error ? <UploadRefusal error={run.error} title={t('casesPage.importDialog.refused')} /> : null}
        {result ? (
          <Alert color="green" variant="light" role="status">
            {t('casesPage.importDialog.done', {
              imported: formatNumber(result.imported),
              skipped: formatNumber(result.skippedDuplicates),
            })}
          </Alert>
        ) : null}

        <Group justify="flex-end" gap="sm">
          {result ? (
            <Button variant="default" onClick={reset}>
              {t('casesPage.importDialog.another')}
            </Button>
          ) : null}
          <Button variant="default" onClick={onClose} disabled={isBusy}>
            {t('common.close')}
          </Button>
          {result ? null : (
            <Button
              leftSection={<IconUpload size={16} />}
              onClick={() => file && run.mutate(file)}
              disabled={!canImport}
              loading={run.isPending}
            >
              {t('casesPage.importDialog.submit')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
