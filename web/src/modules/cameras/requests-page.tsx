import {
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Modal,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert, FormErrorAlert } from '../../ui/error-alert.tsx';
import { fieldErrors } from '../../ui/form-modal.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { PagedTable, useCursorList } from '../../ui/paged-table.tsx';
import { useCan } from '../auth/hooks.ts';
import {
  camerasQueryKey,
  createRequest,
  type FoundCamera,
  fetchLimits,
  fetchRequest,
  fetchRequests,
  footageUrl,
  type Limits,
  PAGE_SIZE,
  saveLimits,
  searchCameras,
  vnDay,
  vnLocalToIso,
} from './api.ts';
import { CamerasNav } from './cameras-nav.tsx';

/** A datetime-local value some hours before now, in Vietnam time. */
function vnLocalHoursAgo(hours: number): string {
  return new Date(Date.now() + 7 * 3_600_000 - hours * 3_600_000).toISOString().slice(0, 16);
}

/** The request form: a place and a window, the cameras found (with their retention), then the tip or case and the purpose. */
function RequestFormModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [v, setV] = useState({
    lat: '' as number | string,
    lng: '' as number | string,
    radiusMetres: 100 as number | string,
    from: vnLocalHoursAgo(8),
    to: vnLocalHoursAgo(2),
    reference: '',
    purpose: '',
  });
  const [found, setFound] = useState<FoundCamera[] | null>(null);
  const place = () => ({
    lat: v.lat === '' ? Number.NaN : Number(v.lat),
    lng: v.lng === '' ? Number.NaN : Number(v.lng),
    radiusMetres: v.radiusMetres === '' ? Number.NaN : Number(v.radiusMetres),
    fromAt: vnLocalToIso(v.from),
    toAt: vnLocalToIso(v.to),
  });
  const find = useMutation({ mutationFn: () => searchCameras(place()), onSuccess: (res) => setFound(res.items) });
  const send = useMutation({
    mutationFn: () => createRequest({ ...place(), reference: v.reference, purpose: v.purpose }),
    onSuccess: (res) => {
      notifySuccess(t('camerasPage.requests.sent', { number: res.number, n: formatNumber(res.cameras.length) }));
      void qc.invalidateQueries({ queryKey: camerasQueryKey });
      onClose();
    },
  });
  const error = send.isError ? fieldErrors(send.error) : find.isError ? fieldErrors(find.error) : null;
  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={t('camerasPage.requests.newTitle')}
      size="lg"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send.mutate();
        }}
        noValidate
      >
        <Stack gap="sm">
          <FormErrorAlert message={error} />
          <Group grow>
            <NumberInput
              label={t('camerasPage.requests.lat')}
              value={v.lat}
              onChange={(x) => setV({ ...v, lat: x })}
              decimalScale={6}
              required
            />
            <NumberInput
              label={t('camerasPage.requests.lng')}
              value={v.lng}
              onChange={(x) => setV({ ...v, lng: x })}
              decimalScale={6}
              required
            />
          </Group>
          <NumberInput
            label={t('camerasPage.requests.radius')}
            value={v.radiusMetres}
            onChange={(x) => setV({ ...v, radiusMetres: x })}
            min={1}
            max={2000}
            required
          />
          <Group grow>
            <TextInput
              type="datetime-local"
              label={t('camerasPage.requests.from')}
              value={v.from}
              onChange={(e) => setV({ ...v, from: e.currentTarget.value })}
              required
            />
            <TextInput
              type="datetime-local"
              label={t('camerasPage.requests.to')}
              value={v.to}
              onChange={(e) => setV({ ...v, to: e.currentTarget.value })}
              required
            />
          </Group>
          <Group justify="flex-start">
            <Button variant="light" onClick={() => find.mutate()} loading={find.isPending}>
              {t('camerasPage.requests.find')}
            </Button>
          </Group>
          {found ? (
            <section aria-live="polite">
              {found.length ? (
                <>
                  <Text fw={700}>{t('camerasPage.requests.found', { n: formatNumber(found.length) })}</Text>
                  <List size="sm">
                    {found.map((c) => (
                      <List.Item key={c.id}>
                        {c.label} · {t('camerasPage.requests.distance', { n: formatNumber(c.distance) })} ·{' '}
                        <Badge variant="outline" color={c.holdsFootage ? 'green.9' : 'gray.8'}>
                          {c.holdsFootage ? t('camerasPage.requests.holds') : t('camerasPage.requests.gone')}
                        </Badge>
                      </List.Item>
                    ))}
                  </List>
                </>
              ) : (
                <Text>{t('camerasPage.requests.foundNone')}</Text>
              )}
            </section>
          ) : null}
          <TextInput
            label={t('camerasPage.requests.reference')}
            description={t('camerasPage.requests.referenceHint')}
            value={v.reference}
            onChange={(e) => setV({ ...v, reference: e.currentTarget.value })}
            required
          />
          <Textarea
            label={t('camerasPage.requests.purpose')}
            value={v.purpose}
            onChange={(e) => setV({ ...v, purpose: e.currentTarget.value })}
            required
            autosize
            minRows={2}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('camerasPage.cancel')}
            </Button>
            <Button type="submit" loading={send.isPending}>
              {t('camerasPage.requests.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** One request with every camera asked and the owner's answer. */
function RequestDetailModal({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: [...camerasQueryKey, 'request', id], queryFn: ({ signal }) => fetchRequest(id, signal) });
  const r = query.data;
  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={r ? t('camerasPage.requests.detailTitle', { number: r.number }) : ''}
      size="xl"
    >
      {query.isPending ? (
        <LoadingState />
      ) : query.isError || !r ? (
        <ErrorAlert error={query.error} />
      ) : (
        <Stack gap="sm">
          <Text>
            <strong>{r.reference}</strong> · {formatDateTime(r.fromAt)} – {formatDateTime(r.toAt)}
          </Text>
          <Text size="sm">
            {t('camerasPage.requests.purposeLabel')}: {r.purpose}
          </Text>
          <Text size="sm">
            {t('camerasPage.requests.place', { lat: r.lat.toFixed(5), lng: r.lng.toFixed(5), radius: formatNumber(r.radiusMetres) })}
          </Text>
          {r.exception ? (
            <Badge color="orange.9" variant="outline">
              {t('camerasPage.requests.exception')}
            </Badge>
          ) : null}
          <DataTable caption={t('camerasPage.requests.answers')} minWidth={640}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('camerasPage.columns.label')}</Table.Th>
                <Table.Th scope="col">{t('camerasPage.requests.distance', { n: '' })}</Table.Th>
                <Table.Th scope="col">{t('camerasPage.columns.status')}</Table.Th>
                <Table.Th scope="col">{t('camerasPage.requests.answers')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.cameras.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Th scope="row">
                    {c.label}
                    <Text size="xs" c="dimmed">
                      {c.notified ? t('camerasPage.requests.notified') : t('camerasPage.requests.notNotified')}
                    </Text>
                  </Table.Th>
                  <Table.Td>{formatNumber(c.distance)}</Table.Td>
                  <Table.Td>
                    {t(`cameras.outcomes.${c.outcome}`)}
                    {c.answeredAt ? ` (${formatDate(vnDay(c.answeredAt))})` : ''}
                  </Table.Td>
                  <Table.Td>
                    {c.note ?? ''}
                    {c.file ? (
                      <>
                        {' '}
                        <Anchor href={footageUrl(r.id, c.id)} download>
                          {t('camerasPage.requests.download')}: {c.file.name}
                        </Anchor>
                        {c.file.quarantined ? ` ${t('camerasPage.requests.quarantined')}` : ''}
                      </>
                    ) : null}
                    {!c.note && !c.file ? t('camerasPage.requests.noAnswer') : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </DataTable>
        </Stack>
      )}
    </Modal>
  );
}

/** The ward's limits; the chief changes them (a reason when they depart from the defaults). */
function LimitsPanel({ limits }: { limits: Limits }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const canSet = useCan()('camera.limits');
  const [v, setV] = useState({
    hours: limits.maxWindowHours as number | string,
    radius: limits.maxRadiusMetres as number | string,
    reason: limits.reason ?? '',
  });
  const save = useMutation({
    mutationFn: () =>
      saveLimits({ maxWindowHours: Number(v.hours), maxRadiusMetres: Number(v.radius), reason: v.reason.trim() || undefined }),
    onSuccess: () => {
      notifySuccess(t('camerasPage.limits.saved'));
      void qc.invalidateQueries({ queryKey: camerasQueryKey });
    },
  });
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4">
        {t('camerasPage.limits.title')}
      </Title>
      <Text>
        {t('camerasPage.limits.current', { hours: formatNumber(limits.maxWindowHours), radius: formatNumber(limits.maxRadiusMetres) })}
      </Text>
      <Text size="sm" c="dimmed">
        {t('camerasPage.limits.defaults', {
          hours: formatNumber(limits.defaults.maxWindowHours),
          radius: formatNumber(limits.defaults.maxRadiusMetres),
        })}
      </Text>
      {limits.custom && limits.reason ? <Text size="sm">{t('camerasPage.limits.custom', { reason: limits.reason })}</Text> : null}
      <Text size="sm" c="dimmed">
        {t('camerasPage.limits.note')}
      </Text>
      {canSet ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
          noValidate
        >
          <Stack gap="xs" mt="sm">
            <FormErrorAlert message={save.isError ? fieldErrors(save.error) : null} />
            <Group grow>
              <NumberInput
                label={t('camerasPage.limits.hours')}
                value={v.hours}
                onChange={(x) => setV({ ...v, hours: x })}
                min={1}
                max={24}
              />
              <NumberInput
                label={t('camerasPage.limits.radius')}
                value={v.radius}
                onChange={(x) => setV({ ...v, radius: x })}
                min={10}
                max={2000}
              />
            </Group>
            <TextInput
              label={t('camerasPage.limits.reason')}
              value={v.reason}
              onChange={(e) => setV({ ...v, reason: e.currentTarget.value })}
            />
            <Group justify="flex-end">
              <Button type="submit" variant="light" loading={save.isPending}>
                {t('camerasPage.limits.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Paper>
  );
}

/** "Đề nghị hình ảnh": the requests sent, newest first, with their outcomes; a new request; the ward's limits. */
export function CameraRequestsPage() {
  const { t } = useTranslation();
  const [isNewOpen, setNewOpen] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const limits = useQuery({ queryKey: [...camerasQueryKey, 'limits'], queryFn: ({ signal }) => fetchLimits(signal) });
  const list = useCursorList([...camerasQueryKey, 'requests'], (cursor, signal) => fetchRequests({ cursor, limit: PAGE_SIZE }, signal));
  const items = list.items;
  const total = list.first?.total ?? 0;
  const l = limits.data;
  return (
    <>
      <PageHeader
        title={t('camerasPage.requests.title')}
        description={t('camerasPage.requests.description', {
          hours: formatNumber(l?.maxWindowHours ?? 12),
          radius: formatNumber(l?.maxRadiusMetres ?? 500),
        })}
        actions={<Button onClick={() => setNewOpen(true)}>{t('camerasPage.requests.new')}</Button>}
      />
      <CamerasNav current="requests" />
      <Stack gap="md">
        {l ? <LimitsPanel key={`${l.maxWindowHours}-${l.maxRadiusMetres}`} limits={l} /> : null}
        <PagedTable
          list={list}
          rowCount={items.length}
          empty={<EmptyState title={t('camerasPage.requests.empty')} description={t('camerasPage.requests.emptyHint')} />}
          caption={t('camerasPage.requests.caption')}
          minWidth={900}
          countText={t('camerasPage.requests.count', { shown: formatNumber(items.length), total: formatNumber(total) })}
          onRetry={() => void list.refetch()}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('camerasPage.requests.columns.number')}</Table.Th>
              <Table.Th scope="col">{t('camerasPage.requests.columns.reference')}</Table.Th>
              <Table.Th scope="col">{t('camerasPage.requests.columns.window')}</Table.Th>
              <Table.Th scope="col">{t('camerasPage.requests.columns.cameras')}</Table.Th>
              <Table.Th scope="col">{t('camerasPage.requests.columns.outcomes')}</Table.Th>
              <Table.Th scope="col">{t('camerasPage.requests.columns.sent')}</Table.Th>
              <Table.Th scope="col">{t('camerasPage.columns.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Th scope="row">
                  {r.number}
                  {r.exception ? (
                    <Badge ml={4} color="orange.9" variant="outline">
                      {t('camerasPage.requests.exception')}
                    </Badge>
                  ) : null}
                </Table.Th>
                <Table.Td>{r.reference}</Table.Td>
                <Table.Td>
                  {formatDateTime(r.fromAt)} – {formatDateTime(r.toAt)}
                </Table.Td>
                <Table.Td>{formatNumber(r.cameras)}</Table.Td>
                <Table.Td>
                  {t('camerasPage.requests.outcomeText', {
                    share: formatNumber(r.outcomes.share),
                    noFootage: formatNumber(r.outcomes.no_footage),
                    decline: formatNumber(r.outcomes.decline),
                    pending: formatNumber(r.outcomes.pending),
                  })}
                </Table.Td>
                <Table.Td>{formatDate(vnDay(r.createdAt))}</Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    onClick={() => setOpenId(r.id)}
                    aria-label={`${t('camerasPage.requests.open')}: ${r.number}`}
                  >
                    {t('camerasPage.requests.open')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </PagedTable>
      </Stack>
      {isNewOpen ? <RequestFormModal onClose={() => setNewOpen(false)} /> : null}
      {openId ? <RequestDetailModal id={openId} onClose={() => setOpenId(null)} /> : null}
    </>
  );
}
