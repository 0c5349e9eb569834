import { type CreateRehabDossierInput, createRehabDossierSchema, REHAB_GROUNDS, type RehabGround } from '@binh-an/domain';
import { Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseDateInput, todayInVietnam } from '../../lib/format.ts';
import { splitSubmitError, validateWithSchema } from '../../lib/forms.ts';
import { FormErrorAlert } from '../../ui/error-alert.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { requiredField } from '../../ui/required-field.ts';
import { useMe } from '../auth/hooks.ts';
import { useAllUnits } from '../units/api.ts';
import { createRehabDossier, rehabUnitChoices, useApplyRehabChange } from './api.ts';

type FormValues = {
  unitId: string;
  subject: { name: string; birthYear: string; idNumber: string; address: string };
  ground: string;
  foundOn: string;
};

const FIELDS = ['unitId', 'subject.name', 'subject.birthYear', 'subject.idNumber', 'subject.address', 'ground', 'foundOn'] as const;

/** Opening a dossier; the draft survives closing the dialog and is cleared once saved. */
export function RehabFormModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const isSmall = useMediaQuery('(max-width: 36em)');
  const me = useMe();
  const applyChange = useApplyRehabChange();
  const navigate = useNavigate();
  const unitsQuery = useAllUnits();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<FormValues>({
    initialValues: { unitId: '', subject: { name: '', birthYear: '', idNumber: '', address: '' }, ground: '', foundOn: '' },
  });
  const unitOptions = useMemo(
    () =>
      rehabUnitChoices(unitsQuery.data ?? [], me.unit.id).map((unit) => ({
        value: unit.id,
        label: `${unit.name} — ${t(`unitTypes.${unit.type}`)}`,
      })),
    [unitsQuery.data, me.unit.id, t],
  );
  const defaultUnit = unitOptions.some((option) => option.value === me.unit.id) ? me.unit.id : (unitOptions[0]?.value ?? '');
  const unitId = form.values.unitId || defaultUnit;

  const mutation = useMutation({
    mutationFn: (body: CreateRehabDossierInput) => createRehabDossier(body),
    onSuccess: async (created) => {
      await applyChange(created);
      notifySuccess(t('rehabPage.form.created', { number: created.number }));
      form.reset();
      setFormError(null);
      onClose();
      await navigate({ to: '/rehab/$dossierId', params: { dossierId: created.id } });
    },
    onError: (error) => {
      const { fieldErrors, formError: message } = splitSubmitError(error, FIELDS);
      form.setErrors(fieldErrors);
      setFormError(message);
    },
  });

  const submit = form.onSubmit((values) => {
    setFormError(null);
    const foundOn = parseDateInput(values.foundOn);
    const { subject } = values;
    const birthYear = subject.birthYear.trim();
    const body: CreateRehabDossierInput = {
      unitId,
      subject: {
        name: subject.name,
        birthYear: birthYear ? Number(birthYear) : null,
        idNumber: subject.idNumber.trim() ? subject.idNumber.trim() : null,
        address: subject.address.trim() ? subject.address : undefined,
      },
      ground: values.ground as RehabGround,
      foundOn: foundOn ?? '',
    };
    const errors: Record<string, string> = validateWithSchema(createRehabDossierSchema, body);
    if (!unitId) errors.unitId = t('validation.required');
    if (!values.ground) errors.ground = t('validation.required');
    if (birthYear && !/^\d{4}$/.test(birthYear)) errors['subject.birthYear'] = t('rehabPage.form.birthYearInvalid');
    if (!foundOn) errors.foundOn = t('rehabPage.form.dateRequired');
    else if (foundOn > todayInVietnam()) errors.foundOn = t('rehabPage.form.dateFuture');
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      return;
    }
    mutation.mutate(body);
  });

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('rehabPage.form.title')}
      size="lg"
      fullScreen={isSmall}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">{t('rehabPage.form.intro')}</Text>
          <Text size="sm" c="dimmed">
            {t('common.requiredNote')}
          </Text>
          <FormErrorAlert message={formError} />
          <Select
            label={t('rehabPage.fields.unit')}
            description={t('rehabPage.form.unitHint')}
            {...requiredField}
            data={unitOptions}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('unitId')}
            value={unitId || null}
            onChange={(value) => form.setFieldValue('unitId', value ?? '')}
          />
          <TextInput label={t('rehabPage.fields.name')} {...requiredField} autoComplete="off" {...form.getInputProps('subject.name')} />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput
              label={t('rehabPage.fields.birthYear')}
              description={t('rehabPage.form.birthYearHint')}
              inputMode="numeric"
              autoComplete="off"
              {...form.getInputProps('subject.birthYear')}
            />
            <TextInput
              label={t('rehabPage.fields.idNumber')}
              description={t('rehabPage.form.idNumberHint')}
              inputMode="numeric"
              autoComplete="off"
              {...form.getInputProps('subject.idNumber')}
            />
          </SimpleGrid>
          <TextInput label={t('rehabPage.fields.address')} autoComplete="off" {...form.getInputProps('subject.address')} />
          <Select
            label={t('rehabPage.fields.ground')}
            {...requiredField}
            data={REHAB_GROUNDS.map((value) => ({ value, label: t(`cases.rehab.grounds.${value}`) }))}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('ground')}
            value={form.values.ground || null}
            onChange={(value) => form.setFieldValue('ground', value ?? '')}
          />
          <TextInput
            label={t('rehabPage.fields.foundOn')}
            {...requiredField}
            placeholder={t('common.datePlaceholder')}
            inputMode="numeric"
            autoComplete="off"
            {...form.getInputProps('foundOn')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('rehabPage.form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
