import { addDays, createScheduleSchema } from '@binh-an/domain';
import {
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatNumber, parseDateInput, todayInVietnam } from '../../lib/format.ts';
import { splitSubmitError, validateWithSchema } from '../../lib/forms.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert, FormErrorAlert } from '../../ui/error-alert.tsx';
import { IconPlus } from '../../ui/icons.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { requiredField } from '../../ui/required-field.ts';
import {
  type CreateScheduleInput,
  createSchedule,
  membersQueryOptions,
  type PatrolSchedule,
  type PatrolTeam,
  patrolsQueryKey,
  routesQueryOptions,
  schedulesQueryOptions,
  shiftsQueryOptions,
} from './api.ts';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** How a schedule repeats, in words: "Hằng tuần: Thứ Hai, Thứ Năm" or "Hằng tháng: ngày 1, 15". */
function recurrenceText(schedule: PatrolSchedule, t: (key: string, options?: Record<string, unknown>) => string): string {
  const r = schedule.recurrence;
  if (r.freq === 'weekly') {
    return t('patrolsPage.schedules.weekly', { days: r.weekdays.map((d) => t(`patrols.weekdays.${d}`)).join(', ') });
  }
  return t('patrolsPage.schedules.monthly', { days: r.monthDays.join(', ') });
}

