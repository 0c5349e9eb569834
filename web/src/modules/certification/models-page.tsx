import { MODEL_FIGURE_SOURCES, MODEL_STATES, type ModelView } from '@binh-an/domain';
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber, todayInVietnam } from '../../lib/format.ts';
import { ActionForm } from '../../ui/action-form.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { FilterSelect } from '../../ui/filter-select.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { PagedTable, useCursorList } from '../../ui/paged-table.tsx';
import { useCan } from '../auth/hooks.ts';
import { refusalText } from '../mediation/team-forms.tsx';
import { useAllUnits } from '../units/api.ts';
import { certificationKey, createModel, fetchModels, type ModelsQuery, modelsExportUrl, updateModel } from './api.ts';
import { CertificationListToolbar } from './list-toolbar.tsx';

function useWardUnits() {
  return (useAllUnits().data ?? []).filter((u) => u.isActive && u.type !== 'province' && u.type !== 'district');
}

function AddModelForm() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const units = useWardUnits();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [runBy, setRunBy] = useState('');
  const [startedOn, setStartedOn] = useState(todayInVietnam());
  const [activities, setActivities] = useState('');
  const [effect, setEffect] = useState('');
  const [source, setSource] = useState<string | null>(null);
  const unit = unitId ?? units[0]?.id ?? null;
  const save = useMutation({
    mutationFn: () =>
      createModel({
        unitId: unit ?? '',
        name,
        runBy,
        startedOn,
        ...(activities.trim() ? { activities } : {}),
        ...(effect.trim() ? { effect } : {}),
        ...(source ? { figureSource: source } : {}),
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: certificationKey });
      notifySuccess(t('certificationPage.models.saved'));
      setName('');
      setRunBy('');
      setActivities('');
      setEffect('');
    },
  });
  return (
    <ActionForm
      id="model-add"
      title={t('certificationPage.models.add')}
      error={save.error ? refusalText(save.error) : null}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      submit={{ label: t('certificationPage.models.add'), isLoading: save.isPending }}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('certificationPage.models.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
        <Select
          label={t('certificationPage.models.unit')}
          data={units.map((u) => ({ value: u.id, label: u.name }))}
          value={unit}
          allowDeselect={false}
          onChange={setUnitId}
          searchable
        />
        <TextInput label={t('certificationPage.models.runBy')} value={runBy} onChange={(e) => setRunBy(e.currentTarget.value)} required />
        <TextInput
          type="date"
          label={t('certificationPage.models.startedOn')}
          value={startedOn}
          onChange={(e) => setStartedOn(e.currentTarget.value)}
          required
        />
      </SimpleGrid>
      <Textarea
        label={t('certificationPage.models.activities')}
        value={activities}
        onChange={(e) => setActivities(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      <Textarea
        label={t('certificationPage.models.effect')}
        value={effect}
        onChange={(e) => setEffect(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      <Select
        label={t('certificationPage.models.figureSource')}
        data={MODEL_FIGURE_SOURCES.map((s) => ({ value: s, label: t(`certification.modelFigures.${s}`) }))}
        value={source}
        onChange={setSource}
        clearable
      />
    </ActionForm>
  );
}

function ReplicateModal({ model, onClose }: { model: ModelView; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const units = useWardUnits().filter((u) => u.id !== model.unitId && u.type !== 'ward');
  const [chosen, setChosen] = useState(model.replicatedTo.map((r) => r.id));
  const save = useMutation({
    mutationFn: () => updateModel(model.id, { replicatedUnitIds: chosen }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: certificationKey });
      notifySuccess(t('certificationPage.models.saved'));
      onClose();
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('certificationPage.models.replicateTitle', { name: model.name })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          {save.error ? <Alert color="red">{refusalText(save.error)}</Alert> : null}
          <MultiSelect
            label={t('certificationPage.models.replicateTo')}
            data={units.map((u) => ({ value: u.id, label: u.name }))}
            value={chosen}
            onChange={setChosen}
            searchable
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('certificationPage.steps.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

type Closing = { model: ModelView; kind: 'end' | 'ineffective' | 'effective' };

/** Ends a model today or changes whether it works, after a confirmation naming the model. */
function CloseModelDialog({ closing, onClose }: { closing: Closing; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const today = todayInVietnam();
  const { model, kind } = closing;
  const save = useMutation({
    mutationFn: () => updateModel(model.id, kind === 'end' ? { endedOn: today } : { effective: kind === 'effective' }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: certificationKey });
      notifySuccess(t('certificationPage.models.saved'));
      onClose();
    },
  });
  return (
    <ConfirmDialog
      opened
      title={t(`certificationPage.models.${kind}Title`)}
      message={t(`certificationPage.models.${kind}Confirm`, { name: model.name, date: formatDate(today) })}
      confirmLabel={t(`certificationPage.models.${kind}Title`)}
      onConfirm={() => save.mutate()}
      onClose={onClose}
      isLoading={save.isPending}
      isDanger={kind !== 'effective'}
      error={save.error ? refusalText(save.error) : null}
    />
  );
}

/** The movement's models: where they run, who runs them, activities, effect, replication. */
export function CertificationModelsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [filters, setFilters] = useState<ModelsQuery>({});
  const query = useCursorList([...certificationKey, 'models', filters], (cursor) => fetchModels(filters, cursor));
  const items = query.items;
  const [replicating, setReplicating] = useState<ModelView | null>(null);
  const [closing, setClosing] = useState<Closing | null>(null);
  return (
    <>
      <PageHeader title={t('certificationPage.models.title')} description={t('certificationPage.models.description')} />
      {can('certification.assess') ? (
        <Stack mb="md">
          <AddModelForm />
        </Stack>
      ) : null}
      <CertificationListToolbar
        filters={filters}
        onChange={setFilters}
        searchLabel={t('certificationPage.models.search')}
        exportHref={modelsExportUrl(filters)}
        exportLabel={t('certificationPage.models.export')}
      >
        <FilterSelect
          label={t('certificationPage.models.state')}
          placeholder={t('certificationPage.models.anyState')}
          data={MODEL_STATES.map((k) => ({ value: k, label: t(`certificationPage.models.states.${k}`) }))}
          value={filters.state}
          onChange={(state) => setFilters({ ...filters, state })}
        />
      </CertificationListToolbar>
      <PagedTable
        list={query}
        rowCount={items.length}
        empty={<EmptyState title={t('certificationPage.models.empty')} description="" />}
        caption={t('certificationPage.models.caption')}
        minWidth={800}
        countText={t('certificationPage.models.shown', { count: items.length })}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('certificationPage.models.name')}</Table.Th>
            <Table.Th scope="col">{t('certificationPage.models.where')}</Table.Th>
            <Table.Th scope="col">{t('certificationPage.models.activities')}</Table.Th>
            <Table.Th scope="col">{t('certificationPage.models.effect')}</Table.Th>
            <Table.Th scope="col">{t('certificationPage.models.replicated')}</Table.Th>
            {can('certification.assess') ? <Table.Th scope="col">{t('common.actions')}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {m.name}
                </Text>
                <Text size="xs">
                  {m.endedOn
                    ? t('certificationPage.models.until', { from: formatDate(m.startedOn), to: formatDate(m.endedOn) })
                    : t('certificationPage.models.since', { date: formatDate(m.startedOn) })}
                </Text>
                {m.effective ? null : (
                  <Badge size="sm" variant="light" color="orange">
                    {t('certificationPage.models.notEffective')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                {m.unitName}
                <Text size="xs">{m.runBy}</Text>
              </Table.Td>
              <Table.Td>{m.activities ?? '—'}</Table.Td>
              <Table.Td>
                {m.effect ?? '—'}
                {m.figure ? (
                  <Text size="xs" fw={500}>
                    {t('certificationPage.models.figureValue', {
                      label: t(`certification.modelFigures.${m.figure.source}`),
                      from: formatDate(m.figure.from),
                      to: formatDate(m.figure.to),
                      value: formatNumber(m.figure.value),
                    })}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>{m.replicatedTo.length ? m.replicatedTo.map((r) => r.name).join(', ') : '—'}</Table.Td>
              {can('certification.assess') ? (
                <Table.Td>
                  {m.endedOn ? null : (
                    <Group gap={4} wrap="wrap">
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        onClick={() => setReplicating(m)}
                        aria-label={t('certificationPage.models.replicateTitle', { name: m.name })}
                      >
                        {t('certificationPage.models.replicate')}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        onClick={() => setClosing({ model: m, kind: m.effective ? 'ineffective' : 'effective' })}
                        aria-label={t(
                          m.effective ? 'certificationPage.models.ineffectiveLabel' : 'certificationPage.models.effectiveLabel',
                          {
                            name: m.name,
                          },
                        )}
                      >
                        {t(m.effective ? 'certificationPage.models.ineffective' : 'certificationPage.models.effectiveTitle')}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        onClick={() => setClosing({ model: m, kind: 'end' })}
                        aria-label={t('certificationPage.models.endLabel', { name: m.name })}
                      >
                        {t('certificationPage.models.end')}
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </PagedTable>
      {replicating ? <ReplicateModal model={replicating} onClose={() => setReplicating(null)} /> : null}
      {closing ? <CloseModelDialog closing={closing} onClose={() => setClosing(null)} /> : null}
    </>
  );
}
