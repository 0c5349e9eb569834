import { type CreateTeamInput, createTeamSchema, PATROL_TEAM_KINDS, type PatrolTeamKind } from '@binh-an/domain';
import { MultiSelect, Select, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, parseDateInput } from '../../lib/format.ts';
import { splitSubmitError, validateWithSchema } from '../../lib/forms.ts';
import { translateMessageKey } from '../../lib/i18n.ts';
import { compareVietnamese } from '../../lib/text.ts';
import { foldedOptionsFilter } from '../../ui/filter-select.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { requiredField } from '../../ui/required-field.ts';
import { useAllUnits } from '../units/api.ts';
import { createTeam, type PatrolTeam, patrolsQueryKey, teamQueryOptions, updateTeam } from './api.ts';
import { EditModal } from './edit-modal.tsx';
import { teamEditBody } from './edit-model.ts';

const FIELDS = ['kind', 'name', 'unitId', 'areaUnitIds', 'establishedOn', 'decisionRef', 'note'] as const;
const TEAM_UNIT_TYPES = ['ward', 'commune', 'special_zone', 'block', 'school'];

type TeamValues = {
  kind: string;
  name: string;
  unitId: string;
  areaUnitIds: string[];
  establishedOn: string;
  decisionRef: string;
  note: string;
};

const emptyValues: TeamValues = { kind: '', name: '', unitId: '', areaUnitIds: [], establishedOn: '', decisionRef: '', note: '' };

/** A team's values as the form shows them (the day as dd/mm/yyyy). */
function teamValues(team: PatrolTeam): TeamValues {
  return {
    kind: team.kind,
    name: team.name,
    unitId: team.unitId,
    areaUnitIds: team.area.map((u) => u.id),
    establishedOn: formatDate(team.establishedOn),
    decisionRef: team.decisionRef ?? '',
    note: team.note ?? '',
  };
}

/**
 * Setting up a team: its kind, name, unit, area (blocks) and the decision that set it up. Given a `team`, the same form
 * corrects it: prefilled, the kind and unit fixed, and only the fields the user changed are sent.
 */
