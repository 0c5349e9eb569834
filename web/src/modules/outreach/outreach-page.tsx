import {
  ACTIVITY_TYPES,
  type ActivityType,
  AUDIENCE_GROUPS,
  type AudienceGroup,
  audienceTotal,
  OUTREACH_TOPICS,
  type OutreachTopic,
} from '@binh-an/domain';
import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  FileInput,
  Group,
  MultiSelect,
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
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../lib/api.ts';
import { formatDate, formatDateTime, formatNumber, todayInVietnam } from '../../lib/format.ts';
import { ActionForm } from '../../ui/action-form.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { ListFooter } from '../../ui/list-footer.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { useCan } from '../auth/hooks.ts';
import { useAllUnits } from '../units/api.ts';
import {
  type ActivityFilters,
  type ActivityView,
  ANNOUNCEMENT_KINDS,
  type AnnouncementFilters,
  type AnnouncementKind,
  type AnnouncementView,
  activitiesExportUrl,
  createActivity,
  createAnnouncement,
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
  updateActivity,
  updateAnnouncement,
  uploadMaterial,
} from './api.ts';

/** The units a form may target: the ward and its blocks and schools in the account's reach, active today. */
function useTargetUnits() {
  const units = (useAllUnits().data ?? []).filter((u) => u.isActive && ['ward', 'commune', 'block', 'school'].includes(u.type));
  return units.map((u) => ({ value: u.id, label: u.name, type: u.type, parentId: u.parentId }));
}

function useOptions() {
  const { t } = useTranslation();
  return {
    types: ACTIVITY_TYPES.map((x) => ({ value: x, label: t(`outreach.types.${x}`) })),
    topics: OUTREACH_TOPICS.map((x) => ({ value: x, label: t(`outreach.topics.${x}`) })),
  };
}

/* ---------- activities ---------- */

function ActivityForm() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const units = useTargetUnits();
  const { types, topics } = useOptions();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [type, setType] = useState<ActivityType>('block_meeting');
  const [topic, setTopic] = useState<OutreachTopic>('drugs');
  const [heldOn, setHeldOn] = useState(todayInVietnam());
  const [title, setTitle] = useState('');
  const [organisers, setOrganisers] = useState('');
  const [groups, setGroups] = useState<Partial<Record<AudienceGroup, number>>>({});
  const [materials, setMaterials] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const unit = unitId ?? units[0]?.value ?? null;
  const save = useMutation({
    mutationFn: () =>
      createActivity({
        unitId: unit ?? '',
        type,
        topic,
        heldOn,
        title,
        ...(organisers.trim() ? { organisers } : {}),
        audienceGroups: groups,
        materials: materials
          .split('\n')
          .map((m) => m.trim())
          .filter(Boolean),
      }).then(async (activity) => {
        for (const file of files) await uploadMaterial(activity.id, file);
        return activity;
      }),
    onSuccess: () => {
      notifySuccess(t('outreachPage.activities.saved'));
      setTitle('');
      setGroups({});
      setMaterials('');
      setFiles([]);
      void client.invalidateQueries({ queryKey: outreachKey });
    },
  });
  return (
    <ActionForm
      id="activity-form"
      title={t('outreachPage.activities.add')}
      error={save.error ? describeError(save.error) : null}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      submit={{ label: t('outreachPage.activities.save'), isLoading: save.isPending }}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select label={t('outreachPage.unit')} data={units} value={unit} onChange={setUnitId} allowDeselect={false} required />
        <Select
          label={t('outreachPage.type')}
          data={types}
          value={type}
          onChange={(v) => v && setType(v as ActivityType)}
          allowDeselect={false}
        />
        <Select
          label={t('outreachPage.topic')}
          data={topics}
          value={topic}
          onChange={(v) => v && setTopic(v as OutreachTopic)}
          allowDeselect={false}
        />
        <TextInput
          type="date"
          label={t('outreachPage.activities.heldOn')}
          value={heldOn}
          onChange={(e) => setHeldOn(e.currentTarget.value)}
          required
        />
      </SimpleGrid>
      <TextInput label={t('outreachPage.activities.titleField')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required />
      <TextInput
        label={t('outreachPage.activities.organisers')}
        value={organisers}
        onChange={(e) => setOrganisers(e.currentTarget.value)}
      />
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontWeight: 600, marginBottom: 4 }}>{t('outreachPage.activities.audience')}</legend>
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          {AUDIENCE_GROUPS.map((g) => (
            <NumberInput
              key={g}
              label={t(`outreach.groups.${g}`)}
              min={0}
              value={groups[g] ?? ''}
              onChange={(v) => setGroups((old) => ({ ...old, [g]: typeof v === 'number' ? v : undefined }))}
            />
          ))}
        </SimpleGrid>
        <Text size="sm" mt={4} role="status">
          {t('outreachPage.activities.total', { count: formatNumber(audienceTotal(groups)) })}
        </Text>
      </fieldset>
      <Textarea
        label={t('outreachPage.activities.materials')}
        description={t('outreachPage.activities.materialsHint')}
        value={materials}
        onChange={(e) => setMaterials(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      <FileInput
        label={t('outreachPage.activities.files')}
        description={t('outreachPage.activities.filesHint')}
        multiple
        clearable
        value={files}
        onChange={setFiles}
        accept="application/pdf,image/jpeg,image/png,image/webp,application/zip"
      />
    </ActionForm>
  );
}

