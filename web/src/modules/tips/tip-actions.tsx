import {
  canMoveTip,
  closeTipSchema,
  isCrimeInformation,
  meetsAnonymousThreshold,
  TIP_CATEGORIES,
  TIP_CLASSES,
  TIP_CLOSE_REASONS,
  TIP_OUTCOMES,
  TIP_URGENCIES,
  type TipClass,
  transferTipSchema,
  triageTipSchema,
  type Unit,
} from '@binh-an/domain';
import { Alert, Button, Checkbox, Fieldset, Group, Radio, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, parseDateInput, todayInVietnam } from '../../lib/format.ts';
import { splitSubmitError, validateWithSchema } from '../../lib/forms.ts';
import { ActionForm } from '../../ui/action-form.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { FormErrorAlert } from '../../ui/error-alert.tsx';
import { foldedOptionsFilter } from '../../ui/filter-select.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { requiredField } from '../../ui/required-field.ts';
import { useMe } from '../auth/hooks.ts';
import {
  assignTip,
  closeTip,
  recordTipOutcome,
  reopenTip,
  type TipCloseReason,
  type TipDetail,
  type TipOutcomeBody,
  transferTip,
  triageTip,
  useApplyTipChange,
  useAssignees,
} from './api.ts';
import { readMomentInput } from './date-time.ts';
import { formatTimeThenDate } from './deadline.ts';
import { tipUnitOptions } from './log-tip-modal.tsx';

/** Keeps only the errors of fields a form shows; the rest go to the form's own message. */
function pick(errors: Record<string, string>, fields: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).filter(([key]) => fields.includes(key)));
}

const selectCombobox = { comboboxProps: { withinPortal: true } } as const;

// ——— Classification ———

type TriageValues = {
  classification: string;
  category: string;
  urgency: string;
  unitId: string;
  namesWrongdoer: boolean;
  hasConcreteEvidence: boolean;
  isVerifiable: boolean;
};
const ANONYMOUS_CHECKS = ['namesWrongdoer', 'hasConcreteEvidence', 'isVerifiable'] as const;
const TRIAGE_FIELDS = ['classification', 'category', 'urgency', 'unitId', 'namesWrongdoer', 'hasConcreteEvidence', 'isVerifiable'] as const;

