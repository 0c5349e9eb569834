import { RESIDENT_KINDS, type ResidentKind, type ResidentView } from '@binh-an/domain';
import { Badge, Button, Group, Table, Text, TextInput } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format.ts';
import { FilterSelect } from '../../ui/filter-select.tsx';
import { BlockSelect, ChoiceSelect, useFormValues } from '../../ui/form-fields.tsx';
import { FormModal, useFormSave } from '../../ui/form-modal.tsx';
import { useCan } from '../auth/hooks.ts';
import { useAllUnits } from '../units/api.ts';
import { createResident, fetchResidents, residenceQueryKey, residentsExportUrl, updateResident } from './api.ts';
import { FieldsHead, IdNumberCell, PlaceCell, ResidenceListPage } from './residence-parts.tsx';
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
  const units = useAllUnits().data ?? [];
  const [v, set, text] = useFormValues({
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
  const save = useFormSave(
    () =>
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
    {
      queryKey: residenceQueryKey,
      saved: () => t(resident ? 'residencePage.residents.saved' : 'residencePage.residents.created'),
      onClose,
    },
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={resident ? t('residencePage.residents.editTitle', { name: resident.name }) : t('residencePage.residents.addTitle')}
      size="lg"
      mutation={save}
      cancelLabel={t('residencePage.cancel')}
      submitLabel={resident ? t('residencePage.save') : t('residencePage.residents.save')}
    >
      {unitId || resident ? null : (
        <BlockSelect label={t('residencePage.fields.unit')} units={units} value={v.unitId} onChange={(x) => set({ unitId: x })} />
      )}
      <ChoiceSelect
        label={t('residencePage.fields.residentKind')}
        choices={RESIDENT_KINDS}
        messages="residence.residentKinds"
        value={v.kind}
        onChange={(kind) => set({ kind })}
      />
      <TextInput label={t('residencePage.fields.person')} {...text('name')} required />
      <TextInput label={t('residencePage.fields.birthDate')} type="date" {...text('birthDate')} />
      <TextInput
        label={t('residencePage.fields.idNumber')}
        description={resident?.idNumberMasked ? t('residencePage.residents.idNumberKept', { masked: resident.idNumberMasked }) : undefined}
        {...text('idNumber')}
        inputMode="numeric"
      />
      <TextInput label={t('residencePage.fields.address')} {...text('address')} />
      <Group grow>
        <TextInput label={t('residencePage.fields.fromOn')} type="date" {...text('fromOn')} required />
        <TextInput label={t('residencePage.fields.untilOn')} type="date" {...text('untilOn')} />
      </Group>
      {resident ? <TextInput label={t('residencePage.residents.note')} {...text('note')} /> : null}
    </FormModal>
  );
}

/** The head and rows of a residents table, with "Sửa" on each row for those who manage residence checks. */
export function ResidentRows({ rows }: { rows: readonly ResidentView[] }) {
  const { t } = useTranslation();
  const can = useCan();
  const canReveal = can('residence.identity');
  const canManage = can('residence.manage');
  const [editing, setEditing] = useState<ResidentView | null>(null);
  return (
    <>
      <FieldsHead
        fields={['person', 'idNumber', 'residentKind', 'untilOn', 'place']}
        more={canManage ? [t('residencePage.residents.actions')] : []}
      />
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
            <PlaceCell row={r} />
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
    </>
  );
}

/** Temporary residents and absences known to the ward, soonest to end first; "expiring soon" is the 15-day window. */
export function ResidentsPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const canManage = useCan()('residence.manage');
  const [isOpen, setOpen] = useState(false);
  const query = { q: search.q, unitId: search.unitId, kind: search.kind, state: search.state };
  const list = usePagedList<ResidentView>('residents', query, fetchResidents);
  const update = (patch: Partial<typeof search>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const clear = () => void navigate({ search: {}, replace: true });
  return (
    <ResidenceListPage
      section="residents"
      description={`${t('residencePage.residents.expiringNote')} ${t('residencePage.identityNote')}`}
      onAdd={canManage ? () => setOpen(true) : undefined}
      exportHref={canManage ? residentsExportUrl(query) : undefined}
      search={query}
      onChange={update}
      onClear={clear}
      filters={
        <>
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
        </>
      }
      list={list}
      dialogs={canManage ? <ResidentFormModal opened={isOpen} onClose={() => setOpen(false)} /> : null}
    >
      <ResidentRows rows={list.rows} />
    </ResidenceListPage>
  );
}
