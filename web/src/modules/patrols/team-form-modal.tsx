import { type CreateTeamInput, createTeamSchema, PATROL_TEAM_KINDS, type PatrolTeamKind } from '@binh-an/domain';
import { Button, Group, Modal, MultiSelect, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseDateInput } from '../../lib/format.ts';
import { splitSubmitError, validateWithSchema } from '../../lib/forms.ts';
import { compareVietnamese } from '../../lib/text.ts';
import { FormErrorAlert } from '../../ui/error-alert.tsx';
import { foldedOptionsFilter } from '../../ui/filter-select.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { requiredField } from '../../ui/required-field.ts';
import { useAllUnits } from '../units/api.ts';
import { createTeam, patrolsQueryKey } from './api.ts';

const FIELDS = ['kind', 'name', 'unitId', 'areaUnitIds', 'establishedOn', 'decisionRef', 'note'] as const;
const TEAM_UNIT_TYPES = ['ward', 'commune', 'special_zone', 'block', 'school'];

/** Setting up a team: its kind, name, unit, area (blocks) and the decision that set it up. */
export function TeamFormModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const isSmall = useMediaQuery('(max-width: 36em)');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const units = useAllUnits();
  const [values, setValues] = useState({
    kind: '',
    name: '',
    unitId: '',
    areaUnitIds: [] as string[],
    establishedOn: '',
    decisionRef: '',
    note: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = (patch: Partial<typeof values>) => setValues((v) => ({ ...v, ...patch }));

  const unitOptions = useMemo(
    () =>
      (units.data ?? [])
        .filter((u) => u.isActive && TEAM_UNIT_TYPES.includes(u.type))
        .sort((a, b) => compareVietnamese(a.name, b.name))
        .map((u) => ({ value: u.id, label: `${u.name} — ${t(`unitTypes.${u.type}`)}` })),
    [units.data, t],
  );
  const blockOptions = useMemo(
    () =>
      (units.data ?? [])
        .filter((u) => u.isActive && u.type === 'block')
        .sort((a, b) => compareVietnamese(a.name, b.name))
        .map((u) => ({ value: u.id, label: u.name })),
    [units.data],
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

  const submit = () => {
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
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('patrolsPage.teamForm.title')}
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
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('common.requiredNote')}
          </Text>
          <FormErrorAlert message={formError} />
          <Select
            label={t('patrolsPage.teams.kind')}
            {...requiredField}
            data={PATROL_TEAM_KINDS.map((value) => ({ value, label: t(`patrols.teamKinds.${value}`) }))}
            value={values.kind || null}
            onChange={(kind) => set({ kind: kind ?? '' })}
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
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('patrolsPage.teamForm.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
