import {
  formatQuantity,
  type QuantityUnit,
  SEIZURE_KIND_UNITS,
  SEIZURE_KINDS,
  type SeizureInput,
  type SeizureKind,
  type SeizureTotal,
  seizureSchema,
  sumByKind,
} from '@binh-an/domain';
import { Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { splitSubmitError, validateWithSchema } from '../../lib/forms.ts';
import { currentLocale } from '../../lib/i18n.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { FormErrorAlert } from '../../ui/error-alert.tsx';
import { IconPlus } from '../../ui/icons.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { requiredField } from '../../ui/required-field.ts';
import { addCaseSeizure, type CaseDetail, useApplyCaseChange } from './api.ts';
import { readQuantityInput } from './quantity-input.ts';

type SeizureValues = { kind: string; quantity: string; unit: string; note: string };
const FIELDS = ['kind', 'quantity', 'unit', 'note'] as const;

/** Seized items totalled per kind; null if the stored items cannot be added up (never expected: kinds split by dimension). */
function totalsOf(items: CaseDetail['seizures']): SeizureTotal[] | null {
  try {
    return sumByKind(items);
  } catch {
    return null;
  }
}

function AddSeizureForm({ item, onDone }: { item: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const applyChange = useApplyCaseChange();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<SeizureValues>({ initialValues: { kind: '', quantity: '', unit: '', note: '' } });
  const kind = form.values.kind as SeizureKind | '';
  const units = kind ? SEIZURE_KIND_UNITS[kind] : [];
  const unit = (form.values.unit || units[0] || '') as QuantityUnit | '';
  const normalised = unit ? readQuantityInput(form.values.quantity, unit) : null;

  const mutation = useMutation({
    mutationFn: (body: SeizureInput) => addCaseSeizure(item.id, body),
    onSuccess: async (updated, body) => {
      const label = `${t(`cases.seizureKinds.${body.kind}`)} ${formatQuantity({ quantity: body.quantity, unit: body.unit }, currentLocale())}`;
      notifySuccess(t('casesPage.detail.seizures.added', { item: label }));
      form.reset();
      setFormError(null);
      await applyChange(updated);
      onDone();
    },
    onError: (error) => {
      const { fieldErrors, formError: message } = splitSubmitError(error, FIELDS);
      form.setErrors(fieldErrors);
      setFormError(message);
    },
  });

  const submit = form.onSubmit((values) => {
    setFormError(null);
    const body: SeizureInput = {
      kind: values.kind as SeizureKind,
      quantity: normalised ?? values.quantity.trim(),
      unit: unit as QuantityUnit,
      note: values.note.trim() ? values.note : undefined,
    };
    const errors: Record<string, string> = validateWithSchema(seizureSchema, body);
    if (!values.kind) errors.kind = t('validation.required');
    if (!values.quantity.trim()) errors.quantity = t('validation.required');
    else if (normalised === null) errors.quantity = t('cases.seizure.quantityFormat');
    if (unit === 'other' && !values.note.trim()) errors.note = t('casesPage.detail.seizures.otherUnitNote');
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      return;
    }
    mutation.mutate(body);
  });

  const echo =
    normalised && unit && !form.errors.quantity
      ? t('casesPage.detail.seizures.willRecord', { value: formatQuantity({ quantity: normalised, unit }, currentLocale()) })
      : null;

  return (
    <form onSubmit={submit} noValidate aria-labelledby="case-seizure-add-title">
      <Stack gap="sm" mt="md">
        <Title order={3} size="h4" id="case-seizure-add-title">
          {t('casesPage.detail.seizures.addTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('common.requiredNote')}
        </Text>
        <FormErrorAlert message={formError} />
        <Select
          label={t('casesPage.detail.seizures.kind')}
          {...requiredField}
          data={SEIZURE_KINDS.map((value) => ({ value, label: t(`cases.seizureKinds.${value}`) }))}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('kind')}
          onChange={(value) => {
            form.setFieldValue('kind', value ?? '');
            // Each kind has its own units; start from the one it is usually counted in.
            form.setFieldValue('unit', value ? (SEIZURE_KIND_UNITS[value as SeizureKind][0] ?? '') : '');
          }}
        />
        <Group gap="sm" align="flex-start" wrap="wrap">
          <TextInput
            label={t('casesPage.detail.seizures.quantity')}
            description={echo ?? t('casesPage.detail.seizures.quantityHint')}
            {...requiredField}
            inputMode="decimal"
            autoComplete="off"
            style={{ flex: '1 1 10rem' }}
            {...form.getInputProps('quantity')}
          />
          <Select
            label={t('casesPage.detail.seizures.unit')}
            {...requiredField}
            data={units.map((value) => ({ value, label: t(`cases.units.${value}`) }))}
            allowDeselect={false}
            disabled={!kind}
            comboboxProps={{ withinPortal: true }}
            style={{ flex: '1 1 12rem' }}
            {...form.getInputProps('unit')}
            value={unit || null}
            onChange={(value) => form.setFieldValue('unit', value ?? '')}
          />
        </Group>
        <TextInput
          label={t('casesPage.detail.seizures.note')}
          description={t('casesPage.detail.seizures.noteHint')}
          autoComplete="off"
          {...form.getInputProps('note')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone} disabled={mutation.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t('casesPage.detail.seizures.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The items seized in a case, each as recorded, and the totals per kind (exact decimals, the largest sensible unit). */
export function CaseSeizures({ item, canManage }: { item: CaseDetail; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const [isAdding, setAdding] = useState(false);
  const locale = i18n.language === 'en' ? 'en' : 'vi';
  const totals = useMemo(() => totalsOf(item.seizures), [item.seizures]);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="case-seizures-title">
      <Title order={2} size="h3" id="case-seizures-title" mb="sm">
        {t('casesPage.detail.seizures.title')}
      </Title>
      {item.seizures.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('casesPage.detail.seizures.empty')}
        </Text>
      ) : (
        <Stack gap="md">
          <DataTable
            caption={t('casesPage.detail.seizures.tableCaption')}
            minWidth={0}
            label={t('casesPage.detail.seizures.tableCaption')}
            isCompact
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('casesPage.detail.seizures.kind')}</Table.Th>
                <Table.Th scope="col" className="num">
                  {t('casesPage.detail.seizures.quantity')}
                </Table.Th>
                <Table.Th scope="col">{t('casesPage.detail.seizures.note')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {item.seizures.map((seizure) => (
                <Table.Tr key={seizure.id}>
                  <Table.Th scope="row" fw={400}>
                    {t(`cases.seizureKinds.${seizure.kind}`)}
                  </Table.Th>
                  <Table.Td className="num">{formatQuantity(seizure, locale)}</Table.Td>
                  <Table.Td>{seizure.note ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </DataTable>
          {totals && totals.length > 0 ? (
            <DataTable
              caption={t('casesPage.detail.seizures.totalsCaption')}
              minWidth={0}
              label={t('casesPage.detail.seizures.totalsCaption')}
              isCompact
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('casesPage.detail.seizures.kind')}</Table.Th>
                  <Table.Th scope="col" className="num">
                    {t('casesPage.detail.seizures.total')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {totals.map((total, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: items in an unnamed unit are listed one by one (same kind and unit); the list is rebuilt whole.
                  <Table.Tr key={`${total.kind}-${total.unit}-${index}`}>
                    <Table.Th scope="row" fw={400}>
                      {t(`cases.seizureKinds.${total.kind}`)}
                    </Table.Th>
                    <Table.Td className="num" fw={700}>
                      {formatQuantity(total, locale)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </DataTable>
          ) : null}
        </Stack>
      )}
      {canManage ? (
        isAdding ? (
          <AddSeizureForm item={item} onDone={() => setAdding(false)} />
        ) : (
          <Group mt="md">
            <Button variant="outline" leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
              {t('casesPage.detail.seizures.add')}
            </Button>
          </Group>
        )
      ) : null}
    </Paper>
  );
}