function TriageCard({ tip, units }: { tip: TipDetail; units: readonly Unit[] }) {
  const { t } = useTranslation();
  const applyChange = useApplyTipChange();
  const [formError, setFormError] = useState<string | null>(null);
  const isLocked = tip.status === 'transferred' || tip.status === 'closed';
  const form = useForm<TriageValues>({
    initialValues: {
      classification: tip.classification ?? '',
      category: tip.category ?? '',
      urgency: tip.urgency ?? '',
      unitId: tip.unitId,
      namesWrongdoer: false,
      hasConcreteEvidence: false,
      isVerifiable: false,
    },
  });
  const unitOptions = useMemo(() => {
    const options = tipUnitOptions(units, t);
    if (!options.some((option) => option.value === tip.unitId)) options.unshift({ value: tip.unitId, label: tip.unitName });
    return options;
  }, [units, tip.unitId, tip.unitName, t]);

  const mutation = useMutation({
    mutationFn: (body: Parameters<typeof triageTip>[1]) => triageTip(tip.id, body),
    onSuccess: async (updated) => {
      setFormError(null);
      form.resetDirty();
      notifySuccess(t('tipsPage.actions.triaged', { number: updated.number }));
      await applyChange(updated);
    },
    onError: (error) => {
      const { fieldErrors, formError: message } = splitSubmitError(error, TRIAGE_FIELDS, { urgencyRequired: 'urgency' });
      form.setErrors(fieldErrors);
      setFormError(message);
    },
  });

  if (isLocked) {
    return (
      <ActionForm id="tip-triage-title" title={t('tipsPage.actions.triageTitle')}>
        <Text size="sm">{t('tipsPage.actions.triageLocked')}</Text>
      </ActionForm>
    );
  }

  const isAnonymous = tip.reporterIdentity === 'anonymous';
  const isCheckTouched = ANONYMOUS_CHECKS.some((field) => form.isDirty(field));
  const isCrime = isCrimeInformation((form.values.classification || null) as TipClass | null);
  const submit = form.onSubmit((values) => {
    setFormError(null);
    const body = {
      classification: values.classification as TipClass,
      category: (values.category || null) as (typeof TIP_CATEGORIES)[number] | null,
      urgency: values.classification === 'spam' ? null : ((values.urgency || null) as (typeof TIP_URGENCIES)[number] | null),
      unitId: values.unitId !== tip.unitId ? values.unitId : undefined,
      // The stored answers are not sent back with the tip: send them only when the officer has set them here,
      // so that saving the classification again never wipes what was recorded before.
      ...(isAnonymous && isCheckTouched
        ? { namesWrongdoer: values.namesWrongdoer, hasConcreteEvidence: values.hasConcreteEvidence, isVerifiable: values.isVerifiable }
        : {}),
    };
    const errors = pick(validateWithSchema(triageTipSchema, body), TRIAGE_FIELDS);
    if (!values.classification) errors.classification = t('tipsPage.actions.classificationRequired');
    if (isCrimeInformation((values.classification || null) as TipClass | null) && !values.urgency) {
      errors.urgency = t('tipsPage.actions.urgencyRequired');
    }
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      return;
    }
    mutation.mutate(body);
  });

  return (
    <ActionForm
      id="tip-triage-title"
      title={t('tipsPage.actions.triageTitle')}
      error={formError}
      onSubmit={submit}
      submit={{ label: t('tipsPage.actions.triageSubmit'), isLoading: mutation.isPending }}
    >
      <Radio.Group
        label={t('tipsPage.fields.classification')}
        labelProps={requiredField.labelProps}
        {...form.getInputProps('classification')}
      >
        <Stack gap={8} mt={6}>
          {TIP_CLASSES.map((value) => (
            <Radio key={value} value={value} label={t(`tipsPage.classes.${value}`)} description={t(`tipsPage.classHints.${value}`)} />
          ))}
        </Stack>
      </Radio.Group>
      <Select
        label={t('tipsPage.fields.category')}
        placeholder={t('tipsPage.actions.categoryNone')}
        data={TIP_CATEGORIES.map((value) => ({ value, label: t(`tipsPage.categories.${value}`) }))}
        clearable
        clearButtonProps={{ 'aria-label': t('common.clear') }}
        {...selectCombobox}
        {...form.getInputProps('category')}
        value={form.values.category || null}
        onChange={(value) => form.setFieldValue('category', value ?? '')}
      />
      {form.values.classification !== 'spam' ? (
        <Radio.Group
          label={t('tipsPage.fields.urgency')}
          labelProps={isCrime ? requiredField.labelProps : undefined}
          {...form.getInputProps('urgency')}
        >
          <Stack gap={8} mt={6}>
            {TIP_URGENCIES.map((value) => (
              <Radio key={value} value={value} label={t(`tipsPage.urgencies.${value}`)} description={t(`tipsPage.urgencyHints.${value}`)} />
            ))}
          </Stack>
        </Radio.Group>
      ) : null}
      <Select
        label={t('tipsPage.fields.unit')}
        searchable
        data={unitOptions}
        nothingFoundMessage={t('common.noMatches')}
        filter={foldedOptionsFilter}
        allowDeselect={false}
        {...selectCombobox}
        {...form.getInputProps('unitId')}
      />
      {isAnonymous && isCrime ? (
        <Fieldset legend={t('tipsPage.actions.anonymousLegend')}>
          <Stack gap={8}>
            <Checkbox label={t('tipsPage.actions.namesWrongdoer')} {...form.getInputProps('namesWrongdoer', { type: 'checkbox' })} />
            <Checkbox
              label={t('tipsPage.actions.hasConcreteEvidence')}
              {...form.getInputProps('hasConcreteEvidence', { type: 'checkbox' })}
            />
            <Checkbox label={t('tipsPage.actions.isVerifiable')} {...form.getInputProps('isVerifiable', { type: 'checkbox' })} />
            <Text size="sm" fw={500} role="status">
              {isCheckTouched
                ? meetsAnonymousThreshold(form.values)
                  ? t('tipsPage.actions.thresholdMet')
                  : t('tipsPage.actions.thresholdNotMet')
                : t('tipsPage.actions.thresholdUnset')}
            </Text>
          </Stack>
        </Fieldset>
      ) : null}
    </ActionForm>
  );
}

// ——— Assignment ———