export function TeamFormModal({ opened, onClose, team }: { opened: boolean; onClose: () => void; team?: PatrolTeam }) {
  const isEdit = team !== undefined;
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const units = useAllUnits();
  const initial = useMemo(() => (team ? teamValues(team) : emptyValues), [team]);
  const [values, setValues] = useState<TeamValues>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = (patch: Partial<typeof values>) => setValues((v) => ({ ...v, ...patch }));

  const unitOptions = useMemo(
    () =>
      (units.data ?? [])
        .filter((u) => (u.isActive && TEAM_UNIT_TYPES.includes(u.type)) || u.id === team?.unitId)
        .sort((a, b) => compareVietnamese(a.name, b.name))
        .map((u) => ({ value: u.id, label: `${u.name} — ${t(`unitTypes.${u.type}`)}` })),
    [units.data, t, team?.unitId],
  );
  const blockOptions = useMemo(
    () =>
      (units.data ?? [])
        .filter((u) => (u.isActive || team?.area.some((a) => a.id === u.id)) && u.type === 'block')
        .sort((a, b) => compareVietnamese(a.name, b.name))
        .map((u) => ({ value: u.id, label: u.name })),
    [units.data, team?.area],
  );

  const mutation = useMutation({
    mutationFn: (body: CreateTeamInput) => createTeam(body),
    onSuccess: async (team) => {
      await queryClient.invalidateQueries({ queryKey: [...patrolsQueryKey, 'teams'] });
      notifySuccess(t('patrolsPage.teamForm.created', { name: team.name }));
      onClose();
      await navigate({ to: '/patrols/teams/$teamId', params: { teamId: team.id } });
    },
    onError: (error) => {
      const split = splitSubmitError(error, FIELDS);
      setErrors(split.fieldErrors);
      setFormError(split.formError);
    },
  });

  const editMutation = useMutation({
    mutationFn: (body: Record<string, unknown>) => updateTeam(team?.id ?? '', body),
    onSuccess: async (updated) => {
      queryClient.setQueryData(teamQueryOptions(updated.id).queryKey, updated);
      await queryClient.invalidateQueries({ queryKey: [...patrolsQueryKey, 'teams'] });
      notifySuccess(t('patrolsPage.edit.teamSaved', { name: updated.name }));
      onClose();
    },
    onError: (error) => {
      const split = splitSubmitError(error, FIELDS);
      setErrors(split.fieldErrors);
      setFormError(split.formError);
    },
  });

  const submitEdit = () => {
    setFormError(null);
    const establishedOn = parseDateInput(values.establishedOn);
    const day = (v: TeamValues) => ({ ...v, establishedOn: parseDateInput(v.establishedOn) ?? v.establishedOn });
    const { kind: _k, unitId: _u, ...editable } = day(values);
    const { kind: _ik, unitId: _iu, ...before } = day(initial);
    const body = teamEditBody(before, editable);
    const found: Record<string, string> = {};
    if (!establishedOn) found.establishedOn = t('patrolsPage.dateInvalid');
    if ('name' in body && !values.name.trim()) found.name = t('validation.required');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (Object.keys(body).length === 0) {
      setFormError(translateMessageKey('patrols.nothingToUpdate'));
      return;
    }
    editMutation.mutate(body);
  };

  const submit = () => {
    if (isEdit) {
      submitEdit();
      return;
    }
    setFormError(null);
    const establishedOn = parseDateInput(values.establishedOn);
    const body: CreateTeamInput = {
      kind: values.kind as PatrolTeamKind,
      name: values.name,
      unitId: values.unitId,
      ...(values.areaUnitIds.length > 0 ? { areaUnitIds: values.areaUnitIds } : {}),
      establishedOn: establishedOn ?? '',
      ...(values.decisionRef.trim() ? { decisionRef: values.decisionRef } : {}),
      ...(values.note.trim() ? { note: values.note } : {}),
    };
    const found = validateWithSchema(createTeamSchema, body);
    if (!values.kind) found.kind = t('validation.required');
    if (!values.unitId) found.unitId = t('validation.required');
    if (!establishedOn) found.establishedOn = t('patrolsPage.dateInvalid');
    setErrors(found);
    if (Object.keys(found).length === 0) mutation.mutate(body);
  };

  return (
    <EditModal
      opened={opened}
      onClose={onClose}
      title={team ? t('patrolsPage.edit.teamTitle', { name: team.name }) : t('patrolsPage.teamForm.title')}
      formError={formError}
      isPending={mutation.isPending || editMutation.isPending}
      onSubmit={submit}
      submitLabel={isEdit ? undefined : t('patrolsPage.teamForm.submit')}
      intro={
        <>
          <Text size="sm" c="dimmed">
            {t('common.requiredNote')}
          </Text>
          {isEdit ? <Text size="sm">{t('patrolsPage.edit.teamFixed')}</Text> : null}
        </>
      }
    >
      <Select
        label={t('patrolsPage.teams.kind')}
        {...requiredField}
        data={PATROL_TEAM_KINDS.map((value) => ({ value, label: t(`patrols.teamKinds.${value}`) }))}
        value={values.kind || null}
        onChange={(kind) => set({ kind: kind ?? '' })}
        disabled={isEdit}
        error={errors.kind}
        comboboxProps={{ withinPortal: true }}
      />
      <TextInput
        label={t('patrolsPage.teams.name')}
        {...requiredField}
        value={values.name}
        onChange={(e) => set({ name: e.currentTarget.value })}
        error={errors.name}
      />
      <Select
        label={t('patrolsPage.teamForm.unit')}
        description={t('patrolsPage.teamForm.unitHint')}
        {...requiredField}
        data={unitOptions}
        searchable
        filter={foldedOptionsFilter}
        nothingFoundMessage={t('common.noMatches')}
        value={values.unitId || null}
        onChange={(unitId) => set({ unitId: unitId ?? '' })}
        disabled={isEdit}
        error={errors.unitId}
        comboboxProps={{ withinPortal: true }}
      />
      <MultiSelect
        label={t('patrolsPage.teams.area')}
        description={t('patrolsPage.teamForm.areaHint')}
        data={blockOptions}
        searchable
        value={values.areaUnitIds}
        onChange={(areaUnitIds) => set({ areaUnitIds })}
        error={errors.areaUnitIds}
        comboboxProps={{ withinPortal: true }}
      />
      <TextInput
        label={t('patrolsPage.teams.establishedOn')}
        {...requiredField}
        placeholder={t('common.datePlaceholder')}
        inputMode="numeric"
        value={values.establishedOn}
        onChange={(e) => set({ establishedOn: e.currentTarget.value })}
        error={errors.establishedOn}
      />
      <TextInput
        label={t('patrolsPage.teamForm.decisionRef')}
        value={values.decisionRef}
        onChange={(e) => set({ decisionRef: e.currentTarget.value })}
        error={errors.decisionRef}
      />
      <Textarea
        label={t('patrolsPage.teamForm.note')}
        value={values.note}
        onChange={(e) => set({ note: e.currentTarget.value })}
        error={errors.note}
      />
    </EditModal>
  );
}