function ActivitiesTab({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const { types, topics } = useOptions();
  const [filters, setFilters] = useState<ActivityFilters>({});
  const [editing, setEditing] = useState<string | null>(null);
  const query = useInfiniteQuery({
    queryKey: [...outreachKey, 'activities', filters],
    queryFn: ({ pageParam }) => fetchActivities(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const set = (patch: ActivityFilters) => setFilters((f) => ({ ...f, ...patch }));
  const edited = items.find((a) => a.id === editing);
  return (
    <Stack>
      {canManage ? <ActivityForm /> : null}
      <Group align="flex-end" wrap="wrap" gap="sm" role="search" aria-label={t('outreachPage.activities.filters')}>
        <TextInput
          label={t('outreachPage.search')}
          value={filters.q ?? ''}
          onChange={(e) => set({ q: e.currentTarget.value || undefined })}
        />
        <Select
          label={t('outreachPage.type')}
          data={types}
          value={filters.type ?? null}
          onChange={(v) => set({ type: (v as ActivityType) ?? undefined })}
          clearable
        />
        <Select
          label={t('outreachPage.topic')}
          data={topics}
          value={filters.topic ?? null}
          onChange={(v) => set({ topic: (v as OutreachTopic) ?? undefined })}
          clearable
        />
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
      </Group>
      {edited ? <ActivityEdit key={edited.id} a={edited} onDone={() => setEditing(null)} /> : null}
      {query.isPending ? <LoadingState /> : null}
      {query.error ? <ErrorAlert error={query.error} /> : null}
      {query.data && items.length === 0 ? <EmptyState title={t('outreachPage.activities.empty')} description="" /> : null}
      {items.length ? (
        <DataTable caption={t('outreachPage.activities.caption')} minWidth={760}>
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
        </DataTable>
      ) : null}
      {items.length ? (
        <ListFooter
          countText={t('outreachPage.count', { count: items.length })}
          hasMore={Boolean(query.hasNextPage)}
          isLoadingMore={query.isFetchingNextPage}
          onLoadMore={() => void query.fetchNextPage()}
        />
      ) : null}
    </Stack>
  );
}

/** Corrects a recorded activity: only the fields changed are sent (the server audits their names). */
function ActivityEdit({ a, onDone }: { a: ActivityView; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { types, topics } = useOptions();
  const [type, setType] = useState<ActivityType>(a.type);
  const [topic, setTopic] = useState<OutreachTopic>(a.topic);
  const [heldOn, setHeldOn] = useState(a.heldOn);
  const [title, setTitle] = useState(a.title);
  const [organisers, setOrganisers] = useState(a.organisers ?? '');
  const [groups, setGroups] = useState<Partial<Record<AudienceGroup, number>>>(a.audienceGroups);
  const [total, setTotal] = useState<number | string>(a.audienceTotal);
  const [materials, setMaterials] = useState(a.materials.join('\n'));
  const [note, setNote] = useState(a.note ?? '');
  const save = useMutation({
    mutationFn: () => {
      const list = materials
        .split('\n')
        .map((m) => m.trim())
        .filter(Boolean);
      const groupsChanged = JSON.stringify(groups) !== JSON.stringify(a.audienceGroups);
      return updateActivity(a.id, {
        ...(type !== a.type ? { type } : {}),
        ...(topic !== a.topic ? { topic } : {}),
        ...(heldOn !== a.heldOn ? { heldOn } : {}),
        ...(title !== a.title ? { title } : {}),
        ...(organisers !== (a.organisers ?? '') ? { organisers: organisers.trim() || null } : {}),
        ...(groupsChanged ? { audienceGroups: groups } : {}),
        ...(typeof total === 'number' && (total !== a.audienceTotal || groupsChanged) ? { audienceTotal: total } : {}),
        ...(JSON.stringify(list) !== JSON.stringify(a.materials) ? { materials: list } : {}),
        ...(note !== (a.note ?? '') ? { note: note.trim() || null } : {}),
      });
    },
    onSuccess: () => {
      notifySuccess(t('outreachPage.activities.edited'));
      onDone();
      void client.invalidateQueries({ queryKey: outreachKey });
    },
  });
  return (
    <ActionForm
      id="activity-edit"
      title={t('outreachPage.activities.editTitle', { title: a.title })}
      error={save.error ? describeError(save.error) : null}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      submit={{ label: t('outreachPage.activities.editSave'), isLoading: save.isPending }}
      actions={
        <Button variant="default" onClick={onDone}>
          {t('outreachPage.cancel')}
        </Button>
      }
    >
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select
          label={t('outreachPage.type')}
          data={types}
          value={type}
          onChange={(v) => v && setType(v as ActivityType)}
          allowDeselect={false}
        />
        <Select
          label={t('outreachPage.topic')}
          data={topics}
          value={topic}
          onChange={(v) => v && setTopic(v as OutreachTopic)}
          allowDeselect={false}
        />
        <TextInput
          type="date"
          label={t('outreachPage.activities.heldOn')}
          value={heldOn}
          onChange={(e) => setHeldOn(e.currentTarget.value)}
          required
        />
      </SimpleGrid>
      <TextInput label={t('outreachPage.activities.titleField')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required />
      <TextInput
        label={t('outreachPage.activities.organisers')}
        value={organisers}
        onChange={(e) => setOrganisers(e.currentTarget.value)}
      />
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontWeight: 600, marginBottom: 4 }}>{t('outreachPage.activities.audience')}</legend>
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          {AUDIENCE_GROUPS.map((g) => (
            <NumberInput
              key={g}
              label={t(`outreach.groups.${g}`)}
              min={0}
              value={groups[g] ?? ''}
              onChange={(v) => {
                const next = { ...groups, [g]: typeof v === 'number' ? v : undefined };
                if (typeof v !== 'number') delete next[g];
                setGroups(next);
                setTotal(Math.max(typeof total === 'number' ? total : 0, audienceTotal(next)));
              }}
            />
          ))}
        </SimpleGrid>
        <NumberInput mt="xs" label={t('outreachPage.activities.audience')} min={audienceTotal(groups)} value={total} onChange={setTotal} />
      </fieldset>
      <Textarea
        label={t('outreachPage.activities.materials')}
        description={t('outreachPage.activities.materialsHint')}
        value={materials}
        onChange={(e) => setMaterials(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      <Textarea label={t('outreachPage.activities.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize />
    </ActionForm>
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
          error={revise.error ? describeError(revise.error) : null}
          onSubmit={(e) => {
            e.preventDefault();
            revise.mutate();
          }}
          submit={{ label: t('outreachPage.scripts.saveVersion', { version: s.version + 1 }), isLoading: revise.isPending }}
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
  const { topics } = useOptions();
  const [filters, setFilters] = useState<ScriptFilters>({});
  const query = useInfiniteQuery({
    queryKey: [...outreachKey, 'scripts', filters],
    queryFn: ({ pageParam }) => fetchScripts(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
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
        <ActionForm
          id="script-form"
          title={t('outreachPage.scripts.add')}
          error={add.error ? describeError(add.error) : null}
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
          submit={{ label: t('outreachPage.scripts.save'), isLoading: add.isPending }}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label={t('outreachPage.unit')} data={units} value={unit} onChange={setUnitId} allowDeselect={false} />
            <Select
              label={t('outreachPage.topic')}
              data={topics}
              value={topic}
              onChange={(v) => v && setTopic(v as OutreachTopic)}
              allowDeselect={false}
            />
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
      <Group align="flex-end" wrap="wrap" gap="sm" role="search" aria-label={t('outreachPage.scripts.filters')}>
        <TextInput
          label={t('outreachPage.search')}
          value={filters.q ?? ''}
          onChange={(e) => setFilters((f) => ({ ...f, q: e.currentTarget.value || undefined }))}
        />
        <Select
          label={t('outreachPage.topic')}
          data={topics}
          value={filters.topic ?? null}
          onChange={(v) => setFilters((f) => ({ ...f, topic: (v as OutreachTopic) ?? undefined }))}
          clearable
        />
      </Group>
      {query.isPending ? <LoadingState /> : null}
      {query.error ? <ErrorAlert error={query.error} /> : null}
      {query.data && items.length === 0 ? <EmptyState title={t('outreachPage.scripts.empty')} description="" /> : null}
      {items.length ? (
        <DataTable caption={t('outreachPage.scripts.caption')} minWidth={560}>
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
        </DataTable>
      ) : null}
      {items.length ? (
        <ListFooter
          countText={t('outreachPage.count', { count: items.length })}
          hasMore={Boolean(query.hasNextPage)}
          isLoadingMore={query.isFetchingNextPage}
          onLoadMore={() => void query.fetchNextPage()}
        />
      ) : null}
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
          error={add.error ? describeError(add.error) : null}
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
          submit={{ label: t('outreachPage.schedule.save'), isLoading: add.isPending }}
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

function AnnouncementForm() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const units = useTargetUnits();
  const { topics } = useOptions();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [kind, setKind] = useState<AnnouncementKind>('alert');
  const [periodFrom, setPeriodFrom] = useState('');
  const [periodTo, setPeriodTo] = useState('');
  const [topic, setTopic] = useState<OutreachTopic>('fraud');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [blockIds, setBlockIds] = useState<string[]>([]);
  const [urgent, setUrgent] = useState(false);
  const [survey, setSurvey] = useState(false);
  const unit = unitId ?? units.find((u) => u.type !== 'block' && u.type !== 'school')?.value ?? units[0]?.value ?? null;
  const blocks = units.filter((u) => u.type === 'block' && u.parentId === unit);
  const add = useMutation({
    mutationFn: () =>
      createAnnouncement({
        unitId: unit ?? '',
        kind,
        topic,
        title,
        body,
        blockIds,
        urgent,
        ...(kind === 'survey' ? { survey: true, periodFrom, periodTo } : { survey }),
      }),
    onSuccess: () => {
      notifySuccess(t('outreachPage.announcements.saved'));
      setTitle('');
      setBody('');
      setBlockIds([]);
      setUrgent(false);
      void client.invalidateQueries({ queryKey: outreachKey });
    },
  });
  return (
    <ActionForm
      id="announcement-form"
      title={t('outreachPage.announcements.add')}
      hint={t('outreachPage.announcements.addHint')}
      error={add.error ? describeError(add.error) : null}
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
      submit={{ label: t('outreachPage.announcements.saveDraft'), isLoading: add.isPending }}
    >
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select
          label={t('outreachPage.unit')}
          data={units.filter((u) => u.type !== 'school')}
          value={unit}
          onChange={(v) => {
            setUnitId(v);
            setBlockIds([]);
          }}
          allowDeselect={false}
        />
        <Select
          label={t('outreachPage.announcements.kind')}
          data={ANNOUNCEMENT_KINDS.map((k) => ({ value: k, label: t(`outreach.kinds.${k}`) }))}
          value={kind}
          onChange={(v) => v && setKind(v as AnnouncementKind)}
          allowDeselect={false}
        />
        <Select
          label={t('outreachPage.topic')}
          data={topics}
          value={topic}
          onChange={(v) => v && setTopic(v as OutreachTopic)}
          allowDeselect={false}
        />
      </SimpleGrid>
      {blocks.length ? (
        <MultiSelect
          label={t('outreachPage.announcements.blocks')}
          description={t('outreachPage.announcements.blocksHint')}
          data={blocks}
          value={blockIds}
          onChange={setBlockIds}
        />
      ) : null}
      <TextInput
        label={t('outreachPage.announcements.titleField')}
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        required
      />
      <Textarea
        label={t('outreachPage.announcements.body')}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        autosize
        minRows={4}
        required
      />
      {kind === 'survey' ? (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            type="date"
            label={t('outreachPage.announcements.periodFrom')}
            description={t('outreachPage.announcements.periodHint')}
            value={periodFrom}
            max={todayInVietnam()}
            onChange={(e) => setPeriodFrom(e.currentTarget.value)}
            required
          />
          <TextInput
            type="date"
            label={t('outreachPage.announcements.periodTo')}
            value={periodTo}
            max={todayInVietnam()}
            onChange={(e) => setPeriodTo(e.currentTarget.value)}
            required
          />
        </SimpleGrid>
      ) : (
        <Checkbox label={t('outreachPage.announcements.survey')} checked={survey} onChange={(e) => setSurvey(e.currentTarget.checked)} />
      )}
      {can('outreach.urgent') ? (
        <Checkbox
          label={t('outreachPage.announcements.urgent')}
          description={t('outreachPage.announcements.urgentHint')}
          checked={urgent}
          onChange={(e) => setUrgent(e.currentTarget.checked)}
        />
      ) : null}
    </ActionForm>
  );
}

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
  const { topics } = useOptions();
  const [filters, setFilters] = useState<AnnouncementFilters>({});
  const [open, setOpen] = useState<string | null>(null);
  const query = useInfiniteQuery({
    queryKey: [...outreachKey, 'announcements', filters],
    queryFn: ({ pageParam }) => fetchAnnouncements(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const set = (patch: AnnouncementFilters) => setFilters((f) => ({ ...f, ...patch }));
  return (
    <Stack>
      {canManage ? <AnnouncementForm /> : null}
      <Group align="flex-end" gap="sm" wrap="wrap" role="search" aria-label={t('outreachPage.announcements.filters')}>
        <TextInput
          label={t('outreachPage.search')}
          value={filters.q ?? ''}
          onChange={(e) => set({ q: e.currentTarget.value || undefined })}
        />
        <Select
          label={t('outreachPage.announcements.kind')}
          data={ANNOUNCEMENT_KINDS.map((x) => ({ value: x, label: t(`outreach.kinds.${x}`) }))}
          value={filters.kind ?? null}
          onChange={(v) => set({ kind: (v as AnnouncementKind) ?? undefined })}
          clearable
        />
        <Select
          label={t('outreachPage.topic')}
          data={topics}
          value={filters.topic ?? null}
          onChange={(v) => set({ topic: (v as OutreachTopic) ?? undefined })}
          clearable
        />
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
      </Group>
      {query.isPending ? <LoadingState /> : null}
      {query.error ? <ErrorAlert error={query.error} /> : null}
      {query.data && items.length === 0 ? <EmptyState title={t('outreachPage.announcements.empty')} description="" /> : null}
      {items.length ? (
        <DataTable caption={t('outreachPage.announcements.caption')} minWidth={760}>
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
        </DataTable>
      ) : null}
      {items.length ? (
        <ListFooter
          countText={t('outreachPage.count', { count: items.length })}
          hasMore={Boolean(query.hasNextPage)}
          isLoadingMore={query.isFetchingNextPage}
          onLoadMore={() => void query.fetchNextPage()}
        />
      ) : null}
    </Stack>
  );
}

/** Changes a draft's kind, topic, title and text (blocks, urgency and survey stay as drafted unless changed here). */
function AnnouncementEdit({ a, onDone }: { a: AnnouncementView; onDone: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const { topics } = useOptions();
  const [kind, setKind] = useState<AnnouncementKind>(a.kind);
  const [periodFrom, setPeriodFrom] = useState(a.periodFrom ?? '');
  const [periodTo, setPeriodTo] = useState(a.periodTo ?? '');
  const [topic, setTopic] = useState<OutreachTopic>(a.topic);
  const [title, setTitle] = useState(a.title);
  const [body, setBody] = useState(a.body);
  const [urgent, setUrgent] = useState(a.urgent);
  const [survey, setSurvey] = useState(a.survey);
  const save = useMutation({
    mutationFn: () =>
      updateAnnouncement(a.id, {
        ...(kind !== a.kind ? { kind } : {}),
        ...(topic !== a.topic ? { topic } : {}),
        ...(title !== a.title ? { title } : {}),
        ...(body !== a.body ? { body } : {}),
        ...(urgent !== a.urgent ? { urgent } : {}),
        ...(survey !== a.survey ? { survey } : {}),
        ...(a.kind === 'survey' && periodFrom !== a.periodFrom ? { periodFrom } : {}),
        ...(a.kind === 'survey' && periodTo !== a.periodTo ? { periodTo } : {}),
      }),
    onSuccess: () => {
      notifySuccess(t('outreachPage.announcements.edited'));
      onDone();
      void client.invalidateQueries({ queryKey: outreachKey });
    },
  });
  return (
    <ActionForm
      id={`announcement-edit-${a.id}`}
      title={t('outreachPage.announcements.editTitle', { title: a.title })}
      error={save.error ? describeError(save.error) : null}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      submit={{ label: t('outreachPage.announcements.editSave'), isLoading: save.isPending }}
      actions={
        <Button variant="default" onClick={onDone}>
          {t('outreachPage.cancel')}
        </Button>
      }
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('outreachPage.announcements.kind')}
          data={(a.kind === 'survey' ? (['survey'] as const) : (['news', 'alert'] as const)).map((x) => ({
            value: x,
            label: t(`outreach.kinds.${x}`),
          }))}
          value={kind}
          onChange={(v) => v && setKind(v as AnnouncementKind)}
          allowDeselect={false}
        />
        <Select
          label={t('outreachPage.topic')}
          data={topics}
          value={topic}
          onChange={(v) => v && setTopic(v as OutreachTopic)}
          allowDeselect={false}
        />
      </SimpleGrid>
      <TextInput
        label={t('outreachPage.announcements.titleField')}
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        required
      />
      <Textarea
        label={t('outreachPage.announcements.body')}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        autosize
        minRows={3}
        required
      />
      {a.kind === 'survey' ? (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            type="date"
            label={t('outreachPage.announcements.periodFrom')}
            value={periodFrom}
            max={todayInVietnam()}
            onChange={(e) => setPeriodFrom(e.currentTarget.value)}
            required
          />
          <TextInput
            type="date"
            label={t('outreachPage.announcements.periodTo')}
            value={periodTo}
            max={todayInVietnam()}
            onChange={(e) => setPeriodTo(e.currentTarget.value)}
            required
          />
        </SimpleGrid>
      ) : (
        <Checkbox label={t('outreachPage.announcements.survey')} checked={survey} onChange={(e) => setSurvey(e.currentTarget.checked)} />
      )}
      {can('outreach.urgent') ? (
        <Checkbox
          label={t('outreachPage.announcements.urgent')}
          description={t('outreachPage.announcements.urgentHint')}
          checked={urgent}
          onChange={(e) => setUrgent(e.currentTarget.checked)}
        />
      ) : null}
    </ActionForm>
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
