import { addDays, createScheduleSchema, updateScheduleSchema } from '@binh-an/domain';
import {
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatNumber, parseDateInput, todayInVietnam } from '../../lib/format.ts';
import { splitSubmitError, validateWithSchema } from '../../lib/forms.ts';
import { translateMessageKey } from '../../lib/i18n.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { IconPlus } from '../../ui/icons.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { requiredField } from '../../ui/required-field.ts';
import {
  type CreateScheduleInput,
  createSchedule,
  type PatrolSchedule,
  type PatrolShift,
  type PatrolTeam,
  patrolsQueryKey,
  rosterQueryOptions,
  routesQueryOptions,
  schedulesQueryOptions,
  shiftsQueryOptions,
  updateSchedule,
  updateShift,
} from './api.ts';
import { EditModal } from './edit-modal.tsx';
import { changedFields } from './edit-model.ts';

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
  const [editingSchedule, setEditingSchedule] = useState<PatrolSchedule | null>(null);
  const [editingShift, setEditingShift] = useState<PatrolShift | null>(null);
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
              {canManage ? <Table.Th scope="col">{t('patrolsPage.edit.actions')}</Table.Th> : null}
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
                {canManage ? (
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => setEditingSchedule(s)}
                      aria-label={t('patrolsPage.edit.scheduleAction', { name: s.name })}
                    >
                      {t('patrolsPage.edit.action')}
                    </Button>
                  </Table.Td>
                ) : null}
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
              {canManage ? <Table.Th scope="col">{t('patrolsPage.edit.actions')}</Table.Th> : null}
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
                  {s.note ? (
                    <Text size="xs" c="dimmed">
                      {s.note}
                    </Text>
                  ) : null}
                </Table.Td>
                {canManage ? (
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => setEditingShift(s)}
                      aria-label={t('patrolsPage.edit.shiftAction', { when: formatDateTime(s.startsAt) })}
                    >
                      {t('patrolsPage.edit.action')}
                    </Button>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      ) : null}
      {canManage ? <ScheduleFormModal team={team} opened={isCreating} onClose={() => setCreating(false)} /> : null}
      {editingSchedule ? (
        <ScheduleFormModal team={team} opened schedule={editingSchedule} onClose={() => setEditingSchedule(null)} />
      ) : null}
      {editingShift ? <ShiftEditDialog team={team} shift={editingShift} onClose={() => setEditingShift(null)} /> : null}
    </Paper>
  );
}

type ScheduleValues = {
  name: string;
  routeId: string;
  freq: 'weekly' | 'monthly';
  weekdays: string[];
  monthDays: string;
  startTime: string;
  durationMinutes: string;
  validFrom: string;
  validTo: string;
  memberIds: string[];
};

function scheduleValues(schedule: PatrolSchedule): ScheduleValues {
  const r = schedule.recurrence;
  return {
    name: schedule.name,
    routeId: schedule.routeId ?? '',
    freq: r.freq,
    weekdays: r.freq === 'weekly' ? r.weekdays.map(String) : [],
    monthDays: r.freq === 'monthly' ? r.monthDays.join(', ') : '',
    startTime: schedule.startTime.slice(0, 5),
    durationMinutes: String(schedule.durationMinutes),
    validFrom: formatDate(schedule.validFrom),
    validTo: formatDate(schedule.validTo),
    memberIds: schedule.members.map((m) => m.id),
  };
}

const SCHEDULE_FIELDS = ['name', 'routeId', 'recurrence', 'startTime', 'durationMinutes', 'validFrom', 'validTo', 'memberIds'];

