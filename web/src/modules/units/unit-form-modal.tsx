import { CHILD_TYPES, createUnitSchema, SCHOOL_LEVELS, type Unit, type UnitType, updateUnitSchema } from '@binh-an/domain';
import { Button, Group, Modal, MultiSelect, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, parseDateInput, todayInVietnam } from '../../lib/format.ts';
import { splitSubmitError, validateWithSchema } from '../../lib/forms.ts';
import { compareVietnamese, matchesFolded } from '../../lib/text.ts';
import { FormErrorAlert } from '../../ui/error-alert.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { requiredField } from '../../ui/required-field.ts';
import { type CreateUnitBody, createUnit, type UpdateUnitBody, unitsQueryKey, updateUnit } from './api.ts';
import { pathLabelOf, type UnitForest, unitStatusOf } from './unit-forest.ts';

export type UnitFormMode = { kind: 'create'; parent: Unit } | { kind: 'edit'; unit: Unit };

type UnitFormModalProps = {
  mode: UnitFormMode | null;
  forest: UnitForest;
  onClose: () => void;
  onSaved: (unit: Unit) => void;
};

type FormValues = {
  type: string;
  code: string;
  name: string;
  schoolLevel: string;
  validFrom: string;
  validTo: string;
  predecessorIds: string[];
  contactPhone: string;
  contactEmail: string;
  contactAddress: string;
  note: string;
};

const FIELDS = [
  'type',
  'code',
  'name',
  'schoolLevel',
  'validFrom',
  'validTo',
  'predecessorIds',
  'contactPhone',
  'contactEmail',
  'contactAddress',
  'note',
] as const;

function initialValues(mode: UnitFormMode): FormValues {
  if (mode.kind === 'create') {
    const types = CHILD_TYPES[mode.parent.type];
    return {
      type: types.length === 1 ? (types[0] as string) : '',
      code: '',
      name: '',
      schoolLevel: '',
      validFrom: '',
      validTo: '',
      predecessorIds: [],
      contactPhone: '',
      contactEmail: '',
      contactAddress: '',
      note: '',
    };
  }
  const { unit } = mode;
  return {
    type: unit.type,
    code: unit.code,
    name: unit.name,
    schoolLevel: unit.schoolLevel ?? '',
    validFrom: formatDate(unit.validFrom),
    validTo: formatDate(unit.validTo),
    predecessorIds: [...unit.predecessorIds],
    contactPhone: unit.contact.phone ?? '',
    contactEmail: unit.contact.email ?? '',
    contactAddress: unit.contact.address ?? '',
    note: unit.note ?? '',
  };
}

/** Creating a unit under a parent, or changing one; the dialog stays open with everything typed if saving fails. */
export function UnitFormModal({ mode, forest, onClose, onSaved }: UnitFormModalProps) {
  const { t } = useTranslation();
  const isSmall = useMediaQuery('(max-width: 36em)');
  const title =
    mode?.kind === 'create'
      ? t('unitsPage.form.createTitle', { parent: mode.parent.name })
      : mode?.kind === 'edit'
        ? t('unitsPage.form.editTitle', { name: mode.unit.name })
        : '';
  return (
    <Modal
      opened={mode !== null}
      onClose={onClose}
      title={title}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
      fullScreen={isSmall}
    >
      {mode ? (
        <UnitForm
          key={mode.kind === 'edit' ? mode.unit.id : `new-${mode.parent.id}`}
          mode={mode}
          forest={forest}
          onClose={onClose}
          onSaved={onSaved}
        />
      ) : null}
    </Modal>
  );
}

