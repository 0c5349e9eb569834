import {
  ARREST_MEASURES,
  type ArrestMeasure,
  CASE_PERSON_ROLES,
  type CasePersonInput,
  type CasePersonRole,
  casePersonSchema,
} from '@binh-an/domain';
import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.ts';
import { splitSubmitError, validateWithSchema } from '../../lib/forms.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { FormErrorAlert } from '../../ui/error-alert.tsx';
import { IconPlus } from '../../ui/icons.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { requiredField } from '../../ui/required-field.ts';
import { readMomentInput } from '../tips/date-time.ts';
import { addCasePerson, type CaseDetail, useApplyCaseChange } from './api.ts';

type PersonValues = {
  role: string;
  name: string;
  birthYear: string;
  idNumber: string;
  address: string;
  hasArrest: boolean;
  arrestDate: string;
  arrestTime: string;
  measure: string;
  note: string;
};

const INITIAL: PersonValues = {
  role: '',
  name: '',
  birthYear: '',
  idNumber: '',
  address: '',
  hasArrest: false,
  arrestDate: '',
  arrestTime: '',
  measure: '',
  note: '',
};

/** Server and schema paths → the fields of this form. */
const FIELD_OF_PATH: Record<string, keyof PersonValues> = {
  role: 'role',
  name: 'name',
  birthYear: 'birthYear',
  idNumber: 'idNumber',
  address: 'address',
  note: 'note',
  arrest: 'arrestDate',
  'arrest.at': 'arrestDate',
  'arrest.measure': 'measure',
};

function toFormErrors(errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const field = FIELD_OF_PATH[path];
    if (field && !(field in out)) out[field] = message;
  }
  return out;
}