function AssignCard({ tip }: { tip: TipDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const applyChange = useApplyTipChange();
  const assignees = useAssignees();
  const [officerId, setOfficerId] = useState<string | null>(tip.assignedTo?.id ?? null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  const options = useMemo(() => {
    const list = (assignees.data ?? []).map((a) => ({ value: a.id, label: a.name }));
    if (tip.assignedTo && !list.some((option) => option.value === tip.assignedTo?.id))
      list.unshift({ value: tip.assignedTo.id, label: tip.assignedTo.name });
    return list;
  }, [assignees.data, tip.assignedTo]);
  const canTakeIt = tip.assignedTo?.id !== me.user.id && (assignees.data ?? []).some((a) => a.id === me.user.id);

  const mutation = useMutation({
    mutationFn: (id: string | null) => assignTip(tip.id, id),
    onSuccess: async (updated) => {
      setFormError(null);
      setFieldError(null);
      setOfficerId(updated.assignedTo?.id ?? null);
      notifySuccess(
        updated.assignedTo
          ? t('tipsPage.actions.assigned', { number: updated.number, name: updated.assignedTo.name })
          : t('tipsPage.actions.unassigned', { number: updated.number }),
      );
      await applyChange(updated);
    },
    onError: (error) => {
      const { fieldErrors, formError: message } = splitSubmitError(error, ['officerId'], { assigneeInvalid: 'officerId' });
      setFieldError(fieldErrors.officerId ?? null);
      setFormError(message);
    },
  });

  return (
    <ActionForm
      id="tip-assign-title"
      title={t('tipsPage.actions.assignTitle')}
      error={formError}
      actions={
        <>
          {tip.assignedTo ? (
            <Button variant="subtle" onClick={() => mutation.mutate(null)} disabled={mutation.isPending}>
              {t('tipsPage.actions.unassign')}
            </Button>
          ) : null}
          {canTakeIt ? (
            <Button variant="outline" onClick={() => mutation.mutate(me.user.id)} disabled={mutation.isPending}>
              {t('tipsPage.actions.assignToMe')}
            </Button>
          ) : null}
          <Button
            loading={mutation.isPending}
            onClick={() => {
              if (!officerId) {
                setFieldError(t('tipsPage.actions.assigneeRequired'));
                return;
              }
              mutation.mutate(officerId);
            }}
          >
            {t('tipsPage.actions.assignSubmit')}
          </Button>
        </>
      }
    >
      {assignees.isError ? (
        <Alert color="red" variant="light" role="alert">
          {t('tipsPage.actions.assigneesError')}
        </Alert>
      ) : null}
      <Select
        label={t('tipsPage.actions.assignee')}
        placeholder={t('tipsPage.unassigned')}
        data={options}
        value={officerId}
        onChange={(value) => {
          setOfficerId(value);
          setFieldError(null);
        }}
        searchable
        nothingFoundMessage={t('common.noMatches')}
        filter={foldedOptionsFilter}
        error={fieldError}
        disabled={assignees.isPending}
        {...selectCombobox}
      />
    </ActionForm>
  );
}

// ——— Transfer to the investigation agency ———

type TransferValues = { agency: string; date: string; time: string };

function TransferCard({ tip }: { tip: TipDetail }) {
  const { t } = useTranslation();
  const applyChange = useApplyTipChange();
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState<{ agency: string; transferredAt?: string } | null>(null);
  const form = useForm<TransferValues>({ initialValues: { agency: '', date: '', time: '' } });
  const isPossible = canMoveTip(tip.status, 'transferred') && isCrimeInformation(tip.classification);

  const mutation = useMutation({
    mutationFn: (body: { agency: string; transferredAt?: string }) => transferTip(tip.id, body),
    onSuccess: async (updated) => {
      setPending(null);
      setFormError(null);
      form.reset();
      notifySuccess(t('tipsPage.actions.transferred', { number: updated.number }));
      await applyChange(updated);
    },
    onError: (error) => {
      setPending(null);
      const { fieldErrors, formError: message } = splitSubmitError(error, ['agency', 'transferredAt']);
      const { transferredAt, ...rest } = fieldErrors;
      form.setErrors(transferredAt ? { ...rest, date: transferredAt } : rest);
      setFormError(message);
    },
  });

  const submit = form.onSubmit((values) => {
    setFormError(null);
    const moment = readMomentInput(values.date, values.time);
    const body = { agency: values.agency, transferredAt: moment.ok ? moment.value : undefined };
    const errors = pick(validateWithSchema(transferTipSchema, body), ['agency']);
    if (!moment.ok) {
      const message =
        moment.reason === 'future'
          ? t('tipsPage.log.futureTime')
          : moment.field === 'time' && values.time.trim()
            ? t('tipsPage.log.timeFormat')
            : moment.field === 'date' && values.date.trim()
              ? t('tipsPage.log.dateFormat')
              : t('tipsPage.log.dateTimeBoth');
      if (moment.field === 'time') errors.time = message;
      else errors.date = message;
    } else if (moment.value && tip.acceptedAt && Date.parse(moment.value) < Date.parse(tip.acceptedAt)) {
      errors.date = t('tipsPage.actions.transferBeforeAccepted', { date: formatTimeThenDate(tip.acceptedAt) });
    }
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      return;
    }
    setPending({ agency: values.agency.trim(), transferredAt: body.transferredAt });
  });

  return (
    <ActionForm
      id="tip-transfer-title"
      title={t('tipsPage.actions.transferTitle')}
      hint={t('tipsPage.actions.transferHint')}
      error={formError}
      onSubmit={submit}
      submit={{ label: t('tipsPage.actions.transferSubmit'), disabled: !isPossible, isLoading: mutation.isPending }}
      after={
        <ConfirmDialog
          opened={pending !== null}
          title={t('tipsPage.actions.confirmTransferTitle', { number: tip.number })}
          message={pending ? t('tipsPage.actions.confirmTransferText', { number: tip.number, agency: pending.agency }) : ''}
          confirmLabel={t('tipsPage.actions.confirmTransfer')}
          onConfirm={() => pending && mutation.mutate(pending)}
          onClose={() => setPending(null)}
          isLoading={mutation.isPending}
        />
      }
    >
      <TextInput
        label={t('tipsPage.actions.agency')}
        placeholder={t('tipsPage.actions.agencyPlaceholder')}
        {...requiredField}
        autoComplete="off"
        disabled={!isPossible}
        {...form.getInputProps('agency')}
      />
      <Group gap="sm" align="flex-start" wrap="wrap">
        <TextInput
          label={t('tipsPage.actions.transferredDate')}
          placeholder={t('common.datePlaceholder')}
          inputMode="numeric"
          autoComplete="off"
          disabled={!isPossible}
          style={{ flex: '1 1 9rem' }}
          {...form.getInputProps('date')}
        />
        <TextInput
          label={t('tipsPage.actions.transferredTime')}
          placeholder="HH:mm"
          inputMode="numeric"
          autoComplete="off"
          disabled={!isPossible}
          style={{ flex: '1 1 7rem' }}
          {...form.getInputProps('time')}
        />
      </Group>
      <Text size="xs" c="dimmed">
        {t('tipsPage.actions.transferredHint')}
      </Text>
    </ActionForm>
  );
}

// ——— Result reported back by the agency ———

type OutcomeValues = { outcome: string; extensionUntil: string; receivedOn: string };
const OUTCOME_FIELDS = ['outcome', 'extensionUntil', 'receivedOn'] as const;

function OutcomeCard({ tip }: { tip: TipDetail }) {
  const { t } = useTranslation();
  const applyChange = useApplyTipChange();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<OutcomeValues>({ initialValues: { outcome: tip.outcome ?? '', extensionUntil: '', receivedOn: '' } });

  const mutation = useMutation({
    mutationFn: (body: TipOutcomeBody) => recordTipOutcome(tip.id, body),
    onSuccess: async (updated) => {
      setFormError(null);
      form.setValues({ outcome: updated.outcome ?? '', extensionUntil: '', receivedOn: '' });
      notifySuccess(t('tipsPage.actions.outcomeSaved', { number: updated.number }));
      await applyChange(updated);
    },
    onError: (error) => {
      const { fieldErrors, formError: message } = splitSubmitError(error, OUTCOME_FIELDS);
      form.setErrors(fieldErrors);
      setFormError(message);
    },
  });

  const submit = form.onSubmit((values) => {
    setFormError(null);
    const errors: Record<string, string> = {};
    const extension = parseDateInput(values.extensionUntil);
    const receivedOn = parseDateInput(values.receivedOn);
    if (extension === null) errors.extensionUntil = t('tipsPage.log.dateFormat');
    if (receivedOn === null) errors.receivedOn = t('tipsPage.log.dateFormat');
    if (!values.outcome && !extension && extension !== null) errors.outcome = t('tipsPage.actions.outcomeEmpty');
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      return;
    }
    const body: TipOutcomeBody = {
      ...(values.outcome ? { outcome: values.outcome as (typeof TIP_OUTCOMES)[number] } : {}),
      ...(extension ? { extensionUntil: extension } : {}),
      ...(receivedOn ? { receivedOn } : {}),
    };
    mutation.mutate(body);
  });

  const dateProps = { placeholder: t('common.datePlaceholder'), inputMode: 'numeric' as const, autoComplete: 'off' };

  return (
    <ActionForm
      id="tip-outcome-title"
      title={t('tipsPage.actions.outcomeTitle')}
      hint={t('tipsPage.actions.outcomeHint')}
      error={formError}
      onSubmit={submit}
      submit={{ label: t('tipsPage.actions.outcomeSubmit'), isLoading: mutation.isPending }}
    >
      <Select
        label={t('tipsPage.actions.outcome')}
        placeholder={t('tipsPage.actions.outcomeNone')}
        data={TIP_OUTCOMES.map((value) => ({ value, label: t(`tipsPage.outcomes.${value}`) }))}
        clearable
        clearButtonProps={{ 'aria-label': t('common.clear') }}
        {...selectCombobox}
        {...form.getInputProps('outcome')}
        value={form.values.outcome || null}
        onChange={(value) => form.setFieldValue('outcome', value ?? '')}
      />
      <TextInput
        label={t('tipsPage.actions.extensionUntil')}
        description={t('tipsPage.actions.extensionHint')}
        {...dateProps}
        {...form.getInputProps('extensionUntil')}
      />
      <TextInput label={t('tipsPage.actions.outcomeReceivedOn')} {...dateProps} {...form.getInputProps('receivedOn')} />
    </ActionForm>
  );
}

