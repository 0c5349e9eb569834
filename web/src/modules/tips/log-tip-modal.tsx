import { logTipSchema, REPORTER_IDENTITIES, TIP_CHANNELS, type Unit } from '@binh-an/domain';
import { Alert, Button, Fieldset, Group, Modal, Radio, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { type UseFormReturnType, useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { splitSubmitError, validateWithSchema } from '../../lib/forms.ts';
import { compareVietnamese, matchesFolded } from '../../lib/text.ts';
import { FormErrorAlert } from '../../ui/error-alert.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { requiredField } from '../../ui/required-field.ts';
import { useMe } from '../auth/hooks.ts';
import { type LogTipBody, logTip, tipQueryOptions, tipsQueryKey } from './api.ts';
import { readMomentInput } from './date-time.ts';
import { IconLock } from './tips-icons.tsx';

type LogTipModalProps = { opened: boolean; units: readonly Unit[]; onClose: () => void };

type FormValues = {
  channel: string;
  unitId: string;
  what: string;
  place: string;
  when: string;
  who: string;
  reporterIdentity: (typeof REPORTER_IDENTITIES)[number];
  refusalReason: string;
  contactName: string;
  contactPhone: string;
  contactAddress: string;
  receivedDate: string;
  receivedTime: string;
};

const FIELDS = [
  'channel',
  'unitId',
  'what',
  'place',
  'when',
  'who',
  'reporterIdentity',
  'refusalReason',
  'contactName',
  'contactPhone',
  'contactAddress',
  'receivedAt',
] as const;

const LOGGED_CHANNELS = TIP_CHANNELS.filter((channel) => channel !== 'online');

/** Units a tip can belong to: the ward and what lies inside it, current only. */
export function tipUnitOptions(units: readonly Unit[], t: (key: string) => string) {
  return units
    .filter((unit) => unit.isActive && unit.type !== 'province' && unit.type !== 'district')
    .sort((a, b) => (a.type === b.type ? compareVietnamese(a.name, b.name) : a.type === 'block' ? 1 : b.type === 'block' ? -1 : 0))
    .map((unit) => ({ value: unit.id, label: `${unit.name} — ${t(`unitTypes.${unit.type}`)}` }));
}

/** Logging a tip that arrived by letter, hotline, in person, post or VNeID; the draft is cleared once saved. */
export function LogTipModal({ opened, units, onClose }: LogTipModalProps) {
  const { t } = useTranslation();
  const isSmall = useMediaQuery('(max-width: 36em)');
  // The draft lives here, outside the dialog's content, so that it survives an accidental close.
  const form = useForm<FormValues>({
    initialValues: {
      channel: '',
      unitId: '',
      what: '',
      place: '',
      when: '',
      who: '',
      reporterIdentity: 'anonymous',
      refusalReason: '',
      contactName: '',
      contactPhone: '',
      contactAddress: '',
      receivedDate: '',
      receivedTime: '',
    },
  });
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('tipsPage.log.title')}
      size="lg"
      fullScreen={isSmall}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <LogTipForm form={form} units={units} onClose={onClose} />
    </Modal>
  );
}

