import { Alert, Anchor, Button, FileInput, Group, Modal, Progress, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/format.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { IMPORT_TEMPLATE_URL, type ImportPreview, importWorkbook, previewImport, residenceQueryKey } from './api.ts';

/** The Excel import: pick the file, check it (each row with its problems), then import with the rows' progress. */
export function ResidenceImportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const check = useMutation({ mutationFn: (f: File) => previewImport(f), onSuccess: setPreview });
  const run = useMutation({
    mutationFn: (f: File) => importWorkbook(f, (done, total) => setProgress({ done, total })),
    onSuccess: (r) => {
      notifySuccess(
        t('residencePage.import.done', {
          places: formatNumber(r.places),
          residents: formatNumber(r.residents),
          skipped: formatNumber(r.skippedDuplicates),
        }),
      );
      void qc.invalidateQueries({ queryKey: residenceQueryKey });
      close();
    },
  });
  function close() {
    setFile(null);
    setPreview(null);
    setProgress(null);
    check.reset();
    run.reset();
    onClose();
  }
  const shown = preview?.rows.filter((r) => r.errors.length || r.duplicate) ?? [];
  return (
    <Modal
      opened={opened}
      onClose={close}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={t('residencePage.import.title')}
      size="xl"
    >
      <Stack gap="sm">
        <Text size="sm">{t('residencePage.import.intro')}</Text>
        <Anchor href={IMPORT_TEMPLATE_URL} download>
          {t('residencePage.import.template')}
        </Anchor>
        <FileInput
          label={t('residencePage.import.file')}
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          value={file}
          onChange={(f) => {
            setFile(f);
            setPreview(null);
          }}
          clearable
        />
        {check.isError ? <ErrorAlert error={check.error} /> : null}
        {run.isError ? <ErrorAlert error={run.error} /> : null}
        {preview ? (
          <Alert color={preview.totals.errors ? 'red.9' : 'blue'} role="status">
            {t('residencePage.import.totals', {
              rows: formatNumber(preview.totals.rows),
              ok: formatNumber(preview.totals.ok),
              errors: formatNumber(preview.totals.errors),
              duplicates: formatNumber(preview.totals.duplicates),
            })}
            {preview.totals.errors ? ` ${t('residencePage.import.fixFirst')}` : ''}
          </Alert>
        ) : null}
        {shown.length ? (
          <DataTable caption={t('residencePage.import.rowsCaption')} minWidth={600} isCompact>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('residencePage.import.sheet')}</Table.Th>
                <Table.Th scope="col">{t('residencePage.import.line')}</Table.Th>
                <Table.Th scope="col">{t('residencePage.import.what')}</Table.Th>
                <Table.Th scope="col">{t('residencePage.import.problems')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((r) => (
                <Table.Tr key={`${r.sheet}-${r.line}`}>
                  <Table.Td>{t(`residencePage.import.sheets.${r.sheet}`)}</Table.Td>
                  <Table.Th scope="row">{r.line}</Table.Th>
                  <Table.Td>{r.label}</Table.Td>
                  <Table.Td>
                    {r.errors.length ? r.errors.map((e) => `${e.column}: ${e.message}`).join(' · ') : t('residencePage.import.duplicate')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </DataTable>
        ) : null}
        {progress ? (
          <Stack gap={4}>
            <Progress
              value={progress.total ? Math.round((progress.done / progress.total) * 100) : 0}
              aria-label={t('residencePage.import.progressLabel')}
            />
            <Text size="sm" role="status">
              {t('residencePage.import.writing', { done: formatNumber(progress.done), total: formatNumber(progress.total) })}
            </Text>
          </Stack>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('residencePage.close')}
          </Button>
          <Button variant="outline" disabled={!file} loading={check.isPending} onClick={() => file && check.mutate(file)}>
            {t('residencePage.import.check')}
          </Button>
          <Button
            disabled={!file || !preview || preview.totals.errors > 0 || preview.totals.ok === 0}
            loading={run.isPending}
            onClick={() => file && run.mutate(file)}
          >
            {t('residencePage.import.import', { count: preview?.totals.ok ?? 0 })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
