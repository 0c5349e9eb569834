import type { NotificationView } from '@binh-an/domain';
import { ActionIcon, Button, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber, todayInVietnam } from '../../lib/format.ts';
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
import { createNotification, fetchNotifications, notificationsExportUrl, residenceQueryKey } from './api.ts';
import { fieldErrors } from './places-page.tsx';
import { blockOptions, IdNumberCell, OnTimeBadge, ResidenceNav } from './residence-parts.tsx';
import { usePagedList } from './use-paged.ts';

const routeApi = getRouteApi('/signed-in/residence/notifications');

type Guest = { key: string; name: string; birthDate: string; idNumber: string };
const newGuest = (): Guest => ({ key: crypto.randomUUID(), name: '', birthDate: '', idNumber: '' });

/** A local date and time (yyyy-mm-ddThh:mm, Vietnam) as an instant with its offset. */
const vnInstant = (local: string) => (local ? `${local}:00+07:00` : undefined);

/** The officer's quick entry of a notification received by phone, with the on-time result shown after saving. */
export function NotificationFormModal({
  opened,
  onClose,
  placeId,
  unitId,
}: {
  opened: boolean;
  onClose: () => void;
  placeId?: string;
  unitId?: string;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const units = blockOptions(useAllUnits().data ?? []);
  const [v, setV] = useState({
    unitId: unitId ?? '',
    channel: 'phone',
    hostName: '',
    hostPhone: '',
    address: '',
    arrivalAt: '',
    receivedAt: '',
  });
  const [guests, setGuests] = useState<Guest[]>(() => [newGuest()]);
  const save = useMutation({
    mutationFn: () =>
      createNotification({
        unitId: v.unitId,
        placeId: placeId ?? null,
        channel: v.channel as 'phone',
        hostName: v.hostName,
        hostPhone: v.hostPhone || null,
        address: v.address,
        arrivalAt: vnInstant(v.arrivalAt) ?? '',
        receivedAt: vnInstant(v.receivedAt),
        guests: guests.map((g) => ({ name: g.name, birthDate: g.birthDate || null, idNumber: g.idNumber || null })),
      }),
    onSuccess: (n) => {
      notifySuccess(
        t('residencePage.notifications.created', {
          reference: n.reference,
          result: n.onTime ? t('residence.onTime') : t('residence.late'),
        }),
      );
      void qc.invalidateQueries({ queryKey: residenceQueryKey });
      onClose();
    },
  });
  const f = (k: keyof typeof v) => (e: { currentTarget: { value: string } }) => setV({ ...v, [k]: e.currentTarget.value });
  const setGuest = (i: number, patch: Partial<Guest>) => setGuests(guests.map((g, j) => (j === i ? { ...g, ...patch } : g)));
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={t('residencePage.notifications.addTitle')}
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
          <Text size="sm">{t('residencePage.notifications.addIntro')}</Text>
          <FormErrorAlert message={save.isError ? fieldErrors(save.error) : null} />
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
          <Select
            label={t('residencePage.notifications.channel')}
            data={(['phone', 'in_person', 'email'] as const).map((c) => ({ value: c, label: t(`residence.channels.${c}`) }))}
            value={v.channel}
            onChange={(x) => setV({ ...v, channel: x ?? 'phone' })}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput label={t('residencePage.fields.host')} value={v.hostName} onChange={f('hostName')} required />
          <TextInput label={t('residencePage.fields.phone')} value={v.hostPhone} onChange={f('hostPhone')} type="tel" />
          <TextInput label={t('residencePage.fields.address')} value={v.address} onChange={f('address')} required />
          <TextInput
            label={t('residencePage.notifications.arrivalAt')}
            type="datetime-local"
            value={v.arrivalAt}
            onChange={f('arrivalAt')}
            required
            max={`${todayInVietnam()}T23:59`}
          />
          <TextInput
            label={t('residencePage.notifications.receivedAt')}
            description={t('residencePage.notifications.receivedHint')}
            type="datetime-local"
            value={v.receivedAt}
            onChange={f('receivedAt')}
          />
          {guests.map((g, i) => (
            <Group key={g.key} align="flex-end" gap="xs" wrap="wrap">
              <TextInput
                label={`${t('residencePage.notifications.guestName')} ${i + 1}`}
                value={g.name}
                onChange={(e) => setGuest(i, { name: e.currentTarget.value })}
                required
                style={{ flex: '2 1 12rem' }}
              />
              <TextInput
                label={t('residencePage.notifications.guestBirth')}
                type="date"
                value={g.birthDate}
                onChange={(e) => setGuest(i, { birthDate: e.currentTarget.value })}
                style={{ flex: '1 1 9rem' }}
              />
              <TextInput
                label={t('residencePage.notifications.guestId')}
                value={g.idNumber}
                onChange={(e) => setGuest(i, { idNumber: e.currentTarget.value })}
                inputMode="numeric"
                style={{ flex: '1 1 10rem' }}
              />
              {guests.length > 1 ? (
                <ActionIcon
                  variant="subtle"
                  color="red.9"
                  onClick={() => setGuests(guests.filter((_, j) => j !== i))}
                  aria-label={t('residencePage.notifications.removeGuest', { n: String(i + 1) })}
                  size="lg"
                >
                  ×
                </ActionIcon>
              ) : null}
            </Group>
          ))}
          <Button variant="subtle" onClick={() => setGuests([...guests, newGuest()])} disabled={guests.length >= 20}>
            {t('residencePage.notifications.addGuest')}
          </Button>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('residencePage.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('residencePage.notifications.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function NotificationsTable({ rows }: { rows: NotificationView[] }) {
  const { t } = useTranslation();
  const canReveal = useCan()('residence.identity');
  return (
    <DataTable caption={t('residencePage.notifications.caption')} minWidth={820}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('residencePage.fields.reference')}</Table.Th>
          <Table.Th scope="col">{t('residencePage.fields.arrival')}</Table.Th>
          <Table.Th scope="col">{t('residencePage.fields.onTime')}</Table.Th>
          <Table.Th scope="col">{t('residencePage.fields.host')}</Table.Th>
          <Table.Th scope="col">{t('residencePage.fields.guests')}</Table.Th>
          <Table.Th scope="col">{t('residencePage.fields.channel')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((n) => (
          <Table.Tr key={n.id}>
            <Table.Th scope="row" fw={700} className="mono">
              {n.reference}
            </Table.Th>
            <Table.Td>
              {formatDateTime(n.arrivalAt)}
              <Text size="xs" c="dimmed">
                {n.placeName ?? n.address} · {n.unitName}
              </Text>
            </Table.Td>
            <Table.Td>
              <OnTimeBadge onTime={n.onTime} />
              <Text size="xs" c="dimmed">
                {t('residencePage.fields.received')}: {formatDateTime(n.receivedAt)}
              </Text>
            </Table.Td>
            <Table.Td>
              {n.hostName}
              {n.hostVerified ? (
                <Text size="xs" c="dimmed">
                  {t('residencePage.notifications.verified')}
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td>
              <Stack gap={2}>
                {n.guests.map((g) => (
                  <div key={g.id}>
                    <Text size="sm">
                      {g.name}
                      {g.birthYear ? ` (${g.birthYear})` : ''}
                    </Text>
                    <IdNumberCell kind="guest" id={g.id} name={g.name} masked={g.idNumberMasked} canReveal={canReveal} />
                  </div>
                ))}
              </Stack>
            </Table.Td>
            <Table.Td>{t(`residence.channels.${n.channel}`)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </DataTable>
  );
}

/** Stay notifications: newest arrival first, names searched without diacritics, the on-time filter, the phone quick entry. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const canManage = useCan()('residence.manage');
  const units = useAllUnits().data ?? [];
  const [isOpen, setOpen] = useState(false);
  const query = { q: search.q, unitId: search.unitId, onTime: search.onTime };
  const list = usePagedList<NotificationView>('notifications', query, fetchNotifications);
  const update = (patch: Partial<typeof search>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const isFiltered = Boolean(search.q || search.unitId || search.onTime);
  return (
    <Stack gap="md">
      <PageHeader
        title={t('residencePage.sections.notifications')}
        description={`${t('residencePage.notifications.publicForm')} · ${t('residencePage.identityNote')}`}
        actions={
          canManage ? (
            <Group gap="xs">
              <Button leftSection={<IconPlus size={16} />} onClick={() => setOpen(true)}>
                {t('residencePage.notifications.add')}
              </Button>
              <Button
                component="a"
                href={notificationsExportUrl(query)}
                download
                variant="outline"
                leftSection={<IconDownload size={16} />}
              >
                {t('residencePage.places.exportExcel')}
              </Button>
            </Group>
          ) : undefined
        }
      />
      <ResidenceNav current="notifications" />
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
          label={t('residencePage.notifications.onTimeFilter')}
          data={[
            { value: 'true', label: t('residence.onTime') },
            { value: 'false', label: t('residence.late') },
          ]}
          value={search.onTime}
          onChange={(onTime) => update({ onTime: onTime as 'true' | 'false' | undefined })}
          flex="1 1 10rem"
        />
      </FilterBar>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.rows.length === 0 ? (
        <EmptyState
          title={isFiltered ? t('common.noResultsTitle') : t('residencePage.notifications.emptyTitle')}
          description={isFiltered ? t('residencePage.noResultsText') : t('residencePage.notifications.emptyText')}
          onClearFilters={isFiltered ? () => void navigate({ search: {}, replace: true }) : undefined}
        />
      ) : (
        <>
          <NotificationsTable rows={list.rows} />
          <ListFooter
            countText={t('residencePage.count', { shown: formatNumber(list.rows.length), total: formatNumber(list.total) })}
            hasMore={Boolean(list.hasNextPage)}
            isLoadingMore={list.isFetchingNextPage}
            onLoadMore={() => void list.fetchNextPage()}
          />
        </>
      )}
      {canManage ? <NotificationFormModal opened={isOpen} onClose={() => setOpen(false)} /> : null}
    </Stack>
  );
}
