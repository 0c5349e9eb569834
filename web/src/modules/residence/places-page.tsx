import { PLACE_KINDS, type PlaceKind, type PlaceView } from '@binh-an/domain';
import { Button, Checkbox, NumberInput, Table, Text, TextInput } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { TableHead } from '../../ui/data-table.tsx';
import { FilterSelect } from '../../ui/filter-select.tsx';
import { BlockSelect, ChoiceSelect, useFormValues } from '../../ui/form-fields.tsx';
import { FormModal, useFormSave } from '../../ui/form-modal.tsx';
import { useCan } from '../auth/hooks.ts';
import { useAllUnits } from '../units/api.ts';
import { createPlace, fetchPlaces, placesExportUrl, residenceQueryKey, updatePlace } from './api.ts';
import { ResidenceImportModal } from './import-modal.tsx';
import { ResidenceListPage } from './residence-parts.tsx';
import { usePagedList } from './use-paged.ts';

const routeApi = getRouteApi('/signed-in/residence');

/** Adds a place, or corrects one when `place` is given (PATCH: only the answers, the block stays). */
export function PlaceFormModal({ opened, onClose, place }: { opened: boolean; onClose: () => void; place?: PlaceView }) {
  const { t } = useTranslation();
  const units = useAllUnits().data ?? [];
  const [v, set, text] = useFormValues({
    unitId: place?.unitId ?? '',
    kind: (place?.kind ?? 'boarding_house') as PlaceKind,
    name: place?.name ?? '',
    address: place?.address ?? '',
    ownerName: place?.ownerName ?? '',
    phone: place?.phone ?? '',
    capacity: (place?.capacity ?? '') as number | string,
    conditionsMet: place?.conditionsMet ?? false,
  });
  const save = useFormSave(
    () => {
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
    {
      queryKey: residenceQueryKey,
      saved: () => t(place ? 'residencePage.places.saved' : 'residencePage.places.created'),
      onClose,
    },
  );
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
      <BlockSelect label={t('residencePage.fields.unit')} units={units} value={v.unitId} onChange={(unitId) => set({ unitId })} />
      <ChoiceSelect
        label={t('residencePage.kind')}
        choices={PLACE_KINDS}
        messages="residence.placeKinds"
        value={v.kind}
        onChange={(kind) => set({ kind })}
      />
      <TextInput label={t('residencePage.fields.name')} {...text('name')} required />
      <TextInput label={t('residencePage.fields.address')} {...text('address')} required />
      <TextInput label={t('residencePage.fields.owner')} {...text('ownerName')} required />
      <TextInput label={t('residencePage.fields.phone')} {...text('phone')} type="tel" />
      <NumberInput label={t('residencePage.fields.capacity')} value={v.capacity} onChange={(capacity) => set({ capacity })} min={0} />
      <Checkbox
        label={t('residencePage.fields.conditionsMet')}
        checked={v.conditionsMet}
        onChange={(e) => set({ conditionsMet: e.currentTarget.checked })}
      />
    </FormModal>
  );
}

/** The places the ward watches: search without diacritics, block and kind filters, paging, Excel export and import. */
export function PlacesPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const canManage = useCan()('residence.manage');
  const [isCreateOpen, setCreateOpen] = useState(false);
  const [isImportOpen, setImportOpen] = useState(false);
  const query = { q: search.q, unitId: search.unitId, kind: search.kind };
  const list = usePagedList<PlaceView>('places', query, fetchPlaces);
  const update = (patch: Partial<typeof search>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const clear = () => void navigate({ search: {}, replace: true });

  return (
    <ResidenceListPage
      section="places"
      title={t('residencePage.title')}
      description={t('residencePage.description')}
      onAdd={canManage ? () => setCreateOpen(true) : undefined}
      moreActions={
        canManage ? (
          <Button variant="outline" onClick={() => setImportOpen(true)}>
            {t('residencePage.places.importExcel')}
          </Button>
        ) : null
      }
      exportHref={canManage ? placesExportUrl(query) : undefined}
      search={query}
      onChange={update}
      onClear={clear}
      filters={
        <FilterSelect
          label={t('residencePage.kind')}
          data={PLACE_KINDS.map((k) => ({ value: k, label: t(`residence.placeKinds.${k}`) }))}
          value={search.kind}
          onChange={(kind) => update({ kind })}
          flex="1 1 12rem"
        />
      }
      list={list}
      dialogs={
        <>
          {canManage ? <PlaceFormModal opened={isCreateOpen} onClose={() => setCreateOpen(false)} /> : null}
          {canManage ? <ResidenceImportModal opened={isImportOpen} onClose={() => setImportOpen(false)} /> : null}
        </>
      }
    >
      <TableHead
        columns={[
          t('residencePage.fields.name'),
          t('residencePage.block'),
          t('residencePage.kind'),
          t('residencePage.fields.owner'),
          t('residencePage.fields.capacity'),
          t('residencePage.fields.lastInspected'),
        ]}
      />
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
    </ResidenceListPage>
  );
}
