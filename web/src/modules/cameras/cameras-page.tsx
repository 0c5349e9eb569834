import {
  CAMERA_CONSENT_TEXTS,
  CAMERA_CONSENT_VERSION,
  CAMERA_COVERS,
  CAMERA_KINDS,
  type CameraCover,
  type CameraKind,
  CONTACT_CHANNELS,
  type ContactChannel,
} from '@binh-an/domain';
import { Badge, Button, Checkbox, Group, Modal, MultiSelect, NumberInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { TableHead } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { BlockSelect, ChoiceSelect, useFormValues } from '../../ui/form-fields.tsx';
import { FormModal, fieldErrors, useFormSave } from '../../ui/form-modal.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { PagedTable, useCursorList } from '../../ui/paged-table.tsx';
import { useCan } from '../auth/hooks.ts';
import { useAllUnits } from '../units/api.ts';
import {
  type CameraInput,
  type CameraView,
  camerasQueryKey,
  createCamera,
  fetchCamera,
  fetchCameraMap,
  fetchCameras,
  PAGE_SIZE,
  updateCamera,
  vnDay,
  withdrawCamera,
} from './api.ts';
import { CamerasNav } from './cameras-nav.tsx';

/** Leaflet loads with the form only. */
const PositionPicker = lazy(() => import('./position-picker.tsx'));

type FormValues = {
  unitId: string;
  kind: CameraKind;
  label: string;
  address: string;
  lat: number | string;
  lng: number | string;
  direction: number | string;
  angle: number | string;
  range: number | string;
  covers: CameraCover[];
  retentionDays: number | string;
  working: boolean;
  ownerName: string;
  contact: string;
  channel: ContactChannel;
  consent: boolean;
};

/** Registers a camera, or changes one when `camera` is given (the owner and consent stay as registered). */
function CameraFormModal({ opened, onClose, camera }: { opened: boolean; onClose: () => void; camera?: CameraView }) {
  const { t, i18n } = useTranslation();
  const units = useAllUnits().data ?? [];
  const [v, set, text] = useFormValues<FormValues>({
    unitId: camera?.unitId ?? '',
    kind: camera?.kind ?? 'ward',
    label: camera?.label ?? '',
    address: camera?.address ?? '',
    lat: camera?.lat ?? '',
    lng: camera?.lng ?? '',
    direction: camera?.direction ?? 0,
    angle: camera?.angle ?? 90,
    range: camera?.range ?? 30,
    covers: camera?.covers ?? ['street'],
    retentionDays: camera?.retentionDays ?? 7,
    working: camera?.working ?? true,
    ownerName: '',
    contact: '',
    channel: 'sms',
    consent: false,
  });
  const num = (x: number | string) => (x === '' ? Number.NaN : Number(x));
  const save = useFormSave(
    () => {
      const details = {
        label: v.label,
        address: v.address,
        lat: num(v.lat),
        lng: num(v.lng),
        direction: num(v.direction),
        angle: num(v.angle),
        range: num(v.range),
        covers: v.covers,
        retentionDays: num(v.retentionDays),
        working: v.working,
      };
      if (camera) return updateCamera(camera.id, details);
      const body: CameraInput = { ...details, unitId: v.unitId, kind: v.kind };
      if (v.kind !== 'ward') Object.assign(body, { ownerName: v.ownerName, contact: v.contact, channel: v.channel, consent: v.consent });
      return createCamera(body);
    },
    {
      queryKey: camerasQueryKey,
      saved: () => t(camera ? 'camerasPage.saved' : 'camerasPage.created'),
      onClose,
    },
  );
  const consentText = CAMERA_CONSENT_TEXTS[CAMERA_CONSENT_VERSION]?.[i18n.language === 'en' ? 'en' : 'vi'] ?? '';
  const context = useQuery({ queryKey: [...camerasQueryKey, 'map'], queryFn: ({ signal }) => fetchCameraMap(signal) });
  const drawn = { lat: num(v.lat), lng: num(v.lng), direction: num(v.direction), angle: num(v.angle), range: num(v.range) };
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={camera ? t('camerasPage.editTitle', { label: camera.label }) : t('camerasPage.addTitle')}
      size="lg"
      mutation={save}
      cancelLabel={t('camerasPage.cancel')}
      submitLabel={camera ? t('camerasPage.save') : t('camerasPage.add')}
    >
      {camera ? null : (
        <>
          <ChoiceSelect
            label={t('camerasPage.fields.kind')}
            choices={CAMERA_KINDS}
            messages="cameras.kinds"
            value={v.kind}
            onChange={(kind) => set({ kind })}
          />
          <BlockSelect label={t('camerasPage.fields.unit')} units={units} value={v.unitId} onChange={(unitId) => set({ unitId })} />
        </>
      )}
      <TextInput label={t('camerasPage.fields.label')} {...text('label')} required />
      <TextInput label={t('camerasPage.fields.address')} {...text('address')} required />
      <Text size="sm" id="camera-map-hint">
        {t('camerasPage.fields.mapHint')}
      </Text>
      <Suspense fallback={<LoadingState label={t('camerasPage.map.loading')} />}>
        <PositionPicker value={drawn} context={context.data} onChange={set} />
      </Suspense>
      <Group grow>
        <NumberInput label={t('camerasPage.fields.lat')} value={v.lat} onChange={(lat) => set({ lat })} decimalScale={6} required />
        <NumberInput label={t('camerasPage.fields.lng')} value={v.lng} onChange={(lng) => set({ lng })} decimalScale={6} required />
      </Group>
      <Group grow>
        <NumberInput
          label={t('camerasPage.fields.direction')}
          value={v.direction}
          onChange={(direction) => set({ direction })}
          min={0}
          max={359}
        />
        <NumberInput label={t('camerasPage.fields.angle')} value={v.angle} onChange={(angle) => set({ angle })} min={10} max={360} />
        <NumberInput label={t('camerasPage.fields.range')} value={v.range} onChange={(range) => set({ range })} min={2} max={200} />
      </Group>
      <MultiSelect
        label={t('camerasPage.fields.covers')}
        data={CAMERA_COVERS.map((c) => ({ value: c, label: t(`cameras.covers.${c}`) }))}
        value={v.covers}
        onChange={(x) => set({ covers: x as CameraCover[] })}
        comboboxProps={{ withinPortal: true }}
      />
      <NumberInput
        label={t('camerasPage.fields.retentionDays')}
        value={v.retentionDays}
        onChange={(retentionDays) => set({ retentionDays })}
        min={1}
        max={90}
      />
      <Checkbox label={t('camerasPage.fields.working')} checked={v.working} onChange={(e) => set({ working: e.currentTarget.checked })} />
      {!camera && v.kind !== 'ward' ? (
        <>
          <TextInput label={t('camerasPage.fields.ownerName')} {...text('ownerName')} required />
          <TextInput label={t('camerasPage.fields.contact')} {...text('contact')} required />
          <ChoiceSelect
            label={t('camerasPage.fields.channel')}
            choices={CONTACT_CHANNELS}
            messages="cameras.channels"
            value={v.channel}
            onChange={(channel) => set({ channel })}
          />
          <Text size="sm">{consentText}</Text>
          <Checkbox
            label={t('camerasPage.fields.consent', { version: CAMERA_CONSENT_VERSION })}
            checked={v.consent}
            onChange={(e) => set({ consent: e.currentTarget.checked })}
          />
        </>
      ) : null}
    </FormModal>
  );
}