function LogTipForm({ form, units, onClose }: { form: UseFormReturnType<FormValues>; units: readonly Unit[]; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [formError, setFormError] = useState<string | null>(null);
  const unitOptions = useMemo(() => tipUnitOptions(units, t), [units, t]);
  const defaultUnit = unitOptions.some((option) => option.value === me.unit.id) ? me.unit.id : '';
  const unitId = form.values.unitId || defaultUnit;

  const mutation = useMutation({
    mutationFn: (body: LogTipBody) => logTip(body),
    onSuccess: async (tip) => {
      queryClient.setQueryData(tipQueryOptions(tip.id).queryKey, tip);
      await queryClient.invalidateQueries({ queryKey: [...tipsQueryKey, 'list'] });
      notifySuccess(t('tipsPage.log.created', { number: tip.number }));
      form.reset();
      setFormError(null);
      onClose();
      await navigate({ to: '/tips/$tipId', params: { tipId: tip.id } });
    },
    onError: (error) => {
      const { fieldErrors, formError: message } = splitSubmitError(error, FIELDS);
      const { receivedAt, ...rest } = fieldErrors;
      form.setErrors(receivedAt ? { ...rest, receivedDate: receivedAt } : rest);
      setFormError(message);
    },
  });

  const submit = form.onSubmit((values) => {
    setFormError(null);
    const moment = readMomentInput(values.receivedDate, values.receivedTime);
    const optional = (text: string) => (text.trim() ? text : undefined);
    const body: LogTipBody = {
      channel: values.channel as LogTipBody['channel'],
      unitId,
      what: values.what,
      place: optional(values.place),
      when: optional(values.when),
      who: optional(values.who),
      reporterIdentity: values.reporterIdentity,
      refusalReason: values.reporterIdentity === 'refused' ? optional(values.refusalReason) : undefined,
      contactName: values.reporterIdentity === 'identified' ? optional(values.contactName) : undefined,
      contactPhone: values.reporterIdentity === 'identified' ? optional(values.contactPhone) : undefined,
      contactAddress: values.reporterIdentity === 'identified' ? optional(values.contactAddress) : undefined,
      receivedAt: moment.ok ? moment.value : undefined,
    };
    const errors: Record<string, string> = validateWithSchema(logTipSchema, body);
    if (!values.channel) errors.channel = t('validation.required');
    if (!unitId) errors.unitId = t('validation.required');
    if (!moment.ok) {
      const message =
        moment.reason === 'future'
          ? t('tipsPage.log.futureTime')
          : moment.field === 'time'
            ? values.receivedTime.trim()
              ? t('tipsPage.log.timeFormat')
              : t('tipsPage.log.dateTimeBoth')
            : values.receivedDate.trim()
              ? t('tipsPage.log.dateFormat')
              : t('tipsPage.log.dateTimeBoth');
      if (moment.field === 'time') errors.receivedTime = message;
      else errors.receivedDate = message;
    }
    if (errors.receivedAt) {
      errors.receivedDate ??= errors.receivedAt;
      delete errors.receivedAt;
    }
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      return;
    }
    mutation.mutate(body);
  });

  const identity = form.values.reporterIdentity;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">{t('tipsPage.log.intro')}</Text>
        <Text size="sm" c="dimmed">
          {t('common.requiredNote')}
        </Text>
        <FormErrorAlert message={formError} />
        <Group gap="sm" align="flex-start" grow wrap="wrap">
          <Select
            label={t('tipsPage.fields.channel')}
            {...requiredField}
            data={LOGGED_CHANNELS.map((value) => ({ value, label: t(`tipsPage.channels.${value}`) }))}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            miw="12rem"
            {...form.getInputProps('channel')}
          />
          <Select
            label={t('tipsPage.fields.unit')}
            description={t('tipsPage.log.unitHint')}
            {...requiredField}
            searchable
            data={unitOptions}
            nothingFoundMessage={t('common.noMatches')}
            filter={({ options, search }) =>
              (options as { value: string; label: string }[]).filter((option) => matchesFolded(option.label, search))
            }
            maxDropdownHeight={280}
            comboboxProps={{ withinPortal: true }}
            miw="12rem"
            {...form.getInputProps('unitId')}
            value={unitId || null}
            onChange={(value) => form.setFieldValue('unitId', value ?? '')}
          />
        </Group>
        <Textarea
          label={t('tipsPage.log.what')}
          description={t('tipsPage.log.whatHint')}
          {...requiredField}
          autosize
          minRows={4}
          maxRows={14}
          {...form.getInputProps('what')}
        />
        <TextInput label={t('tipsPage.log.place')} autoComplete="off" {...form.getInputProps('place')} />
        <TextInput
          label={t('tipsPage.log.when')}
          description={t('tipsPage.log.whenHint')}
          autoComplete="off"
          {...form.getInputProps('when')}
        />
        <Textarea label={t('tipsPage.log.who')} autosize minRows={2} maxRows={8} {...form.getInputProps('who')} />
        <Fieldset legend={t('tipsPage.fields.receivedAt')} variant="unstyled">
          <Text size="xs" c="dimmed" mb={6}>
            {t('tipsPage.log.receivedHint')}
          </Text>
          <Group gap="sm" align="flex-start" wrap="wrap">
            <TextInput
              label={t('tipsPage.log.receivedDate')}
              placeholder={t('common.datePlaceholder')}
              inputMode="numeric"
              autoComplete="off"
              style={{ flex: '1 1 9rem' }}
              {...form.getInputProps('receivedDate')}
            />
            <TextInput
              label={t('tipsPage.log.receivedTime')}
              placeholder="HH:mm"
              inputMode="numeric"
              autoComplete="off"
              style={{ flex: '1 1 7rem' }}
              {...form.getInputProps('receivedTime')}
            />
          </Group>
        </Fieldset>
        <Radio.Group
          label={t('tipsPage.log.identityLegend')}
          labelProps={requiredField.labelProps}
          {...form.getInputProps('reporterIdentity')}
        >
          <Stack gap={6} mt={6}>
            {REPORTER_IDENTITIES.map((value) => (
              <Radio key={value} value={value} label={t(`tipsPage.identities.${value}`)} />
            ))}
          </Stack>
        </Radio.Group>
        {identity === 'refused' ? (
          <Textarea
            label={t('tipsPage.log.refusalReason')}
            description={t('tipsPage.log.refusalHint')}
            autosize
            minRows={2}
            {...form.getInputProps('refusalReason')}
          />
        ) : null}
        {identity === 'identified' ? (
          <Fieldset legend={t('tipsPage.log.contactLegend')}>
            <Stack gap="sm">
              <Alert color="brand" variant="light" icon={<IconLock size={18} />}>
                {t('tipsPage.log.contactWarning')}
              </Alert>
              <TextInput label={t('tipsPage.log.contactName')} autoComplete="off" {...form.getInputProps('contactName')} />
              <TextInput
                label={t('tipsPage.log.contactPhone')}
                type="tel"
                inputMode="tel"
                autoComplete="off"
                {...form.getInputProps('contactPhone')}
              />
              <TextInput label={t('tipsPage.log.contactAddress')} autoComplete="off" {...form.getInputProps('contactAddress')} />
            </Stack>
          </Fieldset>
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t('tipsPage.log.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
