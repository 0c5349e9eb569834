import { PLACE_KINDS, type PlaceKind, type PlaceView } from '@binh-an/domain';
import { Button, Checkbox, Group, NumberInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { FilterBar } from '../../ui/filter-bar.tsx';
import { FilterSearchInput } from '../../ui/filter-search-input.tsx';
import { FilterSelect } from '../../ui/filter-select.tsx';
import { FormModal, fieldErrors } from '../../ui/form-modal.tsx';
import { IconDownload, IconPlus } from '../../ui/icons.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { PagedTable } from '../../ui/paged-table.tsx';
import { useCan } from '../auth/hooks.ts';
import { useAllUnits } from '../units/api.ts';
import { createPlace, fetchPlaces, placesExportUrl, residenceQueryKey, updatePlace } from './api.ts';
import { ResidenceImportModal } from './import-modal.tsx';
import { blockOptions, ResidenceNav } from './residence-parts.tsx';
import { usePagedList } from './use-paged.ts';

const routeApi = getRouteApi('/signed-in/residence');

/** Adds a place, or corrects one when `place` is given (PATCH: only the answers, the block stays). */
function PlaceFormModal({ opened, onClose, place }: { opened: boolean; onClose: () => void; place?: PlaceView }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const units = blockOptions(useAllUnits().data ?? []);
  const [v, setV] = useState({
    unitId: place?.unitId ?? '',
    kind: (place?.kind ?? 'boarding_house') as PlaceKind,
    name: place?.name ?? '',
    address: place?.address ?? '',
    ownerName: place?.ownerName ?? '',
    phone: place?.phone ?? '',
    capacity: (place?.capacity ?? '') as number | string,
    conditionsMet: place?.conditionsMet ?? false,
  });
  const save = useMutation({
    mutationFn: () => {
      const body = {
        unitId: v.unitId,
        kind: v.kind,
        name: v.name,
        address: v.address,
        ownerName: v.ownerName,
        phone: v.phone || null,
        capacity: v.capacity === '' ? null : Number(v.capacity),
        conditionsMet: v.conditionsMet,
      };
      return place ? updatePlace(place.id, body) : createPlace(body);
    },
    onSuccess: () => {
      notifySuccess(t(place ? 'residencePage.places.saved' : 'residencePage.places.created'));
      void qc.invalidateQueries({ queryKey: residenceQueryKey });
      onClose();
    },
  });
  const f = (k: keyof typeof v) => (e: { currentTarget: { value: string } }) => setV({ ...v, [k]: e.currentTarget.value });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={place ? t('residencePage.places.editTitle', { name: place.name }) : t('residencePage.places.addTitle')}
      size="lg"
      mutation={save}
      cancelLabel={t('residencePage.cancel')}
      submitLabel={place ? t('residencePage.save') : t('residencePage.places.add')}
    >
      <Select
        label={t('residencePage.fields.unit')}
        data={units}
        value={v.unitId || null}
        onChange={(x) => setV({ ...v, unitId: x ?? '' })}
        required
        searchable
        comboboxProps={{ withinPortal: true }}
      />
      <Select
        label={t('residencePage.kind')}
        data={PLACE_KINDS.map((k) => ({ value: k, label: t(`residence.placeKinds.${k}`) }))}
        value={v.kind}
        onChange={(x) => setV({ ...v, kind: (x ?? 'boarding_house') as PlaceKind })}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
      />
      <TextInput label={t('residencePage.fields.name')} value={v.name} onChange={f('name')} required />
      <TextInput label={t('residencePage.fields.address')} value={v.address} onChange={f('address')} required />
      <TextInput label={t('residencePage.fields.owner')} value={v.ownerName} onChange={f('ownerName')} required />
      <TextInput label={t('residencePage.fields.phone')} value={v.phone} onChange={f('phone')} type="tel" />
      <NumberInput label={t('residencePage.fields.capacity')} value={v.capacity} onChange={(x) => setV({ ...v, capacity: x })} min={0} />
      <Checkbox
        label={t('residencePage.fields.conditionsMet')}
        checked={v.conditionsMet}
        onChange={(e) => setV({ ...v, conditionsMet: e.currentTarget.checked })}
      />
    </FormModal>
  );
}

