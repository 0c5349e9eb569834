import { ActionIcon, Button, Checkbox, Group, Stack, Text, Textarea, TextInput, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/format.ts';
import { splitSubmitError } from '../../lib/forms.ts';
import { translateMessageKey } from '../../lib/i18n.ts';
import { IconPlus } from '../../ui/icons.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { requiredField } from '../../ui/required-field.ts';
import { type PatrolRoute, patrolsQueryKey, replaceCheckpoints, updateRoute } from './api.ts';
import { EditModal } from './edit-modal.tsx';
import {
  type CheckpointRow,
  changedFields,
  checkpointRows,
  checkpointsBody,
  checkpointsChanged,
  moveItem,
  removedCheckpoints,
} from './edit-model.ts';
import { IconArrowDown, IconArrowUp, IconRemove } from './patrols-icons.tsx';

type RouteValues = { name: string; description: string; active: boolean };
type Save = { route: { name?: string; description?: string | null; active?: boolean } | null; checkpoints: CheckpointRow[] | null };

let newRowSeed = 0;

/**
 * Correcting a route: its name, description and use, and its checkpoints — renamed, put in another order with the up
 * and down buttons (no dragging needed), added, or taken off after a confirmation (retired on save, never deleted).
 */
export function RouteEditDialog({ route, onClose }: { route: PatrolRoute; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const initialRows = useMemo(() => checkpointRows(route), [route]);
  const [baseline, setBaseline] = useState<RouteValues>(() => ({
    name: route.name,
    description: route.description ?? '',
    active: route.active,
  }));
  const [values, setValues] = useState<RouteValues>(baseline);
  const [rows, setRows] = useState<CheckpointRow[]>(initialRows);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const focusNext = useRef<string | null>(null);
  const set = (patch: Partial<RouteValues>) => setValues((v) => ({ ...v, ...patch }));
  const nameOf = (row: CheckpointRow) => row.name.trim() || t('patrolsPage.edit.unnamed');

  // After a move, a removal or a confirmation, the keyboard stays where the user was working.
  useEffect(() => {
    const id = focusNext.current;
    focusNext.current = null;
    if (!id) return;
    const element = document.getElementById(id) as HTMLButtonElement | null;
    if (element && !element.disabled) element.focus();
    else document.getElementById(id.replace(/-(up|down)$/, (_, d) => (d === 'up' ? '-down' : '-up')))?.focus();
  });

  const move = (index: number, by: -1 | 1) => {
    const row = rows[index];
    if (!row) return;
    const next = moveItem(rows, index, by);
    setRows(next);
    focusNext.current = `cp-${row.key}-${by < 0 ? 'up' : 'down'}`;
    setAnnouncement(t('patrolsPage.edit.moved', { name: nameOf(row), position: formatNumber(next.indexOf(row) + 1) }));
  };

  const remove = (row: CheckpointRow) => {
    setRows((list) => list.filter((r) => r.key !== row.key));
    setConfirming(null);
    focusNext.current = 'cp-add';
    setAnnouncement(t('patrolsPage.edit.removed', { name: nameOf(row) }));
  };

  const add = () => {
    newRowSeed += 1;
    const key = `new-${newRowSeed}`;
    setRows((list) => [...list, { key, name: '', unitId: null, street: null, lat: null, lng: null }]);
    focusNext.current = `cp-${key}-name`;
  };

  const mutation = useMutation({
    mutationFn: async (save: Save) => {
      let updated: PatrolRoute | null = null;
      if (save.route) {
        updated = await updateRoute(route.id, save.route);
        // Saved: a retry after the checkpoints are refused sends only the checkpoints.
        setBaseline({ ...values });
      }
      if (save.checkpoints) updated = await replaceCheckpoints(route.id, checkpointsBody(save.checkpoints));
      return updated ?? route;
    },
    onSuccess: async (updated) => {
      await queryClient.invalidateQueries({ queryKey: [...patrolsQueryKey, 'routes'] });
      notifySuccess(t('patrolsPage.edit.routeSaved', { name: updated.name }));
      onClose();
    },
    onError: async (error) => {
      const known = ['name', 'description', 'active', 'checkpoints', ...rows.map((_, i) => `checkpoints.${i}.name`)];
      const split = splitSubmitError(error, known);
      setErrors(split.fieldErrors);
      setFormError(split.formError);
      await queryClient.invalidateQueries({ queryKey: [...patrolsQueryKey, 'routes'] });
    },
  });

  const submit = () => {
    setFormError(null);
    const found: Record<string, string> = {};
    if (!values.name.trim()) found.name = t('validation.required');
    rows.forEach((row, i) => {
      if (!row.name.trim()) found[`checkpoints.${i}.name`] = t('validation.required');
    });
    if (rows.length === 0) found.checkpoints = translateMessageKey('patrols.checkpointsRequired');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const changed = changedFields(baseline, values);
    const routeBody = {
      ...changed,
      ...('description' in changed ? { description: values.description.trim() ? values.description : null } : {}),
    };
    const save: Save = {
      route: Object.keys(routeBody).length > 0 ? routeBody : null,
      checkpoints: checkpointsChanged(initialRows, rows) ? rows : null,
    };
    if (!save.route && !save.checkpoints) {
      setFormError(translateMessageKey('patrols.nothingToUpdate'));
      return;
    }
    mutation.mutate(save);
  };

  const retired = removedCheckpoints(initialRows, rows);

  return (
    <EditModal
      opened
      onClose={onClose}
      title={t('patrolsPage.edit.routeTitle', { name: route.name })}
      formError={formError}
      isPending={mutation.isPending}
      onSubmit={submit}
    >
      <TextInput
        label={t('patrolsPage.routes.name')}
        {...requiredField}
        value={values.name}
        onChange={(e) => set({ name: e.currentTarget.value })}
        error={errors.name}
      />
      <Textarea
        label={t('patrolsPage.routes.description')}
        autosize
        minRows={2}
        value={values.description}
        onChange={(e) => set({ description: e.currentTarget.value })}
        error={errors.description}
      />
      <Checkbox
        label={t('patrolsPage.edit.routeActive')}
        description={t('patrolsPage.edit.routeActiveHint')}
        checked={values.active}
        onChange={(e) => set({ active: e.currentTarget.checked })}
        error={errors.active}
      />
      <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
        <Text component="legend" fw={700} size="sm">
          {t('patrolsPage.edit.checkpointsTitle')}
        </Text>
        <Text size="sm" c="dimmed">
          {t('patrolsPage.edit.checkpointsHint')}
        </Text>
        <ol className="patrol-checkpoints-edit">
          {rows.map((row, index) => (
            <li key={row.key}>
              <Group gap="xs" align="flex-end" wrap="nowrap">
                <TextInput
                  id={`cp-${row.key}-name`}
                  style={{ flex: 1 }}
                  label={t('patrolsPage.edit.checkpointName', { n: formatNumber(index + 1) })}
                  {...requiredField}
                  value={row.name}
                  onChange={(e) => {
                    const name = e.currentTarget.value;
                    setRows((list) => list.map((r) => (r.key === row.key ? { ...r, name } : r)));
                  }}
                  error={errors[`checkpoints.${index}.name`]}
                />
                <ActionIcon
                  id={`cp-${row.key}-up`}
                  variant="default"
                  size="lg"
                  aria-label={t('patrolsPage.edit.moveUp', { name: nameOf(row) })}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                >
                  <IconArrowUp />
                </ActionIcon>
                <ActionIcon
                  id={`cp-${row.key}-down`}
                  variant="default"
                  size="lg"
                  aria-label={t('patrolsPage.edit.moveDown', { name: nameOf(row) })}
                  disabled={index === rows.length - 1}
                  onClick={() => move(index, 1)}
                >
                  <IconArrowDown />
                </ActionIcon>
                <ActionIcon
                  id={`cp-${row.key}-remove`}
                  variant="default"
                  color="red"
                  size="lg"
                  aria-label={t('patrolsPage.edit.removeNamed', { name: nameOf(row) })}
                  onClick={() => {
                    if (!row.id) {
                      remove(row);
                      return;
                    }
                    setConfirming(row.key);
                    focusNext.current = `cp-${row.key}-keep`;
                  }}
                >
                  <IconRemove />
                </ActionIcon>
              </Group>
              {confirming === row.key ? (
                <Group gap="xs" mt={6} role="group" aria-label={t('patrolsPage.edit.removeNamed', { name: nameOf(row) })}>
                  <Text size="sm" style={{ flexBasis: '100%' }}>
                    {t('patrolsPage.edit.removeQuestion', { name: nameOf(row) })}
                  </Text>
                  <Button size="xs" color="red" onClick={() => remove(row)}>
                    {t('patrolsPage.edit.remove')}
                  </Button>
                  <Button
                    id={`cp-${row.key}-keep`}
                    size="xs"
                    variant="default"
                    onClick={() => {
                      setConfirming(null);
                      focusNext.current = `cp-${row.key}-remove`;
                    }}
                  >
                    {t('patrolsPage.edit.keep')}
                  </Button>
                </Group>
              ) : null}
            </li>
          ))}
        </ol>
        {errors.checkpoints ? (
          <Text size="sm" c="red" role="alert">
            {errors.checkpoints}
          </Text>
        ) : null}
        <Group>
          <Button id="cp-add" variant="outline" size="sm" leftSection={<IconPlus size={16} />} onClick={add}>
            {t('patrolsPage.edit.addCheckpoint')}
          </Button>
        </Group>
        <VisuallyHidden aria-live="polite">{announcement}</VisuallyHidden>
      </Stack>
      {retired.length > 0 ? (
        <Text size="sm" fw={500}>
          {t('patrolsPage.edit.removedOnSave', {
            count: formatNumber(retired.length),
            names: retired.map((r) => r.name).join(', '),
          })}
        </Text>
      ) : null}
    </EditModal>
  );
}