// ——— Notice of receipt to an identified sender ———

function ReceiptNoticeCard({ tip }: { tip: TipDetail }) {
  const { t } = useTranslation();
  const applyChange = useApplyTipChange();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<{ sentOn: string }>({ initialValues: { sentOn: formatDate(todayInVietnam()) } });

  const mutation = useMutation({
    mutationFn: (sentOn: string) => recordTipOutcome(tip.id, { receiptNoticeSentOn: sentOn }),
    onSuccess: async (updated) => {
      setFormError(null);
      notifySuccess(t('tipsPage.actions.receiptSaved', { number: updated.number }));
      await applyChange(updated);
    },
    onError: (error) => {
      const { fieldErrors, formError: message } = splitSubmitError(error, ['receiptNoticeSentOn']);
      if (fieldErrors.receiptNoticeSentOn) form.setErrors({ sentOn: fieldErrors.receiptNoticeSentOn });
      setFormError(message);
    },
  });

  const submit = form.onSubmit((values) => {
    setFormError(null);
    const day = parseDateInput(values.sentOn);
    if (!day) {
      form.setErrors({ sentOn: day === '' ? t('tipsPage.actions.dateRequired') : t('tipsPage.log.dateFormat') });
      return;
    }
    mutation.mutate(day);
  });

  return (
    <ActionForm
      id="tip-receipt-title"
      title={t('tipsPage.actions.receiptTitle')}
      hint={t('tipsPage.actions.receiptHint')}
      error={formError}
      onSubmit={submit}
      submit={{ label: t('tipsPage.actions.receiptSubmit'), variant: 'outline', isLoading: mutation.isPending }}
    >
      <TextInput
        label={t('tipsPage.actions.receiptSentOn')}
        {...requiredField}
        placeholder={t('common.datePlaceholder')}
        inputMode="numeric"
        autoComplete="off"
        {...form.getInputProps('sentOn')}
      />
    </ActionForm>
  );
}