/** The owner's name and contact, fetched on demand (the read is audited). */
function ContactModal({ camera, onClose }: { camera: CameraView; onClose: () => void }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: [...camerasQueryKey, 'contact', camera.id],
    queryFn: () => fetchCamera(camera.id),
    staleTime: 0,
    gcTime: 0,
  });
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': t('common.close') }} title={t('camerasPage.contactTitle')}>
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorAlert error={query.error} />
      ) : (
        <Stack gap="xs">
          <Text fw={700}>{query.data.ownerName}</Text>
          <Text>
            {query.data.contact} · {query.data.channel ? t(`cameras.channels.${query.data.channel}`) : ''}
          </Text>
          <Text size="sm" c="dimmed">
            {t('camerasPage.contactNote')}
          </Text>
        </Stack>
      )}
    </Modal>
  );
}

/** "Camera cộng đồng": the registry with search, a status filter, paging, registering, changing and withdrawing. */
export function CamerasPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const canManage = useCan()('camera.manage');
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<string>('active');
  const [isAddOpen, setAddOpen] = useState(false);
  const [editing, setEditing] = useState<CameraView | null>(null);
  const [leaving, setLeaving] = useState<CameraView | null>(null);
  const [contactOf, setContactOf] = useState<CameraView | null>(null);
  const query = { q: q.trim() || undefined, status: status || undefined, limit: PAGE_SIZE };
  const list = useCursorList([...camerasQueryKey, 'list', query], (cursor, signal) => fetchCameras({ ...query, cursor }, signal));
  const withdraw = useMutation({
    mutationFn: (id: string) => withdrawCamera(id),
    onSuccess: () => {
      notifySuccess(t('camerasPage.withdrawn'));
      void qc.invalidateQueries({ queryKey: camerasQueryKey });
      setLeaving(null);
    },
  });
  const items = list.items;
  const total = list.first?.total ?? 0;
  /** The server builds the file with the list's filters (every matching camera, not only the loaded page) and audits it. */
  const exportHref = (format: 'csv' | 'xlsx') => {
    const params = new URLSearchParams();
    if (query.q) params.set('q', query.q);
    if (query.status) params.set('status', query.status);
    const text = params.toString();
    return `/api/v1/cameras/export.${format}${text ? `?${text}` : ''}`;
  };

  return (
    <>
      <PageHeader
        title={t('camerasPage.title')}
        description={t('camerasPage.description')}
        actions={
          <Group gap="xs">
            <Button variant="default" component="a" href={exportHref('csv')} download data-disabled={items.length === 0 || undefined}>
              {t('common.exportCsv')}
            </Button>
            <Button variant="default" component="a" href={exportHref('xlsx')} download data-disabled={items.length === 0 || undefined}>
              {t('camerasPage.exportXlsx')}
            </Button>
            {canManage ? <Button onClick={() => setAddOpen(true)}>{t('camerasPage.add')}</Button> : null}
          </Group>
        }
      />
      <CamerasNav current="registry" />
      <Text size="sm" c="dimmed" mb="sm">
        {t('camerasPage.publicForm')}
      </Text>
      <Group align="flex-end" mb="sm" wrap="wrap">
        <TextInput
          label={t('camerasPage.search')}
          description={t('camerasPage.searchHint')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
        />
        <Select
          label={t('camerasPage.status')}
          data={[
            { value: '', label: t('camerasPage.allStatuses') },
            ...(['active', 'withdrawn'] as const).map((s) => ({ value: s, label: t(`cameras.statuses.${s}`) })),
          ]}
          value={status}
          onChange={(x) => setStatus(x ?? '')}
          allowDeselect={false}
        />
      </Group>
      <PagedTable
        list={list}
        rowCount={items.length}
        empty={<EmptyState title={t('common.noResultsTitle')} description={t('camerasPage.empty')} />}
        caption={t('camerasPage.caption')}
        minWidth={960}
        countText={t('camerasPage.count', { shown: formatNumber(items.length), total: formatNumber(total) })}
        onRetry={() => void list.refetch()}
      >
        <TableHead
          columns={[
            t('camerasPage.columns.label'),
            t('camerasPage.columns.block'),
            t('camerasPage.columns.kind'),
            t('camerasPage.columns.view'),
            t('camerasPage.columns.retention'),
            t('camerasPage.columns.status'),
            t('camerasPage.columns.consent'),
            t('camerasPage.columns.actions'),
          ]}
        />
        <Table.Tbody>
          {items.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Text fw={600} size="sm">
                  {c.label}
                </Text>
                <Text size="xs" c="dimmed">
                  {c.address}
                </Text>
              </Table.Td>
              <Table.Td>{c.unitName}</Table.Td>
              <Table.Td>{t(`cameras.kinds.${c.kind}`)}</Table.Td>
              <Table.Td>
                {t('camerasPage.viewText', {
                  direction: formatNumber(c.direction),
                  angle: formatNumber(c.angle),
                  range: formatNumber(c.range),
                })}
              </Table.Td>
              <Table.Td>{t('camerasPage.days', { n: formatNumber(c.retentionDays) })}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <Badge variant="outline" color={c.status === 'active' ? 'green.9' : 'gray.8'}>
                    {t(`cameras.statuses.${c.status}`)}
                  </Badge>
                  {c.status === 'active' ? (
                    <Badge variant="outline" color={c.working ? 'green.9' : 'red.9'}>
                      {c.working ? t('camerasPage.working') : t('camerasPage.broken')}
                    </Badge>
                  ) : null}
                </Group>
              </Table.Td>
              <Table.Td>
                {c.consentVersion && c.consentAt
                  ? t('camerasPage.consentOn', { version: c.consentVersion, date: formatDate(vnDay(c.consentAt)) })
                  : t('camerasPage.noConsent')}
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  {c.hasOwner ? (
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      onClick={() => setContactOf(c)}
                      aria-label={`${t('camerasPage.contact')}: ${c.label}`}
                    >
                      {t('camerasPage.contact')}
                    </Button>
                  ) : null}
                  {canManage && c.status === 'active' ? (
                    <>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        onClick={() => setEditing(c)}
                        aria-label={`${t('camerasPage.edit')}: ${c.label}`}
                      >
                        {t('camerasPage.edit')}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red.9"
                        onClick={() => setLeaving(c)}
                        aria-label={`${t('camerasPage.withdraw')}: ${c.label}`}
                      >
                        {t('camerasPage.withdraw')}
                      </Button>
                    </>
                  ) : null}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </PagedTable>
      {isAddOpen ? <CameraFormModal opened onClose={() => setAddOpen(false)} /> : null}
      {editing ? <CameraFormModal opened camera={editing} onClose={() => setEditing(null)} /> : null}
      {contactOf ? <ContactModal camera={contactOf} onClose={() => setContactOf(null)} /> : null}
      <ConfirmDialog
        opened={leaving !== null}
        title={t('camerasPage.withdrawTitle', { label: leaving?.label ?? '' })}
        message={t('camerasPage.withdrawMessage')}
        confirmLabel={t('camerasPage.withdraw')}
        onConfirm={() => leaving && withdraw.mutate(leaving.id)}
        onClose={() => setLeaving(null)}
        isLoading={withdraw.isPending}
        error={withdraw.isError ? fieldErrors(withdraw.error) : null}
      />
    </>
  );
}
