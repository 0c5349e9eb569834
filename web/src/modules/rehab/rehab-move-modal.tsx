import { REHAB_DECISION_OUTCOMES, type RehabDossierStatus } from '@binh-an/domain';
import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDate, parseDateInput, todayInVietnam } from '../../lib/format.ts';
import { FormErrorAlert } from '../../ui/error-alert.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { requiredField } from '../../ui/required-field.ts';
import { moveRehabDossier, type RehabDossier, type RehabMoveInput, refusalMessage, useApplyRehabChange } from './api.ts';

type FormValues = { on: string; court: string; number: string; date: string; outcome: string };

type RehabMoveModalProps = { item: RehabDossier; to: RehabDossierStatus | null; label: string; onClose: () => void };

/** The small form of one step: its date, the court when sending, the decision as received when recording it. */
export function RehabMoveModal({ item, to, label, onClose }: RehabMoveModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={to !== null} onClose={onClose} title={label} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      {to ? <MoveForm key={to} item={item} to={to} onClose={onClose} /> : null}
    </Modal>
  );
}

function MoveForm({ item, to, onClose }: { item: RehabDossier; to: RehabDossierStatus; onClose: () => void }) {
  const { t } = useTranslation();
  const applyChange = useApplyRehabChange();
  const form = useForm<FormValues>({
    initialValues: { on: formatDate(todayInVietnam()), court: item.court ?? '', number: '', date: '', outcome: '' },
  });
  const mutation = useMutation({
    mutationFn: (body: RehabMoveInput) => moveRehabDossier(item.id, body),
    onSuccess: async (updated) => {
      notifySuccess(t('rehabPage.detail.moved', { number: updated.number, status: t(`cases.rehab.statuses.${to}`) }));
      await applyChange(updated);
      onClose();
    },
  });
  const isDecision = to === 'decided';
  const isSending = to === 'sent_to_court';

  const submit = form.onSubmit((values) => {
    mutation.reset();
    const errors: Record<string, string> = {};
    const today = todayInVietnam();
    const day = (field: 'on' | 'date') => {
      const parsed = parseDateInput(values[field]);
      if (!parsed) errors[field] = t('rehabPage.form.dateRequired');
      else if (parsed > today) errors[field] = t('rehabPage.form.dateFuture');
      return parsed ?? '';
    };
    const on = day('on');
    const body: RehabMoveInput = { to, on };
    if (isSending && values.court.trim()) body.court = values.court.trim();
    if (isDecision) {
      const date = day('date');
      if (!values.number.trim()) errors.number = t('cases.rehab.transition.decisionNumberRequired');
      if (!values.outcome) errors.outcome = t('cases.rehab.transition.decisionOutcomeRequired');
      body.decision = { number: values.number.trim(), date, outcome: values.outcome as 'accepted' | 'rejected' };
    }
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      return;
    }
    mutation.mutate(body);
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {isDecision ? (
          <Alert color="orange" variant="light">
            {t('rehabPage.detail.decisionNotice')}
          </Alert>
        ) : null}
        <Text size="sm" c="dimmed">
          {t('common.requiredNote')}
        </Text>
        <TextInput
          label={isDecision ? t('rehabPage.detail.receivedDate') : t('rehabPage.detail.stepDate')}
          {...requiredField}
          placeholder={t('common.datePlaceholder')}
          inputMode="numeric"
          autoComplete="off"
          {...form.getInputProps('on')}
        />
        {isSending ? (
          <TextInput
            label={t('rehabPage.fields.court')}
            description={t('rehabPage.detail.courtHint')}
            autoComplete="off"
            {...form.getInputProps('court')}
          />
        ) : null}
        {isDecision ? (
          <>
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <TextInput
                label={t('rehabPage.detail.decisionNumber')}
                {...requiredField}
                autoComplete="off"
                {...form.getInputProps('number')}
              />
              <TextInput
                label={t('rehabPage.detail.decisionDate')}
                {...requiredField}
                placeholder={t('common.datePlaceholder')}
                inputMode="numeric"
                autoComplete="off"
                {...form.getInputProps('date')}
              />
            </SimpleGrid>
            <Select
              label={t('rehabPage.detail.decisionOutcome')}
              {...requiredField}
              data={REHAB_DECISION_OUTCOMES.map((value) => ({ value, label: t(`cases.rehab.outcomes.${value}`) }))}
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps('outcome')}
              value={form.values.outcome || null}
              onChange={(value) => form.setFieldValue('outcome', value ?? '')}
            />
          </>
        ) : null}
        <FormErrorAlert message={refusalMessage(mutation.error)} title={t('rehabPage.detail.refused')} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t('rehabPage.detail.confirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
