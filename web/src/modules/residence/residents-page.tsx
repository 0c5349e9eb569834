import { RESIDENT_KINDS, type ResidentKind, type ResidentView } from '@binh-an/domain';
import { Badge, Button, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert, FormErrorAlert } from '../../ui/error-alert.tsx';
import { FilterBar } from '../../ui/filter-bar.tsx';
import { FilterSearchInput } from '../../ui/filter-search-input.tsx';
import { FilterSelect } from '../../ui/filter-select.tsx';
import { IconDownload, IconPlus } from '../../ui/icons.tsx';
import { ListFooter } from '../../ui/list-footer.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { useCan } from '../auth/hooks.ts';
import { useAllUnits } from '../units/api.ts';
import { createResident, fetchResidents, residenceQueryKey, residentsExportUrl, updateResident } from './api.ts';
import { fieldErrors } from './places-page.tsx';
import { blockOptions, IdNumberCell, ResidenceNav } from './residence-parts.tsx';
import { usePagedList } from './use-paged.ts';

const routeApi = getRouteApi('/signed-in/residence/residents');
const STATE_COLOR = { current: 'green.9', expiring: 'orange.9', expired: 'gray.8' } as const;

export function ResidentFormModal({
  opened,
  onClose,
  placeId,
  unitId,
  resident,
}: {
  opened: boolean;
  onClose: () => void;
  placeId?: string;
  unitId?: string;
  /** Given: the form corrects this person (PATCH); the ID number box stays empty and replaces the number only if typed. */
  resident?: ResidentView;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const units = blockOptions(useAllUnits().data ?? []);
  const [v, setV] = useState({
    unitId: resident?.unitId ?? unitId ?? '',
    kind: (resident?.kind ?? 'temporary_residence') as ResidentKind,
    name: resident?.name ?? '',
    birthDate: resident?.birthDate ?? '',
    idNumber: '',
    address: resident?.address ?? '',
    fromOn: resident?.fromOn ?? '',
    untilOn: resident?.untilOn ?? '',
    note: resident?.note ?? '',
  });
  const save = useMutation({
    mutationFn: () =>
      resident
        ? updateResident(resident.id, {
            kind: v.kind,
            name: v.name,
            birthDate: v.birthDate || null,
            ...(v.idNumber ? { idNumber: v.idNumber } : {}),
            address: v.address,
            fromOn: v.fromOn,
            untilOn: v.untilOn || null,
            note: v.note,
          })
        : createResident({
            unitId: v.unitId,
            placeId: placeId ?? null,
            kind: v.kind,
            source: 'other',
            name: v.name,
            birthDate: v.birthDate || null,
            idNumber: v.idNumber || null,
            address: v.address,
            fromOn: v.fromOn,
            untilOn: v.untilOn || null,
          }),
    onSuccess: () => {
      notifySuccess(t(resident ? 'residencePage.residents.saved' : 'residencePage.residents.created'));
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
      title={resident ? t('residencePage.residents.editTitle', { name: resident.name }) : t('residencePage.residents.addTitle')}
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
          {unitId || resident ? null : (
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
          <Select
            label={t('residencePage.fields.residentKind')}
            data={RESIDENT_KINDS.map((k) => ({ value: k, label: t(`residence.residentKinds.${k}`) }))}
            value={v.kind}
            onChange={(x) => setV({ ...v, kind: (x ?? 'temporary_residence') as ResidentKind })}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput label={t('residencePage.fields.person')} value={v.name} onChange={f('name')} required />
          <TextInput label={t('residencePage.fields.birthDate')} type="date" value={v.birthDate} onChange={f('birthDate')} />
          <TextInput
            label={t('residencePage.fields.idNumber')}
            description={
              resident?.idNumberMasked ? t('residencePage.residents.idNumberKept', { masked: resident.idNumberMasked }) : undefined
            }
            value={v.idNumber}
            onChange={f('idNumber')}
            inputMode="numeric"
          />
          <TextInput label={t('residencePage.fields.address')} value={v.address} onChange={f('address')} />
          <Group grow>
            <TextInput label={t('residencePage.fields.fromOn')} type="date" value={v.fromOn} onChange={f('fromOn')} required />
            <TextInput label={t('residencePage.fields.untilOn')} type="date" value={v.untilOn} onChange={f('untilOn')} />
          </Group>
          {resident ? <TextInput label={t('residencePage.residents.note')} value={v.note} onChange={f('note')} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('residencePage.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {resident ? t('residencePage.save') : t('residencePage.residents.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function ResidentsTable({ rows }: { rows: ResidentView[] }) {
  const { t } = useTranslation();
  const can = useCan();
  const canReveal = can('residence.identity');
  const canManage = can('residence.manage');
  const [editing, setEditing] = useState<ResidentView | null>(null);
  return (
    <DataTable caption={t('residencePage.residents.caption')} minWidth={780}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('residencePage.fields.person')}</Table.Th>
          <Table.Th scope="col">{t('residencePage.fields.idNumber')}</Table.Th>
          <Table.Th scope="col">{t('residencePage.fields.residentKind')}</Table.Th>
          <Table.Th scope="col">{t('residencePage.fields.untilOn')}</Table.Th>
          <Table.Th scope="col">{t('residencePage.fields.place')}</Table.Th>
          {canManage ? <Table.Th scope="col">{t('residencePage.residents.actions')}</Table.Th> : null}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.id}>
            <Table.Th scope="row" fw={400}>
              <Text size="sm" fw={700}>
                {r.name}
              </Text>
              {r.birthDate ? (
                <Text size="xs" c="dimmed">
                  {formatDate(r.birthDate)}
                </Text>
              ) : null}
            </Table.Th>
            <Table.Td>
              <IdNumberCell kind="resident" id={r.id} name={r.name} masked={r.idNumberMasked} canReveal={canReveal} />
            </Table.Td>
            <Table.Td>{t(`residence.residentKinds.${r.kind}`)}</Table.Td>
            <Table.Td>
              {formatDate(r.fromOn)} – {r.untilOn ? formatDate(r.untilOn) : '…'}
              <Group gap={4}>
                <Badge color={STATE_COLOR[r.state]} variant="outline">
                  {t(`residence.stayStates.${r.state}`)}
                </Badge>
                {r.state === 'expiring' && r.renewalFrom ? (
                  <Text size="xs" c="dimmed">
                    {t('residencePage.residents.renewalFrom', { date: formatDate(r.renewalFrom) })}
                  </Text>
                ) : null}
              </Group>
            </Table.Td>
            <Table.Td>
              {r.placeName ?? r.address ?? '—'}
              <Text size="xs" c="dimmed">
                {r.unitName}
              </Text>
            </Table.Td>
            {canManage ? (
              <Table.Td>
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => setEditing(r)}
                  aria-label={t('residencePage.residents.editOne', { name: r.name })}
                >
                  {t('residencePage.residents.edit')}
                </Button>
              </Table.Td>
            ) : null}
          </Table.Tr>
        ))}
      </Table.Tbody>
      {editing ? <ResidentFormModal key={editing.id} opened onClose={() => setEditing(null)} resident={editing} /> : null}
    </DataTable>
  );
}

/** Temporary residents and absences known to the ward, soonest to end first; "expiring soon" is the 15-day window. */
export function ResidentsPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const canManage = useCan()('residence.manage');
  const units = useAllUnits().data ?? [];
  const [isOpen, setOpen] = useState(false);
  const query = { q: search.q, unitId: search.unitId, kind: search.kind, state: search.state };
  const list = usePagedList<ResidentView>('residents', query, fetchResidents);
  const update = (patch: Partial<typeof search>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const isFiltered = Boolean(search.q || search.unitId || search.kind || search.state);
  return (
    <Stack gap="md">
      <PageHeader
        title={t('residencePage.sections.residents')}
        description={`${t('residencePage.residents.expiringNote')} ${t('residencePage.identityNote')}`}
        actions={
          canManage ? (
            <Group gap="xs">
              <Button leftSection={<IconPlus size={16} />} onClick={() => setOpen(true)}>
                {t('residencePage.residents.add')}
              </Button>
              <Button component="a" href={residentsExportUrl(query)} download variant="outline" leftSection={<IconDownload size={16} />}>
                {t('residencePage.places.exportExcel')}
              </Button>
            </Group>
          ) : undefined
        }
      />
      <ResidenceNav current="residents" />
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
          label={t('residencePage.fields.residentKind')}
          data={RESIDENT_KINDS.map((k) => ({ value: k, label: t(`residence.residentKinds.${k}`) }))}
          value={search.kind}
          onChange={(kind) => update({ kind })}
          flex="1 1 10rem"
        />
        <FilterSelect
          label={t('residencePage.fields.state')}
          data={(['expiring', 'current', 'expired'] as const).map((s) => ({ value: s, label: t(`residence.stayStates.${s}`) }))}
          value={search.state}
          onChange={(state) => update({ state })}
          flex="1 1 10rem"
        />
      </FilterBar>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.rows.length === 0 ? (
        <EmptyState
          title={isFiltered ? t('common.noResultsTitle') : t('residencePage.residents.emptyTitle')}
          description={isFiltered ? t('residencePage.noResultsText') : t('residencePage.residents.emptyText')}
          onClearFilters={isFiltered ? () => void navigate({ search: {}, replace: true }) : undefined}
        />
      ) : (
        <>
          <ResidentsTable rows={list.rows} />
          <ListFooter
            countText={t('residencePage.count', { shown: formatNumber(list.rows.length), total: formatNumber(list.total) })}
            hasMore={Boolean(list.hasNextPage)}
            isLoadingMore={list.isFetchingNextPage}
            onLoadMore={() => void list.fetchNextPage()}
          />
        </>
      )}
      {canManage ? <ResidentFormModal opened={isOpen} onClose={() => setOpen(false)} /> : null}
    </Stack>
  );
}
