import type { InspectionView, NotificationView, PlaceView, ResidentView } from '@binh-an/domain';
import { Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { DetailFact, DetailPageShell } from '../../ui/detail-page-shell.tsx';
import { fieldErrors } from '../../ui/form-modal.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { useCan } from '../auth/hooks.ts';
import { fetchInspections, fetchNotifications, fetchPlace, fetchResidents, residenceQueryKey, updatePlace } from './api.ts';
import { InspectionFormModal, InspectionRows } from './inspections-page.tsx';
import { NotificationFormModal, NotificationRows } from './notifications-page.tsx';
import { PlaceFormModal } from './places-page.tsx';
import { ResidenceTable } from './residence-parts.tsx';
import { ResidentFormModal, ResidentRows } from './residents-page.tsx';
import { usePagedList } from './use-paged.ts';

const routeApi = getRouteApi('/signed-in/residence/places/$placeId');

function Section({ title, action, children }: { title: string; action?: React.ReactNode; children: React.ReactNode }) {
  return (
    <Stack gap="xs" component="section">
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h3">
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Stack>
  );
}

function PlaceBody({ place }: { place: PlaceView }) {
  const { t } = useTranslation();
  const can = useCan();
  const [open, setOpen] = useState<'notification' | 'resident' | 'inspection' | null>(null);
  const filter = { placeId: place.id };
  const notifications = usePagedList<NotificationView>('place-notifications', filter, fetchNotifications);
  const residents = usePagedList<ResidentView>('place-residents', filter, fetchResidents);
  const inspections = usePagedList<InspectionView>('place-inspections', filter, fetchInspections);
  const empty = <Text c="dimmed">—</Text>;
  return (
    <Stack gap="lg">
      <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="xs" m={0}>
        <DetailFact label={t('residencePage.block')}>{place.unitName}</DetailFact>
        <DetailFact label={t('residencePage.kind')}>{t(`residence.placeKinds.${place.kind}`)}</DetailFact>
        <DetailFact label={t('residencePage.fields.address')}>{place.address}</DetailFact>
        <DetailFact label={t('residencePage.fields.owner')}>{place.ownerName}</DetailFact>
        <DetailFact label={t('residencePage.fields.phone')}>{place.phone ?? '—'}</DetailFact>
        <DetailFact label={t('residencePage.fields.capacity')}>{place.capacity === null ? '—' : formatNumber(place.capacity)}</DetailFact>
        <DetailFact label={t('residencePage.fields.commitment')}>
          {place.commitmentSignedOn ? formatDate(place.commitmentSignedOn) : '—'}
        </DetailFact>
        <DetailFact label={t('residencePage.fields.conditionsMet')}>
          {place.conditionsMet ? t('residencePage.places.yes') : t('residencePage.places.no')}
        </DetailFact>
      </SimpleGrid>
      <Section
        title={t('residencePage.sections.notifications')}
        action={
          can('residence.manage') ? (
            <Button variant="light" onClick={() => setOpen('notification')}>
              {t('residencePage.notifications.add')}
            </Button>
          ) : null
        }
      >
        {notifications.rows.length ? (
          <ResidenceTable section="notifications">
            <NotificationRows rows={notifications.rows} />
          </ResidenceTable>
        ) : (
          empty
        )}
      </Section>
      <Section
        title={t('residencePage.sections.residents')}
        action={
          can('residence.manage') ? (
            <Button variant="light" onClick={() => setOpen('resident')}>
              {t('residencePage.residents.add')}
            </Button>
          ) : null
        }
      >
        {residents.rows.length ? (
          <ResidenceTable section="residents">
            <ResidentRows rows={residents.rows} />
          </ResidenceTable>
        ) : (
          empty
        )}
      </Section>
      <Section
        title={t('residencePage.sections.inspections')}
        action={
          can('residence.inspect') ? (
            <Button variant="light" onClick={() => setOpen('inspection')}>
              {t('residencePage.inspections.add')}
            </Button>
          ) : null
        }
      >
        {inspections.rows.length ? (
          <ResidenceTable section="inspections">
            <InspectionRows rows={inspections.rows} />
          </ResidenceTable>
        ) : (
          empty
        )}
      </Section>
      {open === 'notification' ? (
        <NotificationFormModal opened onClose={() => setOpen(null)} placeId={place.id} unitId={place.unitId} />
      ) : null}
      {open === 'resident' ? <ResidentFormModal opened onClose={() => setOpen(null)} placeId={place.id} unitId={place.unitId} /> : null}
      {open === 'inspection' ? <InspectionFormModal opened onClose={() => setOpen(null)} placeId={place.id} unitId={place.unitId} /> : null}
    </Stack>
  );
}

/** "Sửa" opens the place's form; "Ngừng theo dõi" asks first, naming the place and what it means. */
function PlaceActions({ place }: { place: PlaceView }) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [open, setOpen] = useState<'edit' | 'stop' | null>(null);
  const toggle = useMutation({
    mutationFn: () => updatePlace(place.id, { active: !place.active }),
    onSuccess: () => {
      notifySuccess(t(place.active ? 'residencePage.places.stopped' : 'residencePage.places.resumed', { name: place.name }));
      void qc.invalidateQueries({ queryKey: residenceQueryKey });
      setOpen(null);
    },
  });
  if (!can('residence.manage')) return null;
  return (
    <Group gap="xs">
      <Button variant="outline" onClick={() => setOpen('edit')}>
        {t('residencePage.places.edit')}
      </Button>
      {place.active ? (
        <Button variant="outline" color="red" onClick={() => setOpen('stop')}>
          {t('residencePage.places.stop')}
        </Button>
      ) : (
        <Button variant="outline" onClick={() => toggle.mutate()} loading={toggle.isPending}>
          {t('residencePage.places.resume')}
        </Button>
      )}
      {open === 'edit' ? <PlaceFormModal opened onClose={() => setOpen(null)} place={place} /> : null}
      <ConfirmDialog
        opened={open === 'stop'}
        title={t('residencePage.places.stopTitle', { name: place.name })}
        message={t('residencePage.places.stopMessage', { name: place.name })}
        confirmLabel={t('residencePage.places.stop')}
        onConfirm={() => toggle.mutate()}
        onClose={() => setOpen(null)}
        isLoading={toggle.isPending}
        error={toggle.isError ? fieldErrors(toggle.error) : null}
      />
    </Group>
  );
}

/** One place with its notifications, residents and inspections. */
export function PlaceDetailPage() {
  const { t } = useTranslation();
  const { placeId } = routeApi.useParams();
  const query = useQuery({ queryKey: [...residenceQueryKey, 'place', placeId], queryFn: ({ signal }) => fetchPlace(placeId, signal) });
  return (
    <DetailPageShell
      query={query}
      back={{ to: '/residence', label: t('residencePage.places.back') }}
      loadingTitle={t('residencePage.places.loading')}
      errorTitle={t('residencePage.places.error')}
      title={(p) => p.name}
      actions={(p) => <PlaceActions place={p} />}
      meta={(p) => (
        <Text size="sm" c="dimmed">
          {p.lastInspectedOn
            ? `${t('residencePage.fields.lastInspected')}: ${formatDate(p.lastInspectedOn)}`
            : t('residencePage.identityNote')}
        </Text>
      )}
    >
      {(p) => <PlaceBody place={p} />}
    </DetailPageShell>
  );
}