/** Making a schedule; given a `schedule`, the same form corrects it (prefilled, its first day fixed, only changes sent). */
function ScheduleFormModal({
  team,
  opened,
  onClose,
  schedule,
}: {
  team: PatrolTeam;
  opened: boolean;
  onClose: () => void;
  schedule?: PatrolSchedule;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const members = useQuery({ ...rosterQueryOptions(team.id, false), enabled: opened });
  const routes = useQuery({ ...routesQueryOptions(team.id), enabled: opened });
  const today = todayInVietnam();
  const initial = useMemo<ScheduleValues>(
    () =>
      schedule
        ? scheduleValues(schedule)
        : {
            name: '',
            routeId: '',
            freq: 'weekly',
            weekdays: [],
            monthDays: '',
            startTime: '21:00',
            durationMinutes: '180',
            validFrom: formatDate(today),
            validTo: formatDate(addDays(today, 90)),
            memberIds: [],
          },
    [schedule, today],
  );
  const [values, setValues] = useState<ScheduleValues>(initial);
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
      const split = splitSubmitError(error, SCHEDULE_FIELDS);
      setErrors(split.fieldErrors);
      setFormError(split.formError);
    },
  });
  const editMutation = useMutation({
    mutationFn: (body: Parameters<typeof updateSchedule>[1]) => updateSchedule(schedule?.id ?? '', body),
    onSuccess: async (updated) => {
      await queryClient.invalidateQueries({ queryKey: patrolsQueryKey });
      notifySuccess(t('patrolsPage.edit.scheduleSaved', { name: updated.name }));
      onClose();
    },
    onError: (error) => {
      const split = splitSubmitError(error, SCHEDULE_FIELDS);
      setErrors(split.fieldErrors);
      setFormError(split.formError);
    },
  });
  /** The values as the API takes them (the days read, the members in a fixed order to compare). */
  const editable = (v: ScheduleValues) => ({
    name: v.name,
    routeId: v.routeId || null,
    recurrence:
      v.freq === 'weekly'
        ? { freq: 'weekly' as const, weekdays: v.weekdays.map(Number).sort() }
        : {
            freq: 'monthly' as const,
            monthDays: v.monthDays
              .split(/[,\s]+/)
              .filter(Boolean)
              .map(Number),
          },
    startTime: v.startTime.trim(),
    durationMinutes: Number(v.durationMinutes),
    validTo: parseDateInput(v.validTo) ?? v.validTo,
    memberIds: [...v.memberIds].sort(),
  });
  const submitEdit = () => {
    setFormError(null);
    const body = changedFields(editable(initial), editable(values));
    if ('memberIds' in body) body.memberIds = values.memberIds;
    const found = Object.keys(body).length > 0 ? validateWithSchema(updateScheduleSchema, body) : {};
    if (!parseDateInput(values.validTo)) found.validTo = t('patrolsPage.dateInvalid');
    if (values.freq === 'weekly' && values.weekdays.length === 0) found.recurrence = t('patrolsPage.schedules.daysRequired');
    if (values.freq === 'monthly' && !values.monthDays.trim()) found.recurrence = t('patrolsPage.schedules.daysRequired');
    for (const key of Object.keys(found)) if (key.startsWith('recurrence.')) found.recurrence ??= found[key] as string;
    const shown = Object.fromEntries(Object.entries(found).filter(([k]) => !k.startsWith('recurrence.')));
    setErrors(shown);
    if (Object.keys(shown).length > 0) return;
    if (Object.keys(body).length === 0) {
      setFormError(translateMessageKey('patrols.nothingToUpdate'));
      return;
    }
    editMutation.mutate(body);
  };
  const submit = () => {
    if (schedule) {
      submitEdit();
      return;
    }
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
    <EditModal
      opened={opened}
      onClose={onClose}
      title={
        schedule ? t('patrolsPage.edit.scheduleTitle', { name: schedule.name }) : t('patrolsPage.schedules.addTitle', { team: team.name })
      }
      formError={formError}
      isPending={mutation.isPending || editMutation.isPending}
      onSubmit={submit}
      submitLabel={schedule ? undefined : t('patrolsPage.schedules.submit')}
      intro={schedule ? <Text size="sm">{t('patrolsPage.edit.scheduleHint')}</Text> : null}
    >
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
        error={errors.routeId}
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
          disabled={schedule !== undefined}
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
    </EditModal>
  );
}

type ShiftValues = { memberIds: string[]; routeId: string; cancelled: boolean; note: string };

