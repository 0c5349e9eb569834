import { type CreateCaseInput, createCaseSchema, type Unit, type UpdateCaseInput } from '@binh-an/domain';
import { Button, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { type UseFormReturnType, useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, parseDateInput, todayInVietnam } from '../../lib/format.ts';
import { splitSubmitError, validateWithSchema } from '../../lib/forms.ts';
import { matchesFolded } from '../../lib/text.ts';
import { FormErrorAlert } from '../../ui/error-alert.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { requiredField } from '../../ui/required-field.ts';
import { useMe } from '../auth/hooks.ts';
import {
  type CaseDetail,
  caseQueryOptions,
  casesQueryKey,
  createCase,
  updateCase,
  useApplyCaseChange,
  useCaseTypeName,
  useCaseTypes,
} from './api.ts';
import { caseTypeOptions } from './case-parts.tsx';
import { caseUnitOptions } from './case-units.ts';

type FormValues = { unitId: string; type: string; occurredOn: string; discoveredOn: string; place: string; summary: string };

const FIELDS = ['unitId', 'type', 'occurredOn', 'discoveredOn', 'place', 'summary'] as const;

const foldedFilter = ({ options, search }: { options: unknown[]; search: string }) =>
  (options as { value: string; label: string }[]).filter((option) => matchesFolded(option.label, search));

type CaseFormModalProps = {
  opened: boolean;
  units: readonly Unit[];
  onClose: () => void;
  /** The case to correct; absent to record a new one. */
  editing?: CaseDetail;
};

function valuesOf(c: CaseDetail | undefined): FormValues {
  if (!c) return { unitId: '', type: '', occurredOn: '', discoveredOn: '', place: '', summary: '' };
  return {
    unitId: c.unitId,
    type: c.type,
    occurredOn: formatDate(c.occurredOn),
    discoveredOn: formatDate(c.discoveredOn),
    place: c.place ?? '',
    summary: c.summary,
  };
}

/**
 * Recording a case in the register, or correcting one; a new case's draft survives closing the dialog and is cleared
 * once saved.
 */
export function CaseFormModal({ opened, units, onClose, editing }: CaseFormModalProps) {
  const { t } = useTranslation();
  const isSmall = useMediaQuery('(max-width: 36em)');
  const form = useForm<FormValues>({ initialValues: valuesOf(editing) });
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={editing ? t('casesPage.form.editTitle', { number: editing.number }) : t('casesPage.form.title')}
      size="lg"
      fullScreen={isSmall}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <CaseForm form={form} units={units} onClose={onClose} editing={editing} />
    </Modal>
  );
}

function CaseForm({
  form,
  units,
  onClose,
  editing,
}: {
  form: UseFormReturnType<FormValues>;
  units: readonly Unit[];
  onClose: () => void;
  editing?: CaseDetail;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [formError, setFormError] = useState<string | null>(null);
  const unitOptions = useMemo(() => caseUnitOptions(units, t, { includeHistoric: false }), [units, t]);
  const caseTypes = useCaseTypes().data ?? [];
  const typeName = useCaseTypeName();
  const typeOptions = useMemo(
    () => caseTypeOptions(caseTypes, t, typeName, { keep: editing?.type }),
    [caseTypes, t, typeName, editing?.type],
  );
  const defaultUnit = unitOptions.some((option) => option.value === me.unit.id) ? me.unit.id : '';
  const unitId = form.values.unitId || defaultUnit;
  const type = form.values.type;
  const article = caseTypes.find((entry) => entry.code === type)?.penalCodeArticle ?? null;
  const applyChange = useApplyCaseChange();

  const mutation = useMutation({
    mutationFn: (body: CreateCaseInput) => {
      if (!editing) return createCase(body);
      // Only what changed: the server audits the fields changed, and an unchanged type keeps the case's own article.
      const before = valuesOf(editing);
      const patch: UpdateCaseInput = {};
      if (body.unitId !== editing.unitId) patch.unitId = body.unitId;
      if (body.type !== editing.type) patch.type = body.type;
      if (body.occurredOn !== editing.occurredOn) patch.occurredOn = body.occurredOn;
      if (body.discoveredOn !== editing.discoveredOn) patch.discoveredOn = body.discoveredOn;
      if ((body.place ?? '') !== before.place) patch.place = body.place ?? null;
      if (body.summary !== editing.summary) patch.summary = body.summary;
      return Object.keys(patch).length ? updateCase(editing.id, patch) : Promise.resolve(editing);
    },
    onSuccess: async (saved) => {
      if (editing) {
        await applyChange(saved);
        notifySuccess(t('casesPage.form.saved', { number: saved.number }));
        setFormError(null);
        onClose();
        return;
      }
      const created = saved;
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
      type: values.type,
      occurredOn: occurredOn ?? '',
      discoveredOn: discoveredOn ?? '',
      place: values.place.trim() ? values.place : undefined,
      summary: values.summary,
    };
    const errors: Record<string, string> = validateWithSchema(createCaseSchema, body);
    if (editing && values.type === editing.type) delete errors.type;
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
        <Text size="sm">{editing ? t('casesPage.form.editIntro') : t('casesPage.form.intro')}</Text>
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
            {editing ? t('casesPage.form.save') : t('casesPage.form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
