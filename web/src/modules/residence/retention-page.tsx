import { RETENTION_MAX_DAYS, RETENTION_MIN_DAYS, RETENTION_RECORD_TYPES, type RetentionRecordType } from '@binh-an/domain';
import { Alert, Button, Group, NumberInput, Stack } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/format.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { ErrorAlert, FormErrorAlert } from '../../ui/error-alert.tsx';
import { fieldErrors } from '../../ui/form-modal.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { fetchRetention, type Retention, residenceQueryKey, saveRetention } from './api.ts';
import { ResidenceNav } from './residence-parts.tsx';

type Days = Record<RetentionRecordType, number | string>;

function RetentionForm({ current }: { current: Retention }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [days, setDays] = useState<Days>({ ...current.days });
  const [isConfirming, setConfirming] = useState(false);
  const shortened = RETENTION_RECORD_TYPES.filter((k) => days[k] !== '' && Number(days[k]) < current.days[k]);
  const save = useMutation({
    mutationFn: () =>
      saveRetention(
        Object.fromEntries(RETENTION_RECORD_TYPES.map((k) => [k, days[k] === '' ? Number.NaN : Number(days[k])])) as Record<
          RetentionRecordType,
          number
        >,
      ),
    onSuccess: (saved) => {
      notifySuccess(t('residencePage.retention.saved'));
      qc.setQueryData([...residenceQueryKey, 'retention'], saved);
      setConfirming(false);
    },
    onError: () => setConfirming(false),
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        // Shorter periods delete records at the next nightly purge: ask first, naming what will go.
        if (shortened.length) setConfirming(true);
        else save.mutate();
      }}
      noValidate
    >
      <Stack gap="sm" maw={480}>
        <FormErrorAlert message={save.isError ? fieldErrors(save.error) : null} />
        {RETENTION_RECORD_TYPES.map((k) => (
          <NumberInput
            key={k}
            label={t('residencePage.retention.daysOf', { type: t(`residence.retentionTypes.${k}`) })}
            description={t('residencePage.retention.defaultDays', { days: formatNumber(current.defaults[k]) })}
            value={days[k]}
            onChange={(x) => setDays({ ...days, [k]: x })}
            min={RETENTION_MIN_DAYS}
            max={RETENTION_MAX_DAYS}
            allowDecimal={false}
            required
          />
        ))}
        <Group>
          <Button type="submit" loading={save.isPending && !isConfirming}>
            {t('residencePage.save')}
          </Button>
        </Group>
      </Stack>
      <ConfirmDialog
        opened={isConfirming}
        title={t('residencePage.retention.confirmTitle')}
        message={t('residencePage.retention.confirmMessage', {
          types: shortened.map((k) => `${t(`residence.retentionTypes.${k}`)} (${formatNumber(Number(days[k]))})`).join(', '),
        })}
        confirmLabel={t('residencePage.retention.confirm')}
        onConfirm={() => save.mutate()}
        onClose={() => setConfirming(false)}
        isLoading={save.isPending}
      />
    </form>
  );
}

/** The ward's retention periods per record type, for those who manage residence checks; the nightly purge follows them. */
export function RetentionPage() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: [...residenceQueryKey, 'retention'], queryFn: ({ signal }) => fetchRetention(signal) });
  return (
    <Stack gap="md">
      <PageHeader title={t('residencePage.retention.title')} description={t('residencePage.retention.description')} />
      <ResidenceNav current="retention" />
      <Alert color="brand" variant="light" title={t('residencePage.retention.noteTitle')}>
        {t('residencePage.retention.note')}
      </Alert>
      {query.isPending ? <LoadingState label={t('residencePage.retention.loading')} /> : null}
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data ? <RetentionForm current={query.data} /> : null}
    </Stack>
  );
}
