import type { ActivityType, OutreachTopic } from '@binh-an/domain';
import {
  Anchor,
  Badge,
  Button,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../lib/api.ts';
import { formatDate, formatDateTime, formatNumber, todayInVietnam } from '../../lib/format.ts';
import { ActionForm } from '../../ui/action-form.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { useCursorList } from '../../ui/paged-table.tsx';
import { useCan } from '../auth/hooks.ts';
import { ActivityEdit, NewActivityForm } from './activity-form.tsx';
import { AnnouncementEdit, NewAnnouncementForm } from './announcement-form.tsx';
import {
  type ActivityFilters,
  ANNOUNCEMENT_KINDS,
  type AnnouncementFilters,
  type AnnouncementKind,
  type AnnouncementView,
  activitiesExportUrl,
  createBroadcast,
  createScript,
  discardAnnouncement,
  fetchActivities,
  fetchAnnouncement,
  fetchAnnouncements,
  fetchBroadcasts,
  fetchDeliveries,
  fetchScript,
  fetchScripts,
  fetchSubscriberFigures,
  markAired,
  materialUrl,
  OUTREACH_TABS,
  type OutreachTab,
  outreachKey,
  publishAnnouncement,
  reviseScript,
  type ScriptFilters,
  type ScriptView,
} from './api.ts';
import { ListFilters, mutationForm, TabTable, TopicSelect, useOptions, useTargetUnits } from './outreach-parts.tsx';

/* ---------- activities ---------- */

function ActivitiesTab({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const { types } = useOptions();
  const [filters, setFilters] = useState<ActivityFilters>({});
  const [editing, setEditing] = useState<string | null>(null);
  const query = useCursorList([...outreachKey, 'activities', filters], (cursor) => fetchActivities(filters, cursor));
  const items = query.items;
  const set = (patch: ActivityFilters) => setFilters((f) => ({ ...f, ...patch }));
  const edited = items.find((a) => a.id === editing);
  return (
    <Stack>
      {canManage ? <NewActivityForm /> : null}
      <ListFilters label={t('outreachPage.activities.filters')} q={filters.q} onSearch={(q) => set({ q })}>
        <Select
          label={t('outreachPage.type')}
          data={types}
          value={filters.type ?? null}
          onChange={(v) => set({ type: (v as ActivityType) ?? undefined })}
          clearable
        />
        <TopicSelect clearable value={filters.topic} onChange={(topic) => set({ topic })} />
        <TextInput
          type="date"
          label={t('outreachPage.from')}
          value={filters.from ?? ''}
          onChange={(e) => set({ from: e.currentTarget.value || undefined })}
        />
        <TextInput
          type="date"
          label={t('outreachPage.to')}
          value={filters.to ?? ''}
          onChange={(e) => set({ to: e.currentTarget.value || undefined })}
        />
        <Anchor href={activitiesExportUrl(filters, 'csv')} download>
          {t('outreachPage.exportCsv')}
        </Anchor>
        <Anchor href={activitiesExportUrl(filters, 'xlsx')} download>
          {t('outreachPage.exportXlsx')}
        </Anchor>
      </ListFilters>
      {edited ? <ActivityEdit key={edited.id} a={edited} onDone={() => setEditing(null)} /> : null}
      <TabTable list={query} name="activities" minWidth={760}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('outreachPage.activities.heldOn')}</Table.Th>
            <Table.Th scope="col">{t('outreachPage.unit')}</Table.Th>
            <Table.Th scope="col">{t('outreachPage.type')}</Table.Th>
            <Table.Th scope="col">{t('outreachPage.topic')}</Table.Th>
            <Table.Th scope="col">{t('outreachPage.activities.titleField')}</Table.Th>
            <Table.Th scope="col" style={{ textAlign: 'right' }}>
              {t('outreachPage.activities.audience')}
            </Table.Th>
            {canManage ? <Table.Th scope="col">{t('outreachPage.activities.actions')}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{formatDate(a.heldOn)}</Table.Td>
              <Table.Td>{a.unitName}</Table.Td>
              <Table.Td>{t(`outreach.types.${a.type}`)}</Table.Td>
              <Table.Td>{t(`outreach.topics.${a.topic}`)}</Table.Td>
              <Table.Td>
                {a.title}
                {a.materials.length ? (
                  <Text size="xs" c="dimmed">
                    {a.materials.join(' · ')}
                  </Text>
                ) : null}
                {a.files.map((f) => (
                  <Text size="xs" key={f.id}>
                    <Anchor href={materialUrl(a.id, f.id)} download>
                      {f.name}
                    </Anchor>
                  </Text>
                ))}
              </Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{formatNumber(a.audienceTotal)}</Table.Td>
              {canManage ? (
                <Table.Td>
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    aria-label={t('outreachPage.activities.editTitle', { title: a.title })}
                    aria-expanded={editing === a.id}
                    onClick={() => setEditing(editing === a.id ? null : a.id)}
                  >
                    {t('outreachPage.edit')}
                  </Button>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </TabTable>
    </Stack>
  );
}

/* ---------- the script library ---------- */

function ScriptDetail({ id, canManage }: { id: string; canManage: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const query = useQuery({ queryKey: [...outreachKey, 'script', id], queryFn: () => fetchScript(id) });
  const [body, setBody] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const revise = useMutation({
    mutationFn: () => reviseScript(id, { body: body ?? '', ...(note.trim() ? { note } : {}) }),
    onSuccess: () => {
      notifySuccess(t('outreachPage.scripts.revised'));
      setBody(null);
      setNote('');
      void client.invalidateQueries({ queryKey: outreachKey });
    },
  });
  if (!query.data) return query.error ? <ErrorAlert error={query.error} /> : <LoadingState />;
  const s = query.data;
  return (
    <Stack gap="xs">
      {canManage ? (
        <ActionForm
          id={`revise-${id}`}
          title={t('outreachPage.scripts.revise', { title: s.title })}
          {...mutationForm(revise, t('outreachPage.scripts.saveVersion', { version: s.version + 1 }))}
        >
          <Textarea
            label={t('outreachPage.scripts.body')}
            value={body ?? s.body}
            onChange={(e) => setBody(e.currentTarget.value)}
            autosize
            minRows={4}
          />
          <TextInput label={t('outreachPage.scripts.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        </ActionForm>
      ) : null}
      <DataTable caption={t('outreachPage.scripts.versions', { title: s.title })} minWidth={560}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('outreachPage.scripts.version')}</Table.Th>
            <Table.Th scope="col">{t('outreachPage.scripts.body')}</Table.Th>
            <Table.Th scope="col">{t('outreachPage.scripts.when')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(s.versions ?? []).map((v) => (
            <Table.Tr key={v.version}>
              <Table.Td>v{v.version}</Table.Td>
              <Table.Td style={{ whiteSpace: 'pre-wrap' }}>
                {v.body}
                {v.note ? (
                  <Text size="xs" c="dimmed">
                    {v.note}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>{formatDateTime(v.createdAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </DataTable>
    </Stack>
  );
}

function ScriptsTab({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const units = useTargetUnits();
  const [filters, setFilters] = useState<ScriptFilters>({});
  const query = useCursorList([...outreachKey, 'scripts', filters], (cursor) => fetchScripts(filters, cursor));
  const items = query.items;
  const [open, setOpen] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [topic, setTopic] = useState<OutreachTopic>('fraud');
  const [body, setBody] = useState('');
  const unit = unitId ?? units[0]?.value ?? null;
  const add = useMutation({
    mutationFn: () => createScript({ unitId: unit ?? '', title, topic, body }),
    onSuccess: (s: ScriptView) => {
      notifySuccess(t('outreachPage.scripts.saved'));
      setTitle('');
      setBody('');
      setOpen(s.id);
      void client.invalidateQueries({ queryKey: outreachKey });
    },
  });
  return (
    <Stack>
      {canManage ? (
        <ActionForm id="script-form" title={t('outreachPage.scripts.add')} {...mutationForm(add, t('outreachPage.scripts.save'))}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label={t('outreachPage.unit')} data={units} value={unit} onChange={setUnitId} allowDeselect={false} />
            <TopicSelect value={topic} onChange={setTopic} />
          </SimpleGrid>
          <TextInput
            label={t('outreachPage.scripts.titleField')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            required
          />
          <Textarea
            label={t('outreachPage.scripts.body')}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            autosize
            minRows={4}
            required
          />
        </ActionForm>
      ) : null}
      <ListFilters label={t('outreachPage.scripts.filters')} q={filters.q} onSearch={(q) => setFilters((f) => ({ ...f, q }))}>
        <TopicSelect clearable value={filters.topic} onChange={(topic) => setFilters((f) => ({ ...f, topic }))} />
      </ListFilters>
      <TabTable list={query} name="scripts" minWidth={560}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('outreachPage.scripts.titleField')}</Table.Th>
            <Table.Th scope="col">{t('outreachPage.topic')}</Table.Th>
            <Table.Th scope="col">{t('outreachPage.scripts.version')}</Table.Th>
            <Table.Th scope="col">{t('outreachPage.unit')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>
                <Button
                  variant="subtle"
                  size="compact-sm"
                  aria-expanded={open === s.id}
                  onClick={() => setOpen(open === s.id ? null : s.id)}
                >
                  {s.title}
                </Button>
              </Table.Td>
              <Table.Td>{t(`outreach.topics.${s.topic}`)}</Table.Td>
              <Table.Td>v{s.version}</Table.Td>
              <Table.Td>{s.unitName}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </TabTable>
      {open ? <ScriptDetail id={open} canManage={canManage} /> : null}
    </Stack>
  );
}

/* ---------- the broadcast schedule ---------- */

function ScheduleTab({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const units = useTargetUnits();
  const scripts = useQuery({ queryKey: [...outreachKey, 'scripts', 'all'], queryFn: () => fetchScripts({}, undefined, 200) });
  const [from, setFrom] = useState(todayInVietnam());
  const query = useQuery({ queryKey: [...outreachKey, 'broadcasts', from], queryFn: () => fetchBroadcasts(from) });
  const [unitId, setUnitId] = useState<string | null>(null);
  const [scriptId, setScriptId] = useState<string | null>(null);
  const [airsOn, setAirsOn] = useState(todayInVietnam());
  const [airsAt, setAirsAt] = useState('06:30');
  const [minutes, setMinutes] = useState<number | string>(15);
  const [reading, setReading] = useState<string | null>(null);
  const unit = unitId ?? units[0]?.value ?? null;
  const unitType = units.find((u) => u.value === unit)?.type;
  const add = useMutation({
    mutationFn: () =>
      createBroadcast({
        unitId: unit ?? '',
        scriptId: scriptId ?? '',
        system: unitType === 'block' ? 'block' : 'ward',
        airsOn,
        airsAt,
        minutes: Number(minutes) || 0,
      }),
    onSuccess: () => {
      notifySuccess(t('outreachPage.schedule.saved'));
      void client.invalidateQueries({ queryKey: outreachKey });
    },
  });
  const aired = useMutation({
    mutationFn: (id: string) => markAired(id),
    onSuccess: () => {
      notifySuccess(t('outreachPage.schedule.airedSaved'));
      void client.invalidateQueries({ queryKey: outreachKey });
    },
  });
  return (
    <Stack>
      {canManage ? (
        <ActionForm
          id="broadcast-form"
          title={t('outreachPage.schedule.add')}
          hint={t('outreachPage.schedule.addHint')}
          {...mutationForm(add, t('outreachPage.schedule.save'))}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label={t('outreachPage.schedule.system')} data={units} value={unit} onChange={setUnitId} allowDeselect={false} />
            <Select
              label={t('outreachPage.schedule.script')}
              data={(scripts.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.title} (v${s.version})` }))}
              value={scriptId}
              onChange={setScriptId}
              required
            />
            <TextInput
              type="date"
              label={t('outreachPage.schedule.airsOn')}
              value={airsOn}
              onChange={(e) => setAirsOn(e.currentTarget.value)}
            />
            <TextInput
              type="time"
              label={t('outreachPage.schedule.airsAt')}
              value={airsAt}
              onChange={(e) => setAirsAt(e.currentTarget.value)}
            />
            <NumberInput label={t('outreachPage.schedule.minutes')} min={1} max={240} value={minutes} onChange={setMinutes} />
          </SimpleGrid>
        </ActionForm>
      ) : null}
      <TextInput
        type="date"
        label={t('outreachPage.schedule.from')}
        value={from}
        onChange={(e) => setFrom(e.currentTarget.value || todayInVietnam())}
        maw={220}
      />
      {query.isPending ? <LoadingState /> : null}
      {query.error ? <ErrorAlert error={query.error} /> : null}
      {aired.error ? <ErrorAlert error={aired.error} /> : null}
      {query.data?.items.length === 0 ? <EmptyState title={t('outreachPage.schedule.empty')} description="" /> : null}
      {query.data?.items.length ? (
        <DataTable
          caption={t('outreachPage.schedule.caption', { from: formatDate(query.data.from), to: formatDate(query.data.to) })}
          minWidth={720}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('outreachPage.schedule.when')}</Table.Th>
              <Table.Th scope="col">{t('outreachPage.schedule.system')}</Table.Th>
              <Table.Th scope="col">{t('outreachPage.schedule.script')}</Table.Th>
              <Table.Th scope="col">{t('outreachPage.schedule.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.data.items.map((b) => (
              <Table.Tr key={b.id}>
                <Table.Td>
                  {formatDateTime(b.airsAt)} · {t('outreachPage.schedule.minutesShort', { count: b.minutes })}
                </Table.Td>
                <Table.Td>
                  {t(`outreach.systems.${b.system}`)} · {b.unitName}
                </Table.Td>
                <Table.Td>
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    aria-expanded={reading === b.id}
                    onClick={() => setReading(reading === b.id ? null : b.id)}
                  >
                    {b.scriptTitle} (v{b.scriptVersion})
                  </Button>
                  {reading === b.id ? (
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {b.body}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  {b.airedAt ? (
                    <Badge color="green" variant="light">
                      {t('outreachPage.schedule.aired')}
                    </Badge>
                  ) : canManage && new Date(b.airsAt).getTime() <= Date.now() ? (
                    <Button
                      size="compact-sm"
                      variant="light"
                      onClick={() => aired.mutate(b.id)}
                      aria-label={`${t('outreachPage.schedule.markAired')} ${formatDateTime(b.airsAt)}`}
                    >
                      {t('outreachPage.schedule.markAired')}
                    </Button>
                  ) : (
                    <Badge variant="light">{t('outreachPage.schedule.planned')}</Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      ) : null}
    </Stack>
  );
}

/* ---------- announcements ---------- */

function AnnouncementDetail({ a, canManage }: { a: AnnouncementView; canManage: boolean }) {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [discarding, setDiscarding] = useState(false);
  const [editing, setEditing] = useState(false);
  const detail = useQuery({ queryKey: [...outreachKey, 'announcement', a.id], queryFn: () => fetchAnnouncement(a.id) });
  const discard = useMutation({
    mutationFn: () => discardAnnouncement(a.id),
    onSuccess: () => {
      setDiscarding(false);
      notifySuccess(t('outreachPage.announcements.discarded'));
      // The list only: the discarded draft's own detail is gone and must not be asked for again.
      void client.invalidateQueries({ queryKey: [...outreachKey, 'announcements'] });
    },
  });
  const deliveries = useQuery({
    queryKey: [...outreachKey, 'deliveries', a.id],
    queryFn: () => fetchDeliveries(a.id),
    enabled: can('outreach.deliveries') && !!a.publishedAt,
  });
  const publish = useMutation({
    mutationFn: () => publishAnnouncement(a.id),
    onSuccess: () => {
      setConfirming(false);
      notifySuccess(t('outreachPage.announcements.published'));
      void client.invalidateQueries({ queryKey: outreachKey });
    },
  });
  return (
    <Stack gap="xs" component="section" aria-label={a.title}>
      {a.periodFrom && a.periodTo ? (
        <Text size="sm">{t('outreachPage.announcements.period', { from: formatDate(a.periodFrom), to: formatDate(a.periodTo) })}</Text>
      ) : null}
      <Text style={{ whiteSpace: 'pre-wrap' }}>{a.body}</Text>
      {!a.publishedAt && canManage ? (
        <Group>
          <Button onClick={() => setConfirming(true)}>{t('outreachPage.announcements.publish')}</Button>
          <Button variant="default" aria-expanded={editing} onClick={() => setEditing((x) => !x)}>
            {t('outreachPage.edit')}
          </Button>
          <Button variant="outline" color="red" onClick={() => setDiscarding(true)}>
            {t('outreachPage.announcements.discard')}
          </Button>
        </Group>
      ) : null}
      {editing && !a.publishedAt && canManage ? <AnnouncementEdit a={a} onDone={() => setEditing(false)} /> : null}
      <ConfirmDialog
        opened={discarding}
        title={t('outreachPage.announcements.discardTitle')}
        message={t('outreachPage.announcements.discardMessage', { title: a.title })}
        confirmLabel={t('outreachPage.announcements.discard')}
        onConfirm={() => discard.mutate()}
        onClose={() => setDiscarding(false)}
        isLoading={discard.isPending}
        isDanger
        error={discard.error ? describeError(discard.error) : null}
      />
      <ConfirmDialog
        opened={confirming}
        title={t('outreachPage.announcements.publishTitle')}
        message={t(a.urgent ? 'outreachPage.announcements.publishUrgent' : 'outreachPage.announcements.publishMessage', { title: a.title })}
        confirmLabel={t('outreachPage.announcements.publish')}
        onConfirm={() => publish.mutate()}
        onClose={() => setConfirming(false)}
        isLoading={publish.isPending}
        isDanger={false}
        error={publish.error ? describeError(publish.error) : null}
      />
      {detail.data?.surveyByBlock?.length ? (
        <DataTable caption={t('outreachPage.announcements.surveyCaption')} minWidth={480}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('outreachPage.unit')}</Table.Th>
              {(['safer', 'same', 'less_safe'] as const).map((x) => (
                <Table.Th key={x} scope="col" style={{ textAlign: 'right' }}>
                  {t(`outreach.surveyAnswers.${x}`)}
                </Table.Th>
              ))}
              <Table.Th scope="col" style={{ textAlign: 'right' }}>
                {t('outreachPage.announcements.saferShare')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {detail.data.surveyByBlock.map((b) => (
              <Table.Tr key={b.unitId}>
                <Table.Td>{b.unitName}</Table.Td>
                {(['safer', 'same', 'less_safe'] as const).map((x) => (
                  <Table.Td key={x} style={{ textAlign: 'right' }}>
                    {formatNumber(b.counts[x])}
                  </Table.Td>
                ))}
                <Table.Td style={{ textAlign: 'right' }}>{b.saferShare === null ? '—' : `${formatNumber(b.saferShare)} %`}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      ) : null}
      {deliveries.data?.items.length ? (
        <DataTable caption={t('outreachPage.announcements.deliveriesCaption', { title: a.title })} minWidth={600}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('outreachPage.announcements.contact')}</Table.Th>
              <Table.Th scope="col">{t('outreachPage.announcements.channel')}</Table.Th>
              <Table.Th scope="col">{t('outreachPage.announcements.status')}</Table.Th>
              <Table.Th scope="col" style={{ textAlign: 'right' }}>
                {t('outreachPage.announcements.attempts')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {deliveries.data.items.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>{d.contact}</Table.Td>
                <Table.Td>{t(`outreach.channels.${d.channel}`)}</Table.Td>
                <Table.Td>
                  <Badge color={d.status === 'sent' ? 'green' : d.status === 'failed' ? 'red' : 'yellow'} variant="light">
                    {t(`outreach.deliveryStatuses.${d.status}`)}
                  </Badge>
                  {d.status === 'pending' && d.nextAttemptAt ? (
                    <Text size="xs">{t('outreachPage.announcements.nextAttempt', { at: formatDateTime(d.nextAttemptAt) })}</Text>
                  ) : null}
                  {d.error ? <Text size="xs">{d.error}</Text> : null}
                </Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{d.attempts}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      ) : null}
    </Stack>
  );
}

function AnnouncementsTab({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<AnnouncementFilters>({});
  const [open, setOpen] = useState<string | null>(null);
  const query = useCursorList([...outreachKey, 'announcements', filters], (cursor) => fetchAnnouncements(filters, cursor));
  const items = query.items;
  const set = (patch: AnnouncementFilters) => setFilters((f) => ({ ...f, ...patch }));
  return (
    <Stack>
      {canManage ? <NewAnnouncementForm /> : null}
      <ListFilters label={t('outreachPage.announcements.filters')} q={filters.q} onSearch={(q) => set({ q })}>
        <Select
          label={t('outreachPage.announcements.kind')}
          data={ANNOUNCEMENT_KINDS.map((x) => ({ value: x, label: t(`outreach.kinds.${x}`) }))}
          value={filters.kind ?? null}
          onChange={(v) => set({ kind: (v as AnnouncementKind) ?? undefined })}
          clearable
        />
        <TopicSelect clearable value={filters.topic} onChange={(topic) => set({ topic })} />
        <Select
          label={t('outreachPage.announcements.state')}
          placeholder={t('outreachPage.announcements.allStates')}
          data={(['draft', 'published'] as const).map((x) => ({ value: x, label: t(`outreachPage.announcements.states.${x}`) }))}
          value={filters.state ?? null}
          onChange={(v) => set({ state: (v as 'draft' | 'published') ?? undefined })}
          clearable
        />
        <Anchor href="/thong-bao" target="_blank">
          {t('outreachPage.announcements.publicPage')}
        </Anchor>
      </ListFilters>
      <TabTable list={query} name="announcements" minWidth={760}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('outreachPage.announcements.titleField')}</Table.Th>
            <Table.Th scope="col">{t('outreachPage.unit')}</Table.Th>
            <Table.Th scope="col">{t('outreachPage.announcements.state')}</Table.Th>
            <Table.Th scope="col" style={{ textAlign: 'right' }}>
              {t('outreachPage.announcements.delivered')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>
                <Button
                  variant="subtle"
                  size="compact-sm"
                  aria-expanded={open === a.id}
                  onClick={() => setOpen(open === a.id ? null : a.id)}
                  style={{ whiteSpace: 'normal', height: 'auto' }}
                >
                  {a.title}
                </Button>
                <Group gap={4}>
                  <Badge variant="light" color={a.kind === 'alert' ? 'orange' : a.kind === 'survey' ? 'grape' : 'blue'}>
                    {t(`outreach.kinds.${a.kind}`)}
                  </Badge>
                  {a.urgent ? (
                    <Badge color="red" variant="filled">
                      {t('outreachPage.announcements.urgentBadge')}
                    </Badge>
                  ) : null}
                  <Text size="xs">{t(`outreach.topics.${a.topic}`)}</Text>
                </Group>
                {open === a.id ? <AnnouncementDetail a={a} canManage={canManage} /> : null}
              </Table.Td>
              <Table.Td>{a.unitName}</Table.Td>
              <Table.Td>
                {a.publishedAt
                  ? t('outreachPage.announcements.publishedOn', { at: formatDateTime(a.publishedAt) })
                  : t('outreachPage.announcements.draft')}
              </Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>
                {a.deliveries ? `${formatNumber(a.delivered)} / ${formatNumber(a.deliveries)}` : '—'}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </TabTable>
    </Stack>
  );
}

/* ---------- subscribers: figures only ---------- */

function SubscribersTab() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: [...outreachKey, 'subscriber-figures'], queryFn: fetchSubscriberFigures });
  const f = query.data;
  const right = { textAlign: 'right' } as const;
  return (
    <Stack>
      <Text size="sm">{t('outreachPage.subscribers.intro')}</Text>
      {query.isPending ? <LoadingState /> : null}
      {query.error ? <ErrorAlert error={query.error} /> : null}
      {f && f.confirmed + f.pending === 0 ? <EmptyState title={t('outreachPage.subscribers.empty')} description="" /> : null}
      {f && f.confirmed + f.pending > 0 ? (
        <>
          <Text fw={600} role="status">
            {t('outreachPage.subscribers.total', { confirmed: formatNumber(f.confirmed), pending: formatNumber(f.pending) })}
          </Text>
          <DataTable caption={t('outreachPage.subscribers.byChannel')} minWidth={360}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('outreachPage.subscribers.channel')}</Table.Th>
                <Table.Th scope="col" style={right}>
                  {t('outreachPage.subscribers.confirmed')}
                </Table.Th>
                <Table.Th scope="col" style={right}>
                  {t('outreachPage.subscribers.pending')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {f.byChannel.map((c) => (
                <Table.Tr key={c.channel}>
                  <Table.Td>{t(`outreach.channels.${c.channel}`)}</Table.Td>
                  <Table.Td style={right}>{formatNumber(c.confirmed)}</Table.Td>
                  <Table.Td style={right}>{formatNumber(c.pending)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </DataTable>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <DataTable caption={t('outreachPage.subscribers.byTopic')} minWidth={300}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('outreachPage.topic')}</Table.Th>
                  <Table.Th scope="col" style={right}>
                    {t('outreachPage.subscribers.count')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {f.byTopic.map((x) => (
                  <Table.Tr key={x.topic}>
                    <Table.Td>{t(`outreach.topics.${x.topic}`)}</Table.Td>
                    <Table.Td style={right}>{formatNumber(x.count)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </DataTable>
            <DataTable caption={t('outreachPage.subscribers.byBlock')} minWidth={300}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('outreachPage.subscribers.block')}</Table.Th>
                  <Table.Th scope="col" style={right}>
                    {t('outreachPage.subscribers.count')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {f.byBlock.map((b) => (
                  <Table.Tr key={b.unitId ?? 'ward'}>
                    <Table.Td>{b.unitName ?? t('outreachPage.subscribers.wholeWard')}</Table.Td>
                    <Table.Td style={right}>{formatNumber(b.count)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </DataTable>
          </SimpleGrid>
        </>
      ) : null}
    </Stack>
  );
}

/** "Tuyên truyền": activities, the script library, the loudspeaker schedule and announcements, one tab each. */
export function OutreachPage({ tab, onTab }: { tab: OutreachTab; onTab: (tab: OutreachTab) => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const canManage = can('outreach.manage');
  return (
    <>
      <PageHeader title={t('outreachPage.title')} description={t('outreachPage.description')} />
      <Tabs value={tab} onChange={(v) => v && onTab(v as OutreachTab)} keepMounted={false}>
        <Tabs.List mb="md">
          {OUTREACH_TABS.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`outreachPage.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="activities">
          <ActivitiesTab canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="scripts">
          <ScriptsTab canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="schedule">
          <ScheduleTab canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="announcements">
          <AnnouncementsTab canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="subscribers">
          <SubscribersTab />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
