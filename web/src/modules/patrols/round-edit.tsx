import { INCIDENT_HANDLINGS, INCIDENT_TYPES, PARTICIPANT_KINDS } from '@binh-an/domain';
import { ActionIcon, Button, Group, MultiSelect, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { splitSubmitError } from '../../lib/forms.ts';
import { translateMessageKey } from '../../lib/i18n.ts';
import { IconPlus } from '../../ui/icons.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { requiredField } from '../../ui/required-field.ts';
import {
  type PatrolRound,
  patrolsQueryKey,
  rosterQueryOptions,
  roundQueryOptions,
  routesQueryOptions,
  updateIncident,
  updateRound,
} from './api.ts';
import { EditModal } from './edit-modal.tsx';
import {
  type GuestRow,
  type IncidentEditValues,
  incidentEditBody,
  incidentEditValues,
  type RoundEditValues,
  roundEditBody,
  roundEditValues,
} from './edit-model.ts';
import { IconRemove } from './patrols-icons.tsx';

/** The route select's value for "no route" (an option's value cannot be empty). */
const NO_ROUTE = 'none';
let guestSeed = 0;
const ROUND_FIELDS = ['participants', 'routeId', 'plannedStart', 'plannedEnd', 'startedAt', 'endedAt', 'note'] as const;
const INCIDENT_FIELDS = ['type', 'description', 'handling', 'handlingNote'] as const;

/** After a correction: the round shown is the server's answer, and the log is read again. */
function useRoundSaved(roundId: string) {
  const queryClient = useQueryClient();
  return async (updated: PatrolRound) => {
    queryClient.setQueryData(roundQueryOptions(roundId).queryKey, updated);
    await queryClient.invalidateQueries({ queryKey: [...patrolsQueryKey, 'rounds'] });
  };
}

/** Correcting a round: its route, planned and actual times, and note; only what the user changed is sent. */
export function RoundEditDialog({ round, onClose }: { round: PatrolRound; onClose: () => void }) {
  const { t } = useTranslation();
  const initial = useMemo(() => roundEditValues(round), [round]);
  const [values, setValues] = useState<RoundEditValues>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = (patch: Partial<RoundEditValues>) => setValues((v) => ({ ...v, ...patch }));
  const routes = useQuery(routesQueryOptions(round.teamId));
  // The roster (names only), those who left included: a past round may name them.
  const members = useQuery(rosterQueryOptions(round.teamId, true));
  const saved = useRoundSaved(round.id);

  const memberOptions = useMemo(() => {
    const list = (members.data?.items ?? []).map((m) => ({ value: m.id, label: m.fullName }));
    for (const p of round.participants)
      if (p.memberId && !list.some((o) => o.value === p.memberId)) list.push({ value: p.memberId, label: p.name });
    return list;
  }, [members.data, round.participants]);
  const setGuest = (key: string, patch: Partial<GuestRow>) =>
    set({ guests: values.guests.map((g) => (g.key === key ? { ...g, ...patch } : g)) });

  const routeOptions = useMemo(() => {
    const list = (routes.data?.items ?? []).filter((r) => r.active || r.id === round.routeId).map((r) => ({ value: r.id, label: r.name }));
    if (round.routeId && round.routeName && !list.some((o) => o.value === round.routeId))
      list.unshift({ value: round.routeId, label: round.routeName });
    return [{ value: NO_ROUTE, label: t('patrolsPage.record.noRoute') }, ...list];
  }, [routes.data, round.routeId, round.routeName, t]);

  const mutation = useMutation({
    mutationFn: (body: Parameters<typeof updateRound>[1]) => updateRound(round.id, body),
    onSuccess: async (updated) => {
      await saved(updated);
      notifySuccess(t('patrolsPage.edit.roundSaved'));
      onClose();
    },
    onError: (error) => {
      const split = splitSubmitError(error, ROUND_FIELDS);
      setErrors(split.fieldErrors);
      setFormError(split.formError);
    },
  });

  const submit = () => {
    setFormError(null);
    const { body, errors: found } = roundEditBody(initial, values);
    setErrors(Object.fromEntries(Object.entries(found).map(([k, v]) => [k, t(v)])));
    if (Object.keys(found).length > 0) return;
    if (Object.keys(body).length === 0) {
      setFormError(translateMessageKey('patrols.nothingToUpdate'));
      return;
    }
    mutation.mutate(body);
  };

  const time = (field: 'plannedStart' | 'plannedEnd' | 'startedAt' | 'endedAt', label: string, required: boolean) => (
    <TextInput
      type="datetime-local"
      label={label}
      {...(required ? requiredField : {})}
      value={values[field]}
      onChange={(e) => set({ [field]: e.currentTarget.value })}
      error={errors[field]}
    />
  );

  return (
    <EditModal
      opened
      onClose={onClose}
      title={t('patrolsPage.edit.roundTitle')}
      formError={formError}
      isPending={mutation.isPending}
      onSubmit={submit}
    >
      <Text size="sm" c="dimmed">
        {t('patrolsPage.edit.roundIntro')}
      </Text>
      <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
        <Text component="legend" fw={700} size="sm">
          {t('patrolsPage.record.peopleTitle')}
        </Text>
        <Text size="sm" c="dimmed">
          {t('patrolsPage.record.peopleHint')}
        </Text>
        <MultiSelect
          label={t('patrolsPage.edit.members')}
          data={memberOptions}
          value={values.memberIds}
          onChange={(memberIds) => set({ memberIds })}
          searchable
          comboboxProps={{ withinPortal: true }}
        />
        {values.guests.map((guest, index) => (
          <Group key={guest.key} gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              id={`guest-${guest.key}`}
              style={{ flex: 1 }}
              label={t('patrolsPage.record.guestName')}
              {...requiredField}
              value={guest.name}
              onChange={(e) => setGuest(guest.key, { name: e.currentTarget.value })}
              error={errors[`guests.${index}`]}
            />
            <Select
              w={180}
              label={t('patrolsPage.record.guestKind')}
              data={PARTICIPANT_KINDS.map((value) => ({ value, label: t(`patrols.participantKinds.${value}`) }))}
              value={guest.kind}
              onChange={(kind) => setGuest(guest.key, { kind: kind === 'officer' ? 'officer' : 'civilian' })}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
            />
            <ActionIcon
              variant="default"
              size="lg"
              mb={errors[`guests.${index}`] ? 22 : 0}
              aria-label={t('patrolsPage.record.removeGuest', { name: guest.name.trim() || t('patrolsPage.edit.guest') })}
              onClick={() => set({ guests: values.guests.filter((g) => g.key !== guest.key) })}
            >
              <IconRemove />
            </ActionIcon>
          </Group>
        ))}
        {errors.participants ? (
          <Text size="sm" c="red" role="alert">
            {errors.participants}
          </Text>
        ) : null}
        <Group>
          <Button
            variant="outline"
            size="sm"
            leftSection={<IconPlus size={16} />}
            onClick={() => {
              guestSeed += 1;
              set({ guests: [...values.guests, { key: `guest-new-${guestSeed}`, name: '', kind: 'civilian' }] });
            }}
          >
            {t('patrolsPage.edit.addGuest')}
          </Button>
        </Group>
      </Stack>
      <Select
        label={t('patrolsPage.record.route')}
        data={routeOptions}
        value={values.routeId || NO_ROUTE}
        onChange={(routeId) => set({ routeId: routeId && routeId !== NO_ROUTE ? routeId : '' })}
        allowDeselect={false}
        error={errors.routeId}
        comboboxProps={{ withinPortal: true }}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {time('startedAt', t('patrolsPage.record.startedAt'), true)}
        {time('endedAt', t('patrolsPage.record.endedAt'), true)}
        {time('plannedStart', t('patrolsPage.edit.plannedStart'), false)}
        {time('plannedEnd', t('patrolsPage.edit.plannedEnd'), false)}
      </SimpleGrid>
      <Textarea
        label={t('patrolsPage.record.note')}
        autosize
        minRows={2}
        value={values.note}
        onChange={(e) => set({ note: e.currentTarget.value })}
        error={errors.note}
      />
    </EditModal>
  );
}

type Incident = PatrolRound['incidents'][number];

/** Correcting an incident of a round: its type, description and handling (one handed to the police keeps that). */
export function IncidentEditDialog({ round, incident, onClose }: { round: PatrolRound; incident: Incident; onClose: () => void }) {
  const { t } = useTranslation();
  const initial = useMemo(() => incidentEditValues(incident), [incident]);
  const [values, setValues] = useState<IncidentEditValues>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = (patch: Partial<IncidentEditValues>) => setValues((v) => ({ ...v, ...patch }));
  const saved = useRoundSaved(round.id);
  const isHanded = incident.case !== null;

  const mutation = useMutation({
    mutationFn: (body: Record<string, string | null>) => updateIncident(round.id, incident.id, body),
    onSuccess: async (updated) => {
      await saved(updated);
      const handed = !isHanded ? updated.incidents.find((i) => i.id === incident.id)?.case : null;
      notifySuccess(handed ? t('patrolsPage.round.handed', { number: handed.number }) : t('patrolsPage.edit.incidentSaved'));
      onClose();
    },
    onError: (error) => {
      const split = splitSubmitError(error, INCIDENT_FIELDS);
      setErrors(split.fieldErrors);
      setFormError(split.formError);
    },
  });

  const submit = () => {
    setFormError(null);
    setErrors({});
    const body = incidentEditBody(initial, values);
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
      title={t('patrolsPage.edit.incidentTitle')}
      formError={formError}
      isPending={mutation.isPending}
      onSubmit={submit}
    >
      <Select
        label={t('patrolsPage.record.incidentType')}
        {...requiredField}
        data={INCIDENT_TYPES.map((value) => ({ value, label: t(`patrols.incidentTypes.${value}`) }))}
        value={values.type}
        onChange={(type) => set({ type: type ?? values.type })}
        allowDeselect={false}
        error={errors.type}
        comboboxProps={{ withinPortal: true }}
      />
      <Textarea
        label={t('patrolsPage.record.description')}
        {...requiredField}
        autosize
        minRows={3}
        value={values.description}
        onChange={(e) => set({ description: e.currentTarget.value })}
        error={errors.description}
      />
      <Select
        label={t('patrolsPage.record.handling')}
        {...requiredField}
        description={isHanded ? t('patrolsPage.edit.handedLocked') : t('patrolsPage.record.handlingHint')}
        data={INCIDENT_HANDLINGS.map((value) => ({ value, label: t(`patrols.incidentHandlings.${value}`) }))}
        value={values.handling}
        onChange={(handling) => set({ handling: handling ?? values.handling })}
        allowDeselect={false}
        disabled={isHanded}
        error={errors.handling}
        comboboxProps={{ withinPortal: true }}
      />
      <Textarea
        label={t('patrolsPage.record.handlingNote')}
        autosize
        minRows={2}
        value={values.handlingNote}
        onChange={(e) => set({ handlingNote: e.currentTarget.value })}
        error={errors.handlingNote}
      />
    </EditModal>
  );
}
