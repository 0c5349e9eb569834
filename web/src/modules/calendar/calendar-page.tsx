import {
  CALENDAR_MAX_YEAR,
  CALENDAR_MIN_YEAR,
  type CalendarDay,
  type CalendarDayKind,
  isCalendarDay,
  setCalendarDaySchema,
} from '@binh-an/domain';
import { Badge, Button, Group, Paper, Radio, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../lib/api.ts';
import { formatDate, formatNumber, parseDateInput, todayInVietnam } from '../../lib/format.ts';
import { splitSubmitError, validateWithSchema } from '../../lib/forms.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert, FormErrorAlert } from '../../ui/error-alert.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { requiredField } from '../../ui/required-field.ts';
import { useCan } from '../auth/hooks.ts';
import { calendarQueryKey, calendarQueryOptions, resetCalendarDay, saveCalendarDay } from './api.ts';

const routeApi = getRouteApi('/signed-in/calendar');

const KIND_COLORS: Record<CalendarDayKind, string> = {
  holiday: 'red',
  tet: 'red',
  compensatory: 'orange',
  working_weekend: 'blue',
  weekend: 'gray',
  custom: 'violet',
};

const YEAR_OPTIONS = Array.from({ length: CALENDAR_MAX_YEAR - CALENDAR_MIN_YEAR + 1 }, (_, i) => String(CALENDAR_MIN_YEAR + i));

const weekdayOf = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

type FormValues = { day: string; status: 'rest' | 'working'; name: string };

const FIELDS = ['day', 'isWorking', 'name'] as const;

/**
 * The working-day calendar of a year: the days that differ from "Monday to Friday work", month by month; an
 * administrator marks any date as a day off or a working day, or restores its default.
 */
export function CalendarPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const queryClient = useQueryClient();
  const can = useCan();
  const canManage = can('calendar.manage');
  const currentYear = Number(todayInVietnam().slice(0, 4));
  const year = search.year ?? currentYear;
  const query = useQuery(calendarQueryOptions(year));
  const dayRef = useRef<HTMLInputElement>(null);
  const formSectionRef = useRef<HTMLElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [toReset, setToReset] = useState<CalendarDay | null>(null);
  const [resetError, setResetError] = useState<string | null>(null);
  const form = useForm<FormValues>({ initialValues: { day: '', status: 'rest', name: '' } });

  const setYear = (next: number) => void navigate({ search: (prev) => ({ ...prev, year: next }), replace: true });

  const months = useMemo(() => {
    const byMonth = new Map<number, CalendarDay[]>();
    for (const day of query.data?.days ?? []) {
      const month = Number(day.day.slice(5, 7));
      byMonth.set(month, [...(byMonth.get(month) ?? []), day]);
    }
    return [...byMonth.entries()].sort(([a], [b]) => a - b);
  }, [query.data]);

  const saveMutation = useMutation({
    mutationFn: ({ day, body }: { day: string; body: { isWorking: boolean; name: string } }) => saveCalendarDay(day, body),
    onSuccess: async (saved) => {
      form.reset();
      await queryClient.invalidateQueries({ queryKey: calendarQueryKey });
      notifySuccess(t('calendarPage.form.saved', { date: formatDate(saved.day) }));
      const savedYear = Number(saved.day.slice(0, 4));
      if (savedYear !== year) setYear(savedYear);
    },
    onError: (error) => {
      const { fieldErrors, formError: message } = splitSubmitError(error, FIELDS);
      form.setErrors(fieldErrors);
      setFormError(message);
    },
  });

  const resetMutation = useMutation({
    mutationFn: (day: CalendarDay) => resetCalendarDay(day.day),
    onSuccess: async (_, day) => {
      setToReset(null);
      await queryClient.invalidateQueries({ queryKey: calendarQueryKey });
      notifySuccess(t('calendarPage.confirmReset.done', { date: formatDate(day.day) }));
    },
    onError: (error) => setResetError(describeError(error)),
  });

  const submit = form.onSubmit((values) => {
    setFormError(null);
    const errors: Record<string, string> = {};
    const day = parseDateInput(values.day);
    if (day === '') errors.day = t('validation.required');
    else if (day === null) errors.day = t('calendarPage.form.dayFormat');
    else if (!isCalendarDay(day)) errors.day = t('calendarPage.form.dayRange');
    const body = { isWorking: values.status === 'working', name: values.name };
    const schemaErrors = validateWithSchema(setCalendarDaySchema, body);
    if (schemaErrors.name) errors.name = schemaErrors.name;
    if (Object.keys(errors).length > 0 || !day) {
      form.setErrors(errors);
      return;
    }
    saveMutation.mutate({ day, body: { ...body, name: values.name.normalize('NFC').trim() } });
  });

  const startEdit = (day: CalendarDay) => {
    setFormError(null);
    form.setValues({ day: formatDate(day.day), status: day.isWorking ? 'working' : 'rest', name: day.name });
    form.clearErrors();
    formSectionRef.current?.scrollIntoView({ block: 'start' });
    dayRef.current?.focus();
  };

  const renderMonths = () => {
    if (query.isPending) return <LoadingState />;
    if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
    if (months.length === 0) {
      return <EmptyState title={t('calendarPage.emptyTitle')} description={t('calendarPage.emptyText', { year: String(year) })} />;
    }
    return (
      <Stack gap="md">
        <Text size="sm" role="status">
          {t('calendarPage.count', { year: String(year), count: formatNumber(query.data.days.length) })}
        </Text>
        {months.map(([month, days]) => {
          const caption = t('calendarPage.monthTitle', { month: String(month), year: String(year) });
          return (
            <DataTable key={month} caption={caption} label={caption} minWidth={canManage ? 900 : 720}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" className="num" w="11%">
                    {t('calendarPage.fields.day')}
                  </Table.Th>
                  <Table.Th scope="col" w="10%">
                    {t('calendarPage.fields.weekday')}
                  </Table.Th>
                  <Table.Th scope="col" w="11%">
                    {t('calendarPage.fields.status')}
                  </Table.Th>
                  <Table.Th scope="col" w="15%">
                    {t('calendarPage.fields.kind')}
                  </Table.Th>
                  <Table.Th scope="col">{t('calendarPage.fields.name')}</Table.Th>
                  <Table.Th scope="col" w="9%">
                    {t('calendarPage.fields.source')}
                  </Table.Th>
                  {canManage ? (
                    <Table.Th scope="col" w="15%">
                      {t('common.actions')}
                    </Table.Th>
                  ) : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {days.map((day) => {
                  const date = formatDate(day.day);
                  return (
                    <Table.Tr key={day.day}>
                      <Table.Th scope="row" className="num" fw={500}>
                        {date}
                      </Table.Th>
                      <Table.Td className="nowrap">{t(`calendarPage.weekdays.${weekdayOf(day.day)}`)}</Table.Td>
                      <Table.Td>
                        <Badge color={day.isWorking ? 'green' : 'red'} variant="light">
                          {day.isWorking ? t('calendarPage.working') : t('calendarPage.rest')}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Badge color={KIND_COLORS[day.kind]} variant="outline">
                          {t(`calendarPage.kinds.${day.kind}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{day.name}</Table.Td>
                      <Table.Td>{day.source === 'admin' ? t('calendarPage.edited') : t('calendarPage.seeded')}</Table.Td>
                      {canManage ? (
                        <Table.Td>
                          <Group gap="xs" wrap="nowrap">
                            <Button
                              variant="outline"
                              size="xs"
                              aria-label={t('calendarPage.editNamed', { date })}
                              onClick={() => startEdit(day)}
                            >
                              {t('calendarPage.edit')}
                            </Button>
                            {day.source === 'admin' ? (
                              <Button
                                variant="outline"
                                color="red"
                                size="xs"
                                aria-label={t('calendarPage.resetNamed', { date })}
                                onClick={() => {
                                  setResetError(null);
                                  setToReset(day);
                                }}
                              >
                                {t('calendarPage.reset')}
                              </Button>
                            ) : null}
                          </Group>
                        </Table.Td>
                      ) : null}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </DataTable>
          );
        })}
      </Stack>
    );
  };

  return (
    <>
      <PageHeader title={t('calendarPage.title')} description={t('calendarPage.description')} />
      <Stack gap="md">
        <Paper withBorder p="sm" component="section" aria-label={t('calendarPage.year')}>
          <Group gap="sm" align="flex-end" wrap="wrap">
            <Button variant="default" onClick={() => setYear(year - 1)} disabled={year <= CALENDAR_MIN_YEAR}>
              {t('calendarPage.previousYear')}
            </Button>
            <Select
              label={t('calendarPage.year')}
              data={YEAR_OPTIONS}
              value={String(year)}
              onChange={(value) => value && setYear(Number(value))}
              allowDeselect={false}
              searchable
              w={140}
            />
            <Button variant="default" onClick={() => setYear(year + 1)} disabled={year >= CALENDAR_MAX_YEAR}>
              {t('calendarPage.nextYear')}
            </Button>
          </Group>
        </Paper>

        {canManage ? (
          <Paper withBorder p="md" component="section" aria-labelledby="calendar-form-heading" ref={formSectionRef}>
            <Title order={2} size="h3" id="calendar-form-heading" mb={4}>
              {t('calendarPage.form.title')}
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {t('calendarPage.form.intro')}
            </Text>
            <form onSubmit={submit} noValidate>
              <Stack gap="sm">
                <Text size="sm" c="dimmed">
                  {t('common.requiredNote')}
                </Text>
                <FormErrorAlert message={formError} />
                <Group align="flex-start" gap="md" wrap="wrap">
                  <TextInput
                    ref={dayRef}
                    label={t('calendarPage.fields.day')}
                    description={t('calendarPage.form.dayHint')}
                    placeholder={t('common.datePlaceholder')}
                    inputMode="numeric"
                    autoComplete="off"
                    {...requiredField}
                    style={{ flex: '0 1 14rem' }}
                    {...form.getInputProps('day')}
                  />
                  <Radio.Group
                    label={t('calendarPage.form.status')}
                    value={form.values.status}
                    onChange={(value) => form.setFieldValue('status', value === 'working' ? 'working' : 'rest')}
                    error={form.errors.isWorking}
                  >
                    <Group gap="md" mt={8}>
                      <Radio value="rest" label={t('calendarPage.form.rest')} />
                      <Radio value="working" label={t('calendarPage.form.working')} />
                    </Group>
                  </Radio.Group>
                  <TextInput
                    label={t('calendarPage.fields.name')}
                    description={t('calendarPage.form.nameHint')}
                    autoComplete="off"
                    maxLength={200}
                    {...requiredField}
                    style={{ flex: '1 1 18rem' }}
                    {...form.getInputProps('name')}
                  />
                </Group>
                <Group justify="flex-end" gap="sm">
                  <Button type="submit" loading={saveMutation.isPending}>
                    {t('calendarPage.form.submit')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Paper>
        ) : null}

        <div>{renderMonths()}</div>
      </Stack>

      <ConfirmDialog
        opened={toReset !== null}
        title={t('calendarPage.confirmReset.title')}
        message={toReset ? t('calendarPage.confirmReset.text', { date: formatDate(toReset.day), name: toReset.name }) : ''}
        confirmLabel={t('calendarPage.reset')}
        onConfirm={() => toReset && resetMutation.mutate(toReset)}
        onClose={() => setToReset(null)}
        isLoading={resetMutation.isPending}
        error={resetError}
      />
    </>
  );
}