/** The team's shift schedules (weekly or monthly) and the shifts of the next two weeks. */
export function TeamSchedules({ team, canManage }: { team: PatrolTeam; canManage: boolean }) {
  const { t } = useTranslation();
  const today = todayInVietnam();
  const schedules = useQuery(schedulesQueryOptions(team.id));
  const shifts = useQuery(shiftsQueryOptions({ from: today, to: addDays(today, 14), teamId: team.id }));
  const [isCreating, setCreating] = useState(false);
  const items = schedules.data?.items ?? [];
  const upcoming = shifts.data?.items ?? [];

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="team-schedules">
      <Group justify="space-between" align="flex-start" mb="sm" wrap="wrap">
        <Title order={2} size="h3" id="team-schedules">
          {t('patrolsPage.schedules.title')}
        </Title>
        {canManage && team.isActive ? (
          <Button variant="outline" leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('patrolsPage.schedules.add')}
          </Button>
        ) : null}
      </Group>
      {schedules.isPending ? <LoadingState /> : null}
      {schedules.isError ? <ErrorAlert error={schedules.error} onRetry={() => void schedules.refetch()} /> : null}
      {schedules.isSuccess && items.length === 0 ? (
        <EmptyState title={t('patrolsPage.schedules.emptyTitle')} description={t('patrolsPage.schedules.emptyText')} headingOrder={3} />
      ) : null}
      {items.length > 0 ? (
        <DataTable caption={t('patrolsPage.schedules.caption')} minWidth={760} label={t('patrolsPage.schedules.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('patrolsPage.schedules.name')}</Table.Th>
              <Table.Th scope="col">{t('patrolsPage.schedules.recurrence')}</Table.Th>
              <Table.Th scope="col">{t('patrolsPage.schedules.time')}</Table.Th>
              <Table.Th scope="col">{t('patrolsPage.schedules.valid')}</Table.Th>
              <Table.Th scope="col">{t('patrolsPage.schedules.members')}</Table.Th>
              <Table.Th scope="col" className="num">
                {t('patrolsPage.schedules.upcoming')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Th scope="row" fw={700}>
                  {s.name}
                  {s.routeName ? (
                    <Text size="xs" c="dimmed" fw={400}>
                      {s.routeName}
                    </Text>
                  ) : null}
                </Table.Th>
                <Table.Td>{recurrenceText(s, t)}</Table.Td>
                <Table.Td className="nowrap">
                  {t('patrolsPage.schedules.timeValue', { start: s.startTime, minutes: formatNumber(s.durationMinutes) })}
                </Table.Td>
                <Table.Td className="nowrap">
                  {formatDate(s.validFrom)} – {formatDate(s.validTo)}
                </Table.Td>
                <Table.Td>{s.members.map((m) => m.fullName).join(', ') || t('common.notSet')}</Table.Td>
                <Table.Td className="num">{formatNumber(s.upcomingShifts)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      ) : null}

      <Title order={3} size="h4" mt="md" mb="xs">
        {t('patrolsPage.schedules.nextShifts')}
      </Title>
      {shifts.isPending ? <LoadingState /> : null}
      {shifts.isError ? <ErrorAlert error={shifts.error} onRetry={() => void shifts.refetch()} /> : null}
      {shifts.isSuccess && upcoming.length === 0 ? <Text size="sm">{t('patrolsPage.schedules.noShifts')}</Text> : null}
      {upcoming.length > 0 ? (
        <DataTable caption={t('patrolsPage.schedules.shiftsCaption')} minWidth={640} label={t('patrolsPage.schedules.nextShifts')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('patrolsPage.schedules.when')}</Table.Th>
              <Table.Th scope="col">{t('patrolsPage.record.route')}</Table.Th>
              <Table.Th scope="col">{t('patrolsPage.schedules.members')}</Table.Th>
              <Table.Th scope="col">{t('patrolsPage.schedules.state')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {upcoming.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Th scope="row" fw={400} className="nowrap">
                  {formatDateTime(s.startsAt)}–{formatDateTime(s.endsAt).slice(11)}
                </Table.Th>
                <Table.Td>{s.routeName ?? t('patrolsPage.record.noRoute')}</Table.Td>
                <Table.Td>{s.members.map((m) => m.fullName).join(', ') || t('common.notSet')}</Table.Td>
                <Table.Td>
                  {s.cancelled
                    ? t('patrolsPage.schedules.cancelled')
                    : s.roundIds.length > 0
                      ? t('patrolsPage.schedules.recorded', { count: formatNumber(s.roundIds.length) })
                      : t('patrolsPage.schedules.planned')}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      ) : null}
      {canManage ? <ScheduleFormModal team={team} opened={isCreating} onClose={() => setCreating(false)} /> : null}
    </Paper>
  );
}

function ScheduleFormModal({ team, opened, onClose }: { team: PatrolTeam; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const isSmall = useMediaQuery('(max-width: 36em)');
  const queryClient = useQueryClient();
  const members = useQuery({ ...membersQueryOptions(team.id, false), enabled: opened });
  const routes = useQuery({ ...routesQueryOptions(team.id), enabled: opened });
  const today = todayInVietnam();
  const [values, setValues] = useState({
    name: '',
    routeId: '',
    freq: 'weekly' as 'weekly' | 'monthly',
    weekdays: [] as string[],
    monthDays: '',
    startTime: '21:00',
    durationMinutes: '180',
    validFrom: formatDate(today),
    validTo: formatDate(addDays(today, 90)),
    memberIds: [] as string[],
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = (patch: Partial<typeof values>) => setValues((v) => ({ ...v, ...patch }));
  const mutation = useMutation({
    mutationFn: createSchedule,
    onSuccess: async (schedule) => {
      await queryClient.invalidateQueries({ queryKey: patrolsQueryKey });
      notifySuccess(t('patrolsPage.schedules.created', { name: schedule.name, count: formatNumber(schedule.upcomingShifts) }));
      onClose();
    },
    onError: (error) => {
      const split = splitSubmitError(error, [
        'name',
        'routeId',
        'recurrence',
        'startTime',
        'durationMinutes',
        'validFrom',
        'validTo',
        'memberIds',
      ]);
      setErrors(split.fieldErrors);
      setFormError(split.formError);
    },
  });
  const submit = () => {
    setFormError(null);
    const validFrom = parseDateInput(values.validFrom);
    const validTo = parseDateInput(values.validTo);
    const body: CreateScheduleInput = {
      teamId: team.id,
      routeId: values.routeId || null,
      name: values.name,
      recurrence:
        values.freq === 'weekly'
          ? { freq: 'weekly', weekdays: values.weekdays.map(Number).sort() }
          : {
              freq: 'monthly',
              monthDays: values.monthDays
                .split(/[,\s]+/)
                .filter(Boolean)
                .map(Number),
            },
      startTime: values.startTime.trim(),
      durationMinutes: Number(values.durationMinutes),
      validFrom: validFrom ?? '',
      validTo: validTo ?? '',
      ...(values.memberIds.length > 0 ? { memberIds: values.memberIds } : {}),
    };
    const found = validateWithSchema(createScheduleSchema, body);
    if (!validFrom) found.validFrom = t('patrolsPage.dateInvalid');
    if (!validTo) found.validTo = t('patrolsPage.dateInvalid');
    if (values.freq === 'weekly' && values.weekdays.length === 0) found.recurrence = t('patrolsPage.schedules.daysRequired');
    if (values.freq === 'monthly' && !values.monthDays.trim()) found.recurrence = t('patrolsPage.schedules.daysRequired');
    // The schema names recurrence errors by their inner path.
    for (const key of Object.keys(found)) if (key.startsWith('recurrence.')) found.recurrence ??= found[key] as string;
    setErrors(found);
    if (Object.keys(found).filter((k) => !k.startsWith('recurrence.')).length === 0) mutation.mutate(body);
  };
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('patrolsPage.schedules.addTitle', { team: team.name })}
      size="lg"
      fullScreen={isSmall}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <FormErrorAlert message={formError} />
          <TextInput
            label={t('patrolsPage.schedules.name')}
            {...requiredField}
            value={values.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            error={errors.name}
          />
          <Select
            label={t('patrolsPage.record.route')}
            data={[
              { value: '', label: t('patrolsPage.record.noRoute') },
              ...(routes.data?.items ?? []).map((r) => ({ value: r.id, label: r.name })),
            ]}
            value={values.routeId}
            onChange={(routeId) => set({ routeId: routeId ?? '' })}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <Radio.Group
            label={t('patrolsPage.schedules.recurrence')}
            value={values.freq}
            onChange={(freq) => set({ freq: freq as 'weekly' | 'monthly' })}
          >
            <Group gap="md" mt={4}>
              <Radio value="weekly" label={t('patrols.frequencies.weekly')} />
              <Radio value="monthly" label={t('patrols.frequencies.monthly')} />
            </Group>
          </Radio.Group>
          {values.freq === 'weekly' ? (
            <Checkbox.Group
              label={t('patrolsPage.schedules.weekdays')}
              value={values.weekdays}
              onChange={(weekdays) => set({ weekdays })}
              error={errors.recurrence}
            >
              <Group gap="sm" mt={4}>
                {WEEKDAYS.map((d) => (
                  <Checkbox key={d} value={String(d)} label={t(`patrols.weekdays.${d}`)} />
                ))}
              </Group>
            </Checkbox.Group>
          ) : (
            <TextInput
              label={t('patrolsPage.schedules.monthDays')}
              description={t('patrolsPage.schedules.monthDaysHint')}
              value={values.monthDays}
              onChange={(e) => set({ monthDays: e.currentTarget.value })}
              error={errors.recurrence}
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('patrolsPage.schedules.startTime')}
              description={t('patrolsPage.schedules.startTimeHint')}
              {...requiredField}
              value={values.startTime}
              onChange={(e) => set({ startTime: e.currentTarget.value })}
              error={errors.startTime}
            />
            <TextInput
              label={t('patrolsPage.schedules.duration')}
              {...requiredField}
              inputMode="numeric"
              value={values.durationMinutes}
              onChange={(e) => set({ durationMinutes: e.currentTarget.value })}
              error={errors.durationMinutes}
            />
            <TextInput
              label={t('patrolsPage.schedules.validFrom')}
              {...requiredField}
              inputMode="numeric"
              value={values.validFrom}
              onChange={(e) => set({ validFrom: e.currentTarget.value })}
              error={errors.validFrom}
            />
            <TextInput
              label={t('patrolsPage.schedules.validTo')}
              {...requiredField}
              inputMode="numeric"
              value={values.validTo}
              onChange={(e) => set({ validTo: e.currentTarget.value })}
              error={errors.validTo}
            />
          </SimpleGrid>
          <MultiSelect
            label={t('patrolsPage.schedules.members')}
            data={(members.data?.items ?? []).map((m) => ({ value: m.id, label: m.fullName }))}
            value={values.memberIds}
            onChange={(memberIds) => set({ memberIds })}
            searchable
            error={errors.memberIds}
            comboboxProps={{ withinPortal: true }}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('patrolsPage.schedules.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