function AddPersonForm({ item, onDone }: { item: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const applyChange = useApplyCaseChange();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<PersonValues>({ initialValues: INITIAL });
  const isSuspect = form.values.role === 'suspect';

  const mutation = useMutation({
    mutationFn: (body: CasePersonInput) => addCasePerson(item.id, body),
    onSuccess: async (updated, body) => {
      notifySuccess(t('casesPage.detail.people.added', { name: body.name }));
      form.reset();
      setFormError(null);
      await applyChange(updated);
      onDone();
    },
    onError: (error) => {
      const { fieldErrors, formError: message } = splitSubmitError(error, Object.keys(FIELD_OF_PATH));
      form.setErrors(toFormErrors(fieldErrors));
      setFormError(message);
    },
  });

  const submit = form.onSubmit((values) => {
    setFormError(null);
    const errors: Record<string, string> = {};
    const yearText = values.birthYear.trim();
    const birthYear = yearText === '' ? undefined : /^\d{4}$/.test(yearText) ? Number(yearText) : Number.NaN;
    const withArrest = values.role === 'suspect' && values.hasArrest;
    const moment = withArrest ? readMomentInput(values.arrestDate, values.arrestTime) : null;
    if (moment && !moment.ok) {
      const message =
        moment.reason === 'future'
          ? t('casesPage.detail.people.futureTime')
          : moment.field === 'time'
            ? values.arrestTime.trim()
              ? t('casesPage.detail.people.timeFormat')
              : t('casesPage.detail.people.dateTimeBoth')
            : values.arrestDate.trim()
              ? t('casesPage.detail.people.dateFormat')
              : t('casesPage.detail.people.dateTimeBoth');
      if (moment.field === 'time') errors.arrestTime = message;
      else errors.arrestDate = message;
    } else if (moment?.ok && moment.value === undefined) {
      errors.arrestDate = t('casesPage.detail.people.dateTimeBoth');
    }
    const body: CasePersonInput = {
      role: values.role as CasePersonRole,
      name: values.name,
      birthYear: birthYear ?? undefined,
      idNumber: values.idNumber.trim() ? values.idNumber : undefined,
      address: values.address.trim() ? values.address : undefined,
      arrest: withArrest && moment?.ok && moment.value ? { at: moment.value, measure: values.measure as ArrestMeasure } : undefined,
      note: values.note.trim() ? values.note : undefined,
    };
    const schemaErrors = toFormErrors(validateWithSchema(casePersonSchema, body));
    if (!values.role) schemaErrors.role = t('validation.required');
    if (withArrest && !values.measure) schemaErrors.measure = t('validation.required');
    const all = { ...schemaErrors, ...errors };
    if (Object.keys(all).length > 0) {
      form.setErrors(all);
      return;
    }
    mutation.mutate(body);
  });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="case-person-add-title">
      <Stack gap="sm" mt="md">
        <Title order={3} size="h4" id="case-person-add-title">
          {t('casesPage.detail.people.addTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('common.requiredNote')}
        </Text>
        <FormErrorAlert message={formError} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Select
            label={t('casesPage.detail.people.role')}
            {...requiredField}
            data={CASE_PERSON_ROLES.map((value) => ({ value, label: t(`cases.personRoles.${value}`) }))}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('role')}
          />
          <TextInput label={t('casesPage.detail.people.name')} {...requiredField} autoComplete="off" {...form.getInputProps('name')} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput
            label={t('casesPage.detail.people.birthYear')}
            description={t('casesPage.detail.people.birthYearHint')}
            inputMode="numeric"
            autoComplete="off"
            maxLength={4}
            {...form.getInputProps('birthYear')}
          />
          <TextInput
            label={t('casesPage.detail.people.idNumber')}
            description={t('casesPage.detail.people.idNumberHint')}
            inputMode="numeric"
            autoComplete="off"
            {...form.getInputProps('idNumber')}
          />
        </SimpleGrid>
        <TextInput label={t('casesPage.detail.people.address')} autoComplete="off" {...form.getInputProps('address')} />
        {isSuspect ? (
          <Checkbox label={t('casesPage.detail.people.hasArrest')} {...form.getInputProps('hasArrest', { type: 'checkbox' })} />
        ) : null}
        {isSuspect && form.values.hasArrest ? (
          <Fieldset legend={t('casesPage.detail.people.arrest')} variant="unstyled">
            <Group gap="sm" align="flex-start" wrap="wrap">
              <TextInput
                label={t('casesPage.detail.people.arrestDate')}
                {...requiredField}
                placeholder={t('common.datePlaceholder')}
                inputMode="numeric"
                autoComplete="off"
                style={{ flex: '1 1 9rem' }}
                {...form.getInputProps('arrestDate')}
              />
              <TextInput
                label={t('casesPage.detail.people.arrestTime')}
                {...requiredField}
                placeholder="HH:mm"
                inputMode="numeric"
                autoComplete="off"
                style={{ flex: '1 1 7rem' }}
                {...form.getInputProps('arrestTime')}
              />
              <Select
                label={t('casesPage.detail.people.measure')}
                {...requiredField}
                data={ARREST_MEASURES.map((value) => ({ value, label: t(`cases.arrestMeasures.${value}`) }))}
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
                style={{ flex: '2 1 14rem' }}
                {...form.getInputProps('measure')}
              />
            </Group>
          </Fieldset>
        ) : null}
        <Textarea label={t('casesPage.detail.people.note')} autosize minRows={2} maxRows={6} {...form.getInputProps('note')} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone} disabled={mutation.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t('casesPage.detail.people.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The suspects, victims and witnesses of a case, ID numbers masked; officers add people below the list. */
export function CasePeople({ item, canManage }: { item: CaseDetail; canManage: boolean }) {
  const { t } = useTranslation();
  const [isAdding, setAdding] = useState(false);
  const dash = '—';
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="case-people-title">
      <Title order={2} size="h3" id="case-people-title" mb="sm">
        {t('casesPage.detail.people.title')}
      </Title>
      {item.persons.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('casesPage.detail.people.empty')}
        </Text>
      ) : (
        <>
          <DataTable
            caption={t('casesPage.detail.people.tableCaption')}
            minWidth={720}
            label={t('casesPage.detail.people.tableCaption')}
            isCompact
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('casesPage.detail.people.name')}</Table.Th>
                <Table.Th scope="col">{t('casesPage.detail.people.role')}</Table.Th>
                <Table.Th scope="col" className="num">
                  {t('casesPage.detail.people.birthYear')}
                </Table.Th>
                <Table.Th scope="col">{t('casesPage.detail.people.idNumber')}</Table.Th>
                <Table.Th scope="col">{t('casesPage.detail.people.arrest')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody className="cases-table">
              {item.persons.map((person) => (
                <Table.Tr key={person.id}>
                  <Table.Th scope="row" miw={150}>
                    {person.name}
                    {person.address ? (
                      <Text size="xs" c="dimmed" fw={400} className="cases-prose">
                        {t('casesPage.detail.people.address')}: {person.address}
                      </Text>
                    ) : null}
                    {person.note ? (
                      <Text size="xs" c="dimmed" fw={400} className="cases-prose">
                        {t('casesPage.detail.people.note')}: {person.note}
                      </Text>
                    ) : null}
                  </Table.Th>
                  <Table.Td>{t(`cases.personRoles.${person.role}`)}</Table.Td>
                  <Table.Td className="num">{person.birthYear ? String(person.birthYear) : dash}</Table.Td>
                  <Table.Td className="mono nowrap">{person.idNumberMasked ?? dash}</Table.Td>
                  <Table.Td miw={160}>
                    {person.arrest
                      ? t('casesPage.detail.people.arrestValue', {
                          measure: t(`cases.arrestMeasures.${person.arrest.measure}`),
                          at: formatDateTime(person.arrest.at),
                        })
                      : t('casesPage.detail.people.noArrest')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </DataTable>
          <Text size="xs" c="dimmed" mt={4}>
            {t('casesPage.detail.people.idNumberMaskedHint')}
          </Text>
        </>
      )}
      {canManage ? (
        isAdding ? (
          <AddPersonForm item={item} onDone={() => setAdding(false)} />
        ) : (
          <Group mt="md">
            <Button variant="outline" leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
              {t('casesPage.detail.people.add')}
            </Button>
          </Group>
        )
      ) : null}
    </Paper>
  );
}
