import type { NotificationView } from '@binh-an/domain';
import { ActionIcon, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, todayInVietnam } from '../../lib/format.ts';
import { FilterSelect } from '../../ui/filter-select.tsx';
import { BlockSelect, ChoiceSelect, useFormValues } from '../../ui/form-fields.tsx';
import { FormModal, useFormSave } from '../../ui/form-modal.tsx';
import { useCan } from '../auth/hooks.ts';
import { useAllUnits } from '../units/api.ts';
import { createNotification, fetchNotifications, notificationsExportUrl, residenceQueryKey } from './api.ts';
import { FieldsHead, IdNumberCell, OnTimeBadge, ResidenceListPage } from './residence-parts.tsx';
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
  const units = useAllUnits().data ?? [];
  const [v, set, text] = useFormValues({
    unitId: unitId ?? '',
    channel: 'phone' as 'phone' | 'in_person' | 'email',
    hostName: '',
    hostPhone: '',
    address: '',
    arrivalAt: '',
    receivedAt: '',
  });
  const [guests, setGuests] = useState<Guest[]>(() => [newGuest()]);
  const save = useFormSave(
    () =>
      createNotification({
        unitId: v.unitId,
        placeId: placeId ?? null,
        channel: v.channel,
        hostName: v.hostName,
        hostPhone: v.hostPhone || null,
        address: v.address,
        arrivalAt: vnInstant(v.arrivalAt) ?? '',
        receivedAt: vnInstant(v.receivedAt),
        guests: guests.map((g) => ({ name: g.name, birthDate: g.birthDate || null, idNumber: g.idNumber || null })),
      }),
    {
      queryKey: residenceQueryKey,
      saved: (n) =>
        t('residencePage.notifications.created', {
          reference: n.reference,
          result: n.onTime ? t('residence.onTime') : t('residence.late'),
        }),
      onClose,
    },
  );
  const setGuest = (i: number, patch: Partial<Guest>) => setGuests(guests.map((g, j) => (j === i ? { ...g, ...patch } : g)));
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('residencePage.notifications.addTitle')}
      size="lg"
      mutation={save}
      cancelLabel={t('residencePage.cancel')}
      submitLabel={t('residencePage.notifications.save')}
      intro={<Text size="sm">{t('residencePage.notifications.addIntro')}</Text>}
    >
      {unitId ? null : (
        <BlockSelect label={t('residencePage.fields.unit')} units={units} value={v.unitId} onChange={(x) => set({ unitId: x })} />
      )}
      <ChoiceSelect
        label={t('residencePage.notifications.channel')}
        choices={['phone', 'in_person', 'email'] as const}
        messages="residence.channels"
        value={v.channel}
        onChange={(channel) => set({ channel })}
      />
      <TextInput label={t('residencePage.fields.host')} {...text('hostName')} required />
      <TextInput label={t('residencePage.fields.phone')} {...text('hostPhone')} type="tel" />
      <TextInput label={t('residencePage.fields.address')} {...text('address')} required />
      <TextInput
        label={t('residencePage.notifications.arrivalAt')}
        type="datetime-local"
        {...text('arrivalAt')}
        required
        max={`${todayInVietnam()}T23:59`}
      />
      <TextInput
        label={t('residencePage.notifications.receivedAt')}
        description={t('residencePage.notifications.receivedHint')}
        type="datetime-local"
        {...text('receivedAt')}
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
    </FormModal>
  );
}

/** The head and rows of a notifications table; the guests' ID numbers masked, with the audited "show" for those allowed. */
export function NotificationRows({ rows }: { rows: readonly NotificationView[] }) {
  const { t } = useTranslation();
  const canReveal = useCan()('residence.identity');
  return (
    <>
      <FieldsHead fields={['reference', 'arrival', 'onTime', 'host', 'guests', 'channel']} />
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
    </>
  );
}

/** Stay notifications: newest arrival first, names searched without diacritics, the on-time filter, the phone quick entry. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const canManage = useCan()('residence.manage');
  const [isOpen, setOpen] = useState(false);
  const query = { q: search.q, unitId: search.unitId, onTime: search.onTime };
  const list = usePagedList<NotificationView>('notifications', query, fetchNotifications);
  const update = (patch: Partial<typeof search>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const clear = () => void navigate({ search: {}, replace: true });
  return (
    <ResidenceListPage
      section="notifications"
      description={`${t('residencePage.notifications.publicForm')} · ${t('residencePage.identityNote')}`}
      onAdd={canManage ? () => setOpen(true) : undefined}
      exportHref={canManage ? notificationsExportUrl(query) : undefined}
      search={query}
      onChange={update}
      onClear={clear}
      filters={
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
      }
      list={list}
      dialogs={canManage ? <NotificationFormModal opened={isOpen} onClose={() => setOpen(false)} /> : null}
    >
      <NotificationRows rows={list.rows} />
    </ResidenceListPage>
  );
}
