import { type CaseType, type CreateCaseInput, createCaseSchema, defaultPenalCodeArticle, type Unit } from '@binh-an/domain';
import { Button, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { type UseFormReturnType, useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseDateInput, todayInVietnam } from '../../lib/format.ts';
import { splitSubmitError, validateWithSchema } from '../../lib/forms.ts';
import { matchesFolded } from '../../lib/text.ts';
import { FormErrorAlert } from '../../ui/error-alert.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { requiredField } from '../../ui/required-field.ts';
import { useMe } from '../auth/hooks.ts';
import { caseQueryOptions, casesQueryKey, createCase } from './api.ts';
import { caseTypeOptions } from './case-parts.tsx';
import { caseUnitOptions } from './case-units.ts';

type FormValues = { unitId: string; type: string; occurredOn: string; discoveredOn: string; place: string; summary: string };

const FIELDS = ['unitId', 'type', 'occurredOn', 'discoveredOn', 'place', 'summary'] as const;

const foldedFilter = ({ options, search }: { options: unknown[]; search: string }) =>
  (options as { value: string; label: string }[]).filter((option) => matchesFolded(option.label, search));

type CaseFormModalProps = { opened: boolean; units: readonly Unit[]; onClose: () => void };

/** Recording a case in the register; the draft survives closing the dialog and is cleared once saved. */
export function CaseFormModal({ opened, units, onClose }: CaseFormModalProps) {
  const { t } = useTranslation();
  const isSmall = useMediaQuery('(max-width: 36em)');
  const form = useForm<FormValues>({
    initialValues: { unitId: '', type: '', occurredOn: '', discoveredOn: '', place: '', summary: '' },
  });
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('casesPage.form.title')}
      size="lg"
      fullScreen={isSmall}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <CaseForm form={form} units={units} onClose={onClose} />
    </Modal>
  );
}

function CaseForm({ form, units, onClose }: { form: UseFormReturnType<FormValues>; units: readonly Unit[]; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [formError, setFormError] = useState<string | null>(null);
  const unitOptions = useMemo(() => caseUnitOptions(units, t, { includeHistoric: false }), [units, t]);
  const typeOptions = useMemo(() => caseTypeOptions(t), [t]);
  const defaultUnit = unitOptions.some((option) => option.value === me.unit.id) ? me.unit.id : '';
  const unitId = form.values.unitId || defaultUnit;
  const type = form.values.type as CaseType | '';
  const article = type ? defaultPenalCodeArticle(type) : null;

  const mutation = useMutation({
    mutationFn: (body: CreateCaseInput) => createCase(body),
    onSuccess: async (created) => {
      queryClient.setQueryData(caseQueryOptions(created.id).queryKey, created);
      await queryClient.invalidateQueries({ queryKey: [...casesQueryKey, 'list'] });
      notifySuccess(t('casesPage.form.created', { number: created.number }));
      form.reset();
      setFormError(null);
      onClose();
      await navigate({ to: '/cases/$caseId', params: { caseId: created.id } });
    },
    onError: (error) => {
      const { fieldErrors, formError: message } = splitSubmitError(error, FIELDS);
      form.setErrors(fieldErrors);
      setFormError(message);
    },
  });

  const submit = form.onSubmit((values) => {
    setFormError(null);
    const occurredOn = parseDateInput(values.occurredOn);
    const discoveredOn = parseDateInput(values.discoveredOn);
    const body = {
      unitId,
      type: values.type as CaseType,
      occurredOn: occurredOn ?? '',
      discoveredOn: discoveredOn ?? '',
      place: values.place.trim() ? values.place : undefined,
      summary: values.summary,
    };
    const errors: Record<string, string> = validateWithSchema(createCaseSchema, body);
    if (!unitId) errors.unitId = t('validation.required');
    if (!values.type) errors.type = t('validation.required');
    const today = todayInVietnam();
    for (const [field, day] of [
      ['occurredOn', occurredOn],
      ['discoveredOn', discoveredOn],
    ] as const) {
      if (!day) errors[field] = t('casesPage.form.dateRequired');
      else if (day > today) errors[field] = t('casesPage.form.dateFuture');
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
        <Text size="sm">{t('casesPage.form.intro')}</Text>
        <Text size="sm" c="dimmed">
          {t('common.requiredNote')}
        </Text>
        <FormErrorAlert message={formError} />
        <Select
          label={t('casesPage.fields.unit')}
          description={t('casesPage.form.unitHint')}
          {...requiredField}
          searchable
          data={unitOptions}
          nothingFoundMessage={t('common.noMatches')}
          filter={foldedFilter}
          maxDropdownHeight={280}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('unitId')}
          value={unitId || null}
          onChange={(value) => form.setFieldValue('unitId', value ?? '')}
        />
        <Select
          label={t('casesPage.fields.type')}
          description={
            type
              ? article
                ? t('casesPage.form.articleHint', { article: t('casesPage.articleLong', { article }) })
                : t('casesPage.form.noArticleHint')
              : t('casesPage.form.typeHint')
          }
          {...requiredField}
          searchable
          data={typeOptions}
          nothingFoundMessage={t('common.noMatches')}
          filter={({ options, search }) =>
            (options as { group: string; items: { value: string; label: string }[] }[])
              .map((group) => ({
                ...group,
                items: matchesFolded(group.group, search) ? group.items : group.items.filter((item) => matchesFolded(item.label, search)),
              }))
              .filter((group) => group.items.length > 0)
          }
          maxDropdownHeight={320}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('type')}
          value={form.values.type || null}
          onChange={(value) => form.setFieldValue('type', value ?? '')}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput
            label={t('casesPage.fields.occurredOn')}
            {...requiredField}
            placeholder={t('common.datePlaceholder')}
            inputMode="numeric"
            autoComplete="off"
            {...form.getInputProps('occurredOn')}
          />
          <TextInput
            label={t('casesPage.fields.discoveredOn')}
            {...requiredField}
            placeholder={t('common.datePlaceholder')}
            inputMode="numeric"
            autoComplete="off"
            {...form.getInputProps('discoveredOn')}
          />
        </SimpleGrid>
        <TextInput
          label={t('casesPage.fields.place')}
          description={t('casesPage.form.placeHint')}
          autoComplete="off"
          {...form.getInputProps('place')}
        />
        <Textarea
          label={t('casesPage.fields.summary')}
          description={t('casesPage.form.summaryHint')}
          {...requiredField}
          autosize
          minRows={4}
          maxRows={14}
          {...form.getInputProps('summary')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t('casesPage.form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