/** Correcting one shift: who is on it, its route, whether it is cancelled, and a note; only changes are sent. */
function ShiftEditDialog({ team, shift, onClose }: { team: PatrolTeam; shift: PatrolShift; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const members = useQuery(rosterQueryOptions(team.id, false));
  const routes = useQuery(routesQueryOptions(team.id));
  const when = formatDateTime(shift.startsAt);
  const initial = useMemo<ShiftValues>(
    () => ({ memberIds: shift.members.map((m) => m.id), routeId: shift.routeId ?? '', cancelled: shift.cancelled, note: shift.note ?? '' }),
    [shift],
  );
  const [values, setValues] = useState<ShiftValues>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = (patch: Partial<ShiftValues>) => setValues((v) => ({ ...v, ...patch }));
  const memberOptions = useMemo(() => {
    const list = (members.data?.items ?? []).map((m) => ({ value: m.id, label: m.fullName }));
    for (const m of shift.members) if (!list.some((o) => o.value === m.id)) list.push({ value: m.id, label: m.fullName });
    return list;
  }, [members.data, shift.members]);
  const routeOptions = useMemo(() => {
    const list = (routes.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }));
    if (shift.routeId && shift.routeName && !list.some((o) => o.value === shift.routeId))
      list.push({ value: shift.routeId, label: shift.routeName });
    return [{ value: '', label: t('patrolsPage.record.noRoute') }, ...list];
  }, [routes.data, shift.routeId, shift.routeName, t]);

  const mutation = useMutation({
    mutationFn: (body: Parameters<typeof updateShift>[1]) => updateShift(shift.id, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: patrolsQueryKey });
      notifySuccess(t('patrolsPage.edit.shiftSaved', { when }));
      onClose();
    },
    onError: (error) => {
      const split = splitSubmitError(error, ['memberIds', 'routeId', 'cancelled', 'note']);
      setErrors(split.fieldErrors);
      setFormError(split.formError);
    },
  });

  const submit = () => {
    setFormError(null);
    setErrors({});
    const sorted = (v: ShiftValues) => ({ ...v, memberIds: [...v.memberIds].sort() });
    const changed = changedFields(sorted(initial), sorted(values));
    const body: Parameters<typeof updateShift>[1] = {
      ...('memberIds' in changed ? { memberIds: values.memberIds } : {}),
      ...('routeId' in changed ? { routeId: values.routeId || null } : {}),
      ...('cancelled' in changed ? { cancelled: values.cancelled } : {}),
      ...('note' in changed ? { note: values.note.trim() ? values.note : null } : {}),
    };
    if (Object.keys(body).length === 0) {
      setFormError(translateMessageKey('patrols.nothingToUpdate'));
      return;
    }
    mutation.mutate(body);
  };

  return (
    <EditModal
      opened
      onClose={onClose}
      title={t('patrolsPage.edit.shiftTitle', { when })}
      formError={formError}
      isPending={mutation.isPending}
      onSubmit={submit}
    >
      <MultiSelect
        label={t('patrolsPage.schedules.members')}
        data={memberOptions}
        value={values.memberIds}
        onChange={(memberIds) => set({ memberIds })}
        searchable
        error={errors.memberIds}
        comboboxProps={{ withinPortal: true }}
      />
      <Select
        label={t('patrolsPage.record.route')}
        data={routeOptions}
        value={values.routeId}
        onChange={(routeId) => set({ routeId: routeId ?? '' })}
        allowDeselect={false}
        error={errors.routeId}
        comboboxProps={{ withinPortal: true }}
      />
      <Checkbox
        label={t('patrolsPage.edit.shiftCancelled')}
        checked={values.cancelled}
        onChange={(e) => set({ cancelled: e.currentTarget.checked })}
        error={errors.cancelled}
      />
      <Textarea
        label={t('patrolsPage.edit.shiftNote')}
        autosize
        minRows={2}
        value={values.note}
        onChange={(e) => set({ note: e.currentTarget.value })}
        error={errors.note}
      />
    </EditModal>
  );
}