function UnitForm({ mode, forest, onClose, onSaved }: Omit<UnitFormModalProps, 'mode'> & { mode: UnitFormMode }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<FormValues>({ initialValues: initialValues(mode) });
  const selfId = mode.kind === 'edit' ? mode.unit.id : null;
  const childTypes: readonly UnitType[] = mode.kind === 'create' ? CHILD_TYPES[mode.parent.type] : [mode.unit.type];

  const predecessorOptions = useMemo(() => {
    const today = todayInVietnam();
    return [...forest.byId.values()]
      .filter((unit) => unit.id !== selfId)
      .map((unit) => {
        const path = pathLabelOf(unit.id, forest.byId);
        const suffix = unit.isActive ? '' : ` (${t(`unitsPage.${unitStatusOf(unit, today)}`).toLowerCase()})`;
        return { value: unit.id, label: `${unit.name}${suffix}${path ? ` — ${path}` : ''}` };
      })
      .sort((a, b) => compareVietnamese(a.label, b.label));
  }, [forest, selfId, t]);

  const mutation = useMutation({
    mutationFn: (body: CreateUnitBody | UpdateUnitBody) =>
      mode.kind === 'create' ? createUnit(body as CreateUnitBody) : updateUnit(mode.unit.id, body as UpdateUnitBody),
    onSuccess: async (unit) => {
      await queryClient.invalidateQueries({ queryKey: unitsQueryKey });
      notifySuccess(
        mode.kind === 'create' ? t('unitsPage.form.created', { name: unit.name }) : t('unitsPage.form.saved', { name: unit.name }),
      );
      onSaved(unit);
    },
    onError: (error) => {
      const { fieldErrors, formError: message } = splitSubmitError(error, FIELDS, {
        codeTaken: 'code',
        invalidParent: 'type',
        schoolLevelRequired: 'schoolLevel',
        invalidDates: 'validTo',
      });
      form.setErrors(fieldErrors);
      setFormError(message);
    },
  });

  const submit = form.onSubmit((values) => {
    setFormError(null);
    const errors: Record<string, string> = {};
    const validFrom = parseDateInput(values.validFrom);
    const validTo = parseDateInput(values.validTo);
    if (validFrom === null) errors.validFrom = t('unitsPage.form.dateFormat');
    if (validTo === null) errors.validTo = t('unitsPage.form.dateFormat');
    if (!values.type) errors.type = t('validation.required');
    if (values.type === 'school' && !values.schoolLevel) errors.schoolLevel = t('errors.schoolLevelRequired');
    if (validFrom && validTo && validTo < validFrom) errors.validTo = t('errors.invalidDates');
    const text = (v: string) => (v.trim() === '' ? null : v.trim());
    const common = {
      code: values.code.trim(),
      name: values.name,
      schoolLevel: values.type === 'school' ? values.schoolLevel || null : null,
      validFrom: validFrom || null,
      validTo: validTo || null,
      predecessorIds: values.predecessorIds,
      contactPhone: text(values.contactPhone),
      contactEmail: text(values.contactEmail),
      contactAddress: text(values.contactAddress),
      note: text(values.note),
    };
    const body: CreateUnitBody | UpdateUnitBody =
      mode.kind === 'create'
        ? (Object.fromEntries(
            Object.entries({ parentId: mode.parent.id, type: values.type, ...common }).filter(
              ([, v]) => v !== null && !(Array.isArray(v) && v.length === 0),
            ),
          ) as CreateUnitBody)
        : common;
    const schemaErrors = validateWithSchema(mode.kind === 'create' ? createUnitSchema : updateUnitSchema, body);
    for (const [path, message] of Object.entries(schemaErrors)) {
      const field = path.split('.')[0] ?? path;
      if (!(field in errors) && (FIELDS as readonly string[]).includes(field)) errors[field] = message;
    }
    // The shared schema's e-mail check has no message of its own; say how to fix it.
    if (errors.contactEmail && schemaErrors.contactEmail) errors.contactEmail = t('unitsPage.form.emailFormat');
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      return;
    }
    mutation.mutate(body);
  });

  const dateProps = {
    placeholder: t('common.datePlaceholder'),
    description: t('unitsPage.form.dateHint'),
    inputMode: 'numeric' as const,
    autoComplete: 'off',
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('common.requiredNote')}
        </Text>
        <FormErrorAlert message={formError} />
        {mode.kind === 'create' ? (
          <TextInput label={t('unitsPage.form.parent')} value={mode.parent.name} readOnly variant="filled" />
        ) : null}
        <Select
          label={t('unitsPage.fields.type')}
          {...requiredField}
          data={childTypes.map((type) => ({ value: type, label: t(`unitTypes.${type}`) }))}
          disabled={mode.kind === 'edit'}
          description={mode.kind === 'edit' ? t('unitsPage.form.typeFixed') : undefined}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('type')}
          onChange={(value) => form.setFieldValue('type', value ?? '')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label={t('unitsPage.fields.code')}
            description={t('unitsPage.form.codeHint')}
            {...requiredField}
            autoComplete="off"
            spellCheck={false}
            {...form.getInputProps('code')}
          />
          <TextInput label={t('unitsPage.fields.name')} {...requiredField} autoComplete="off" {...form.getInputProps('name')} />
        </SimpleGrid>
        {form.values.type === 'school' ? (
          <Select
            label={t('unitsPage.fields.schoolLevel')}
            {...requiredField}
            data={SCHOOL_LEVELS.map((level) => ({ value: level, label: t(`schoolLevels.${level}`) }))}
            {...form.getInputProps('schoolLevel')}
            onChange={(value) => form.setFieldValue('schoolLevel', value ?? '')}
          />
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput label={t('unitsPage.fields.validFrom')} {...dateProps} {...form.getInputProps('validFrom')} />
          <TextInput label={t('unitsPage.fields.validTo')} {...dateProps} {...form.getInputProps('validTo')} />
        </SimpleGrid>
        <MultiSelect
          label={t('unitsPage.fields.predecessors')}
          description={t('unitsPage.form.predecessorsHint')}
          data={predecessorOptions}
          searchable
          clearable
          nothingFoundMessage={t('common.noMatches')}
          filter={({ options, search }) =>
            (options as { value: string; label: string }[]).filter((option) => matchesFolded(option.label, search))
          }
          maxDropdownHeight={260}
          {...form.getInputProps('predecessorIds')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput label={t('unitsPage.fields.phone')} type="tel" autoComplete="off" {...form.getInputProps('contactPhone')} />
          <TextInput label={t('unitsPage.fields.email')} type="email" autoComplete="off" {...form.getInputProps('contactEmail')} />
        </SimpleGrid>
        <TextInput label={t('unitsPage.fields.address')} autoComplete="off" {...form.getInputProps('contactAddress')} />
        <Textarea label={t('unitsPage.fields.note')} autosize minRows={2} maxRows={6} {...form.getInputProps('note')} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {mode.kind === 'create' ? t('unitsPage.form.createSubmit') : t('common.saveChanges')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
