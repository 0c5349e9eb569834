import { INSPECTION_MEASURES, type InspectionMeasure, type InspectionView, VIOLATION_KINDS, type ViolationKind } from '@binh-an/domain';
import { Badge, Button, Checkbox, Group, Modal, NumberInput, Select, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatNumber, todayInVietnam } from '../../lib/format.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert, FormErrorAlert } from '../../ui/error-alert.tsx';
import { FilterBar } from '../../ui/filter-bar.tsx';
import { FilterSearchInput } from '../../ui/filter-search-input.tsx';
import { FilterSelect } from '../../ui/filter-select.tsx';
import { IconPlus } from '../../ui/icons.tsx';
import { ListFooter } from '../../ui/list-footer.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { useCan } from '../auth/hooks.ts';
import { useAllUnits } from '../units/api.ts';
import { createInspection, fetchInspections, fetchRoundChoices, residenceQueryKey, updateInspection } from './api.ts';
import { fieldErrors } from './places-page.tsx';
import { blockOptions, ResidenceNav } from './residence-parts.tsx';
import { usePagedList } from './use-paged.ts';

const routeApi = getRouteApi('/signed-in/residence/inspections');

/** Plans an inspection, records one done (with what was found, violations and the measure), or the outcome of a planned one. */
/** The patrol rounds of the ward around the inspection's day (the day before to the day after), instead of typing an id. */
function PatrolRoundPicker({ day, value, onChange }: { day: string; value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const isDay = /^\d{4}-\d{2}-\d{2}$/.test(day);
  const rounds = useQuery({
    queryKey: [...residenceQueryKey, 'round-choices', day],
    queryFn: ({ signal }) => fetchRoundChoices(day, signal),
    enabled: isDay,
  });
  const data = (rounds.data ?? []).map((r) => ({
    value: r.id,
    label: `${formatDateTime(r.startedAt)} · ${r.teamName} · ${r.routeName ?? r.unitName}`,
  }));
  if (value && !data.some((o) => o.value === value)) data.unshift({ value, label: t('residencePage.inspections.roundLinked') });
  return (
    <Select
      label={t('residencePage.fields.patrolRound')}
      description={
        rounds.isSuccess && !rounds.data.length ? t('residencePage.inspections.noRounds') : t('residencePage.inspections.roundHint')
      }
      placeholder={t('residencePage.inspections.noRound')}
      data={data}
      value={value || null}
      onChange={(x) => onChange(x ?? '')}
      clearable
      searchable
      comboboxProps={{ withinPortal: true }}
    />
  );
}

export function InspectionFormModal({
  opened,
  onClose,
  placeId,
  unitId,
  existing,
}: {
  opened: boolean;
  onClose: () => void;
  placeId?: string;
  unitId?: string;
  existing?: InspectionView;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const units = blockOptions(useAllUnits().data ?? []);
  const [v, setV] = useState({
    unitId: unitId ?? existing?.unitId ?? '',
    kind: existing?.kind ?? 'planned',
    status: existing ? 'done' : 'done',
    plannedOn: existing?.plannedOn ?? todayInVietnam(),
    doneAt: '',
    inspectors: existing?.inspectors ?? '',
    address: existing?.address ?? '',
    patrolRoundId: existing?.patrolRoundId ?? '',
    peopleFound: 0 as number | string,
    discrepancies: '',
    violations: [] as ViolationKind[],
    measure: 'none' as InspectionMeasure,
    followUp: '',
  });
  const done = v.status === 'done';
  const outcome = done
    ? {
        doneAt: v.doneAt ? `${v.doneAt}:00+07:00` : null,
        peopleFound: Number(v.peopleFound) || 0,
        discrepancies: v.discrepancies,
        violations: v.violations,
        measure: v.measure,
        followUp: v.followUp,
      }
    : {};
  const save = useMutation({
    mutationFn: () =>
      existing
        ? updateInspection(existing.id, { status: 'done', ...outcome })
        : createInspection({
            unitId: v.unitId,
            placeId: placeId ?? null,
            kind: v.kind as 'planned',
            status: v.status as 'planned',
            plannedOn: v.plannedOn,
            inspectors: v.inspectors,
            address: v.address,
            patrolRoundId: v.patrolRoundId.trim() || null,
            ...outcome,
          }),
    onSuccess: (i) => {
      notifySuccess(t('residencePage.inspections.created', { reference: i.reference }));
      void qc.invalidateQueries({ queryKey: residenceQueryKey });
      onClose();
    },
  });
  const f = (k: keyof typeof v) => (e: { currentTarget: { value: string } }) => setV({ ...v, [k]: e.currentTarget.value });
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={
        existing ? t('residencePage.inspections.recordTitle', { reference: existing.reference }) : t('residencePage.inspections.addTitle')
      }
      size="lg"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
        noValidate
      >
        <Stack gap="sm">
          <FormErrorAlert message={save.isError ? fieldErrors(save.error) : null} />
          {existing ? null : (
            <>
              {unitId ? null : (
                <Select
                  label={t('residencePage.fields.unit')}
                  data={units}
                  value={v.unitId || null}
                  onChange={(x) => setV({ ...v, unitId: x ?? '' })}
                  required
                  searchable
                  comboboxProps={{ withinPortal: true }}
                />
              )}
              <Group grow>
                <Select
                  label={t('residencePage.fields.inspectionKind')}
                  data={(['planned', 'unannounced'] as const).map((k) => ({ value: k, label: t(`residence.inspectionKinds.${k}`) }))}
                  value={v.kind}
                  onChange={(x) => setV({ ...v, kind: (x ?? 'planned') as 'planned' })}
                  allowDeselect={false}
                  comboboxProps={{ withinPortal: true }}
                />
                <Select
                  label={t('residencePage.fields.status')}
                  data={(['planned', 'done'] as const).map((k) => ({ value: k, label: t(`residence.inspectionStatuses.${k}`) }))}
                  value={v.status}
                  onChange={(x) => setV({ ...v, status: x ?? 'done' })}
                  allowDeselect={false}
                  comboboxProps={{ withinPortal: true }}
                />
              </Group>
              <TextInput label={t('residencePage.fields.plannedOn')} type="date" value={v.plannedOn} onChange={f('plannedOn')} required />
              <TextInput label={t('residencePage.fields.inspectors')} value={v.inspectors} onChange={f('inspectors')} required />
              <TextInput label={t('residencePage.fields.address')} value={v.address} onChange={f('address')} />
              <PatrolRoundPicker day={v.plannedOn} value={v.patrolRoundId} onChange={(x) => setV({ ...v, patrolRoundId: x })} />
            </>
          )}
          {done ? (
            <>
              <TextInput label={t('residencePage.fields.doneAt')} type="datetime-local" value={v.doneAt} onChange={f('doneAt')} required />
              <NumberInput
                label={t('residencePage.fields.peopleFound')}
                value={v.peopleFound}
                onChange={(x) => setV({ ...v, peopleFound: x })}
                min={0}
              />
              <Textarea
                label={t('residencePage.fields.discrepancies')}
                value={v.discrepancies}
                onChange={f('discrepancies')}
                autosize
                minRows={2}
              />
              <Checkbox.Group
                label={t('residencePage.fields.violations')}
                value={v.violations}
                onChange={(x) => setV({ ...v, violations: x as ViolationKind[] })}
              >
                <Stack gap={4} mt={4}>
                  {VIOLATION_KINDS.map((k) => (
                    <Checkbox key={k} value={k} label={t(`residence.violationKinds.${k}`)} />
                  ))}
                </Stack>
              </Checkbox.Group>
              <Select
                label={t('residencePage.fields.measure')}
                description={t('residencePage.inspections.fineNote')}
                data={INSPECTION_MEASURES.map((m) => ({ value: m, label: t(`residence.measures.${m}`) }))}
                value={v.measure}
                onChange={(x) => setV({ ...v, measure: (x ?? 'none') as InspectionMeasure })}
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
              />
              <TextInput label={t('residencePage.fields.followUp')} value={v.followUp} onChange={f('followUp')} />
            </>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('residencePage.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('residencePage.inspections.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function InspectionsTable({ rows }: { rows: InspectionView[] }) {
  const { t } = useTranslation();
  const canInspect = useCan()('residence.inspect');
  const [recording, setRecording] = useState<InspectionView | null>(null);
  return (
    <>
      <DataTable caption={t('residencePage.inspections.caption')} minWidth={820}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('residencePage.fields.reference')}</Table.Th>
            <Table.Th scope="col">{t('residencePage.fields.doneAt')}</Table.Th>
            <Table.Th scope="col">{t('residencePage.fields.place')}</Table.Th>
            <Table.Th scope="col">{t('residencePage.fields.inspectors')}</Table.Th>
            <Table.Th scope="col">{t('residencePage.fields.violations')}</Table.Th>
            <Table.Th scope="col">{t('residencePage.fields.measure')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((i) => (
            <Table.Tr key={i.id}>
              <Table.Th scope="row" fw={700} className="mono">
                {i.reference}
                <Text size="xs" c="dimmed" ff="body">
                  {t(`residence.inspectionKinds.${i.kind}`)}
                  {i.patrolRoundId ? ` · ${t('residencePage.inspections.onPatrol')}` : ''}
                </Text>
              </Table.Th>
              <Table.Td>
                {i.doneAt ? formatDateTime(i.doneAt) : formatDate(i.plannedOn)}
                <Text size="xs" c="dimmed">
                  {t(`residence.inspectionStatuses.${i.status}`)}
                </Text>
                {i.status === 'planned' && canInspect ? (
                  <Button
                    size="compact-xs"
                    variant="light"
                    onClick={() => setRecording(i)}
                    aria-label={`${t('residencePage.inspections.record')} ${i.reference}`}
                  >
                    {t('residencePage.inspections.record')}
                  </Button>
                ) : null}
              </Table.Td>
              <Table.Td>
                {i.placeName ?? i.address ?? '—'}
                <Text size="xs" c="dimmed">
                  {i.unitName}
                </Text>
              </Table.Td>
              <Table.Td>
                {i.inspectors}
                {i.status === 'done' ? (
                  <Text size="xs" c="dimmed">
                    {t('residencePage.fields.peopleFound')}: {formatNumber(i.peopleFound)}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                {i.violations.length ? (
                  <Stack gap={2}>
                    {i.violations.map((k) => (
                      <Badge key={k} color="red.9" variant="outline">
                        {t(`residence.violationKinds.${k}`)}
                      </Badge>
                    ))}
                  </Stack>
                ) : (
                  '—'
                )}
              </Table.Td>
              <Table.Td>{t(`residence.measures.${i.measure}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </DataTable>
      {recording ? <InspectionFormModal opened onClose={() => setRecording(null)} existing={recording} /> : null}
    </>
  );
}

/** Inspections: planned and done, with violations and the measure taken; a civil guard records one met on patrol. */
export function InspectionsPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const canInspect = useCan()('residence.inspect');
  const units = useAllUnits().data ?? [];
  const [isOpen, setOpen] = useState(false);
  const query = { q: search.q, unitId: search.unitId, status: search.status, violation: search.violation };
  const list = usePagedList<InspectionView>('inspections', query, fetchInspections);
  const update = (patch: Partial<typeof search>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const isFiltered = Boolean(search.q || search.unitId || search.status || search.violation);
  return (
    <Stack gap="md">
      <PageHeader
        title={t('residencePage.sections.inspections')}
        actions={
          canInspect ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setOpen(true)}>
              {t('residencePage.inspections.add')}
            </Button>
          ) : undefined
        }
      />
      <ResidenceNav current="inspections" />
      <FilterBar isFiltered={isFiltered} onClearFilters={() => void navigate({ search: {}, replace: true })}>
        <FilterSearchInput
          label={t('residencePage.search')}
          description={t('residencePage.searchHint')}
          value={search.q}
          onChange={(q) => update({ q })}
          flex="2 1 16rem"
        />
        <FilterSelect
          label={t('residencePage.block')}
          placeholder={t('residencePage.allBlocks')}
          data={blockOptions(units)}
          value={search.unitId}
          onChange={(unitId) => update({ unitId })}
          searchable
          flex="1 1 12rem"
        />
        <FilterSelect
          label={t('residencePage.fields.status')}
          data={(['planned', 'done', 'cancelled'] as const).map((s) => ({ value: s, label: t(`residence.inspectionStatuses.${s}`) }))}
          value={search.status}
          onChange={(status) => update({ status })}
          flex="1 1 10rem"
        />
        <FilterSelect
          label={t('residencePage.fields.violations')}
          data={[
            { value: 'true', label: t('residencePage.inspections.withViolation') },
            { value: 'false', label: t('residencePage.inspections.noViolation') },
          ]}
          value={search.violation}
          onChange={(violation) => update({ violation: violation as 'true' | 'false' | undefined })}
          flex="1 1 10rem"
        />
      </FilterBar>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.rows.length === 0 ? (
        <EmptyState
          title={isFiltered ? t('common.noResultsTitle') : t('residencePage.inspections.emptyTitle')}
          description={isFiltered ? t('residencePage.noResultsText') : t('residencePage.inspections.emptyText')}
          onClearFilters={isFiltered ? () => void navigate({ search: {}, replace: true }) : undefined}
        />
      ) : (
        <>
          <InspectionsTable rows={list.rows} />
          <ListFooter
            countText={t('residencePage.count', { shown: formatNumber(list.rows.length), total: formatNumber(list.total) })}
            hasMore={Boolean(list.hasNextPage)}
            isLoadingMore={list.isFetchingNextPage}
            onLoadMore={() => void list.fetchNextPage()}
          />
        </>
      )}
      {canInspect && isOpen ? <InspectionFormModal opened onClose={() => setOpen(false)} /> : null}
    </Stack>
  );
}