export { fieldErrors, PlaceFormModal };

/** The places the ward watches: search without diacritics, block and kind filters, paging, Excel export and import. */
export function PlacesPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const can = useCan();
  const canManage = can('residence.manage');
  const units = useAllUnits().data ?? [];
  const [isCreateOpen, setCreateOpen] = useState(false);
  const [isImportOpen, setImportOpen] = useState(false);
  const query = { q: search.q, unitId: search.unitId, kind: search.kind };
  const list = usePagedList<PlaceView>('places', query, fetchPlaces);
  const update = (patch: Partial<typeof search>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const isFiltered = Boolean(search.q || search.unitId || search.kind);

  return (
    <Stack gap="md">
      <PageHeader
        title={t('residencePage.title')}
        description={t('residencePage.description')}
        actions={
          canManage ? (
            <Group gap="xs">
              <Button leftSection={<IconPlus size={16} />} onClick={() => setCreateOpen(true)}>
                {t('residencePage.places.add')}
              </Button>
              <Button variant="outline" onClick={() => setImportOpen(true)}>
                {t('residencePage.places.importExcel')}
              </Button>
              <Button component="a" href={placesExportUrl(query)} download variant="outline" leftSection={<IconDownload size={16} />}>
                {t('residencePage.places.exportExcel')}
              </Button>
            </Group>
          ) : undefined
        }
      />
      <ResidenceNav current="places" />
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
          label={t('residencePage.kind')}
          data={PLACE_KINDS.map((k) => ({ value: k, label: t(`residence.placeKinds.${k}`) }))}
          value={search.kind}
          onChange={(kind) => update({ kind })}
          flex="1 1 12rem"
        />
      </FilterBar>
      <PagedTable
        list={list}
        rowCount={list.rows.length}
        empty={
          <EmptyState
            title={isFiltered ? t('common.noResultsTitle') : t('residencePage.places.emptyTitle')}
            description={isFiltered ? t('residencePage.noResultsText') : t('residencePage.places.emptyText')}
            onClearFilters={isFiltered ? () => void navigate({ search: {}, replace: true }) : undefined}
          />
        }
        caption={t('residencePage.places.caption')}
        minWidth={760}
        countText={t('residencePage.count', { shown: formatNumber(list.rows.length), total: formatNumber(list.total) })}
        onRetry={() => void list.refetch()}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('residencePage.fields.name')}</Table.Th>
            <Table.Th scope="col">{t('residencePage.block')}</Table.Th>
            <Table.Th scope="col">{t('residencePage.kind')}</Table.Th>
            <Table.Th scope="col">{t('residencePage.fields.owner')}</Table.Th>
            <Table.Th scope="col">{t('residencePage.fields.capacity')}</Table.Th>
            <Table.Th scope="col">{t('residencePage.fields.lastInspected')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.rows.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Th scope="row" fw={400}>
                <AnchorLink
                  to="/residence/places/$placeId"
                  params={{ placeId: p.id }}
                  fw={700}
                  aria-label={t('residencePage.places.open', { name: p.name })}
                >
                  {p.name}
                </AnchorLink>
                <Text size="xs" c="dimmed">
                  {p.address}
                  {p.active ? '' : ` · ${t('residencePage.places.inactive')}`}
                </Text>
              </Table.Th>
              <Table.Td>{p.unitName}</Table.Td>
              <Table.Td>{t(`residence.placeKinds.${p.kind}`)}</Table.Td>
              <Table.Td>{p.ownerName}</Table.Td>
              <Table.Td className="num">{p.capacity === null ? '—' : formatNumber(p.capacity)}</Table.Td>
              <Table.Td>{p.lastInspectedOn ? formatDate(p.lastInspectedOn) : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </PagedTable>
      {canManage ? <PlaceFormModal opened={isCreateOpen} onClose={() => setCreateOpen(false)} /> : null}
      {canManage ? <ResidenceImportModal opened={isImportOpen} onClose={() => setImportOpen(false)} /> : null}
    </Stack>
  );
}
