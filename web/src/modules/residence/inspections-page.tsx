import { INSPECTION_MEASURES, type InspectionMeasure, type InspectionView, VIOLATION_KINDS, type ViolationKind } from '@binh-an/domain';
import { Badge, Button, Checkbox, Group, NumberInput, Select, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatNumber, todayInVietnam } from '../../lib/format.ts';
import { FilterSelect } from '../../ui/filter-select.tsx';
import { BlockSelect, ChoiceSelect, useFormValues } from '../../ui/form-fields.tsx';
import { FormModal, useFormSave } from '../../ui/form-modal.tsx';
import { useCan } from '../auth/hooks.ts';
import { useAllUnits } from '../units/api.ts';
import { createInspection, fetchInspections, fetchRoundChoices, residenceQueryKey, updateInspection } from './api.ts';
import { FieldsHead, PlaceCell, ResidenceListPage } from './residence-parts.tsx';
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
  const units = useAllUnits().data ?? [];
  const [v, set, text] = useFormValues({
    unitId: unitId ?? existing?.unitId ?? '',
    kind: (existing?.kind ?? 'planned') as 'planned' | 'unannounced',
    status: 'done' as 'planned' | 'done',
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
  const save = useFormSave(
    () =>
      existing
        ? updateInspection(existing.id, { status: 'done', ...outcome })
        : createInspection({
            unitId: v.unitId,
            placeId: placeId ?? null,
            kind: v.kind,
            status: v.status,
            plannedOn: v.plannedOn,
            inspectors: v.inspectors,
            address: v.address,
            patrolRoundId: v.patrolRoundId.trim() || null,
            ...outcome,
          }),
    {
      queryKey: residenceQueryKey,
      saved: (i) => t('residencePage.inspections.created', { reference: i.reference }),
      onClose,
    },
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={
        existing ? t('residencePage.inspections.recordTitle', { reference: existing.reference }) : t('residencePage.inspections.addTitle')
      }
      size="lg"
      mutation={save}
      cancelLabel={t('residencePage.cancel')}
      submitLabel={t('residencePage.inspections.save')}
    >
      {existing ? null : (
        <>
          {unitId ? null : (
            <BlockSelect label={t('residencePage.fields.unit')} units={units} value={v.unitId} onChange={(x) => set({ unitId: x })} />
          )}
          <Group grow>
            <ChoiceSelect
              label={t('residencePage.fields.inspectionKind')}
              choices={['planned', 'unannounced'] as const}
              messages="residence.inspectionKinds"
              value={v.kind}
              onChange={(kind) => set({ kind })}
            />
            <ChoiceSelect
              label={t('residencePage.fields.status')}
              choices={['planned', 'done'] as const}
              messages="residence.inspectionStatuses"
              value={v.status}
              onChange={(status) => set({ status })}
            />
          </Group>
          <TextInput label={t('residencePage.fields.plannedOn')} type="date" {...text('plannedOn')} required />
          <TextInput label={t('residencePage.fields.inspectors')} {...text('inspectors')} required />
          <TextInput label={t('residencePage.fields.address')} {...text('address')} />
          <PatrolRoundPicker day={v.plannedOn} value={v.patrolRoundId} onChange={(x) => set({ patrolRoundId: x })} />
        </>
      )}
      {done ? (
        <>
          <TextInput label={t('residencePage.fields.doneAt')} type="datetime-local" {...text('doneAt')} required />
          <NumberInput
            label={t('residencePage.fields.peopleFound')}
            value={v.peopleFound}
            onChange={(peopleFound) => set({ peopleFound })}
            min={0}
          />
          <Textarea label={t('residencePage.fields.discrepancies')} {...text('discrepancies')} autosize minRows={2} />
          <Checkbox.Group
            label={t('residencePage.fields.violations')}
            value={v.violations}
            onChange={(x) => set({ violations: x as ViolationKind[] })}
          >
            <Stack gap={4} mt={4}>
              {VIOLATION_KINDS.map((k) => (
                <Checkbox key={k} value={k} label={t(`residence.violationKinds.${k}`)} />
              ))}
            </Stack>
          </Checkbox.Group>
          <ChoiceSelect
            label={t('residencePage.fields.measure')}
            description={t('residencePage.inspections.fineNote')}
            choices={INSPECTION_MEASURES}
            messages="residence.measures"
            value={v.measure}
            onChange={(measure) => set({ measure })}
          />
          <TextInput label={t('residencePage.fields.followUp')} {...text('followUp')} />
        </>
      ) : null}
    </FormModal>
  );
}

/** The head and rows of an inspections table, with "Ghi kết quả" on a planned one for those who inspect. */
export function InspectionRows({ rows }: { rows: readonly InspectionView[] }) {
  const { t } = useTranslation();
  const canInspect = useCan()('residence.inspect');
  const [recording, setRecording] = useState<InspectionView | null>(null);
  return (
    <>
      <FieldsHead fields={['reference', 'doneAt', 'place', 'inspectors', 'violations', 'measure']} />
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
            <PlaceCell row={i} />
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
  const [isOpen, setOpen] = useState(false);
  const query = { q: search.q, unitId: search.unitId, status: search.status, violation: search.violation };
  const list = usePagedList<InspectionView>('inspections', query, fetchInspections);
  const update = (patch: Partial<typeof search>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const clear = () => void navigate({ search: {}, replace: true });
  return (
    <ResidenceListPage
      section="inspections"
      onAdd={canInspect ? () => setOpen(true) : undefined}
      search={query}
      onChange={update}
      onClear={clear}
      filters={
        <>
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
        </>
      }
      list={list}
      dialogs={canInspect && isOpen ? <InspectionFormModal opened onClose={() => setOpen(false)} /> : null}
    >
      <InspectionRows rows={list.rows} />
    </ResidenceListPage>
  );
}