// ——— Close and reopen ———

type CloseValues = { reason: string; note: string };

function CloseCard({ tip }: { tip: TipDetail }) {
  const { t } = useTranslation();
  const applyChange = useApplyTipChange();
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState<{ reason: TipCloseReason; note?: string } | null>(null);
  const form = useForm<CloseValues>({ initialValues: { reason: '', note: '' } });

  const mutation = useMutation({
    mutationFn: (body: { reason: TipCloseReason; note?: string }) => closeTip(tip.id, body),
    onSuccess: async (updated) => {
      setPending(null);
      setFormError(null);
      form.reset();
      notifySuccess(t('tipsPage.actions.closed', { number: updated.number }));
      await applyChange(updated);
    },
    onError: (error) => {
      setPending(null);
      const { fieldErrors, formError: message } = splitSubmitError(error, ['reason', 'note']);
      form.setErrors(fieldErrors);
      setFormError(message);
    },
  });

  const submit = form.onSubmit((values) => {
    setFormError(null);
    const body = { reason: values.reason as TipCloseReason, note: values.note.trim() ? values.note : undefined };
    const errors = pick(validateWithSchema(closeTipSchema, body), ['reason', 'note']);
    if (!values.reason) errors.reason = t('tipsPage.actions.reasonRequired');
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      return;
    }
    setPending(body);
  });

  return (
    <ActionForm
      id="tip-close-title"
      title={t('tipsPage.actions.closeTitle')}
      error={formError}
      onSubmit={submit}
      submit={{ label: t('tipsPage.actions.closeSubmit'), color: 'red', variant: 'outline', isLoading: mutation.isPending }}
      after={
        <ConfirmDialog
          opened={pending !== null}
          title={t('tipsPage.actions.confirmCloseTitle', { number: tip.number })}
          message={
            pending
              ? t('tipsPage.actions.confirmCloseText', { number: tip.number, reason: t(`tipsPage.closeReasons.${pending.reason}`) })
              : ''
          }
          confirmLabel={t('tipsPage.actions.confirmClose')}
          onConfirm={() => pending && mutation.mutate(pending)}
          onClose={() => setPending(null)}
          isLoading={mutation.isPending}
        />
      }
    >
      <Select
        label={t('tipsPage.actions.closeReason')}
        {...requiredField}
        data={TIP_CLOSE_REASONS.map((value) => ({ value, label: t(`tipsPage.closeReasons.${value}`) }))}
        allowDeselect={false}
        {...selectCombobox}
        {...form.getInputProps('reason')}
      />
      <Textarea label={t('tipsPage.actions.closeNote')} autosize minRows={2} maxRows={6} {...form.getInputProps('note')} />
    </ActionForm>
  );
}

function ReopenCard({ tip }: { tip: TipDetail }) {
  const { t } = useTranslation();
  const applyChange = useApplyTipChange();
  const mutation = useMutation({
    mutationFn: () => reopenTip(tip.id),
    onSuccess: async (updated) => {
      notifySuccess(t('tipsPage.actions.reopened', { number: updated.number }));
      await applyChange(updated);
    },
  });
  return (
    <ActionForm
      id="tip-reopen-title"
      title={t('tipsPage.actions.reopenTitle')}
      actions={
        <Button variant="outline" onClick={() => mutation.mutate()} loading={mutation.isPending}>
          {t('tipsPage.actions.reopen')}
        </Button>
      }
    >
      <Text size="sm">{t('tipsPage.actions.reopenText', { status: t(`tipsPage.statuses.${tip.status}`) })}</Text>
      {mutation.error ? <FormErrorAlert message={mutation.error.message} /> : null}
    </ActionForm>
  );
}

/** Everything an officer does with a tip, each with its own form; what was typed stays when a step fails. */
export function TipActions({ tip, units }: { tip: TipDetail; units: readonly Unit[] }) {
  const { t } = useTranslation();
  const isOpen = tip.status !== 'closed' && tip.status !== 'spam';
  return (
    <Stack gap="md" component="section" aria-labelledby="tip-actions-title">
      <Title order={2} size="h3" id="tip-actions-title">
        {t('tipsPage.actions.title')}
      </Title>
      {isOpen ? <TriageCard key={`triage-${tip.id}`} tip={tip} units={units} /> : null}
      {isOpen ? <AssignCard key={`assign-${tip.id}`} tip={tip} /> : null}
      {tip.status === 'new' || tip.status === 'verifying' ? <TransferCard key={`transfer-${tip.id}`} tip={tip} /> : null}
      {tip.status === 'transferred' ? <OutcomeCard key={`outcome-${tip.id}`} tip={tip} /> : null}
      {isOpen && tip.clocks.some((clock) => clock.kind === 'receiptNotice' && clock.doneAt === null) ? (
        <ReceiptNoticeCard key={`receipt-${tip.id}`} tip={tip} />
      ) : null}
      {canMoveTip(tip.status, 'closed') ? <CloseCard key={`close-${tip.id}`} tip={tip} /> : null}
      {!isOpen ? <ReopenCard key={`reopen-${tip.id}`} tip={tip} /> : null}
    </Stack>
  );
}
