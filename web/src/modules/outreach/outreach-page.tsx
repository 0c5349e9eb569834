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
import { useCan } from '../auth/hooks.ts';
import { useAllUnits } from '../units/api.ts';
import {
  type ActivityFilters,
  type AnnouncementView,
  activitiesCsvUrl,
  createActivity,
  createAnnouncement,
  createBroadcast,
  createScript,
  fetchActivities,
  fetchAnnouncement,
  fetchAnnouncements,
  fetchBroadcasts,
  fetchDeliveries,
  fetchScript,
  fetchScripts,
  markAired,
  materialUrl,
  OUTREACH_TABS,
  type OutreachTab,
  outreachKey,
  publishAnnouncement,
  reviseScript,
  type ScriptView,
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
  const [pages, setPages] = useState<string[]>([]);
  const query = useQuery({
    queryKey: [...outreachKey, 'activities', filters, pages],
    queryFn: async () => {
      const first = await fetchActivities(filters);
      const items = [...first.items];
      let next = first.nextCursor;
      for (const _ of pages) {
        if (!next) break;
        const more = await fetchActivities(filters, next);
        items.push(...more.items);
        next = more.nextCursor;
      }
      return { items, nextCursor: next };
    },
  });
  const set = (patch: ActivityFilters) => {
    setPages([]);
    setFilters((f) => ({ ...f, ...patch }));
  };
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
        <Anchor href={activitiesCsvUrl(filters)} download>
          {t('outreachPage.exportCsv')}
        </Anchor>
      </Group>
      {query.isPending ? <LoadingState /> : null}
      {query.error ? <ErrorAlert error={query.error} /> : null}
      {query.data?.items.length === 0 ? <EmptyState title={t('outreachPage.activities.empty')} description="" /> : null}
      {query.data?.items.length ? (
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
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.data.items.map((a) => (
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
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      ) : null}
      {query.data?.nextCursor ? (
        <Button variant="light" onClick={() => setPages((p) => [...p, query.data?.nextCursor ?? ''])}>
          {t('outreachPage.more')}
        </Button>
      ) : null}
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
  const query = useQuery({ queryKey: [...outreachKey, 'scripts'], queryFn: fetchScripts });
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
      {query.isPending ? <LoadingState /> : null}
      {query.error ? <ErrorAlert error={query.error} /> : null}
      {query.data?.items.length === 0 ? <EmptyState title={t('outreachPage.scripts.empty')} description="" /> : null}
      {query.data?.items.length ? (
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
            {query.data.items.map((s) => (
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
      {open ? <ScriptDetail id={open} canManage={canManage} /> : null}
    </Stack>
  );
}

/* ---------- the broadcast schedule ---------- */

function ScheduleTab({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const units = useTargetUnits();
  const scripts = useQuery({ queryKey: [...outreachKey, 'scripts'], queryFn: fetchScripts });
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
  const [kind, setKind] = useState<'news' | 'alert'>('alert');
  const [topic, setTopic] = useState<OutreachTopic>('fraud');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [blockIds, setBlockIds] = useState<string[]>([]);
  const [urgent, setUrgent] = useState(false);
  const [survey, setSurvey] = useState(false);
  const unit = unitId ?? units.find((u) => u.type !== 'block' && u.type !== 'school')?.value ?? units[0]?.value ?? null;
  const blocks = units.filter((u) => u.type === 'block' && u.parentId === unit);
  const add = useMutation({
    mutationFn: () => createAnnouncement({ unitId: unit ?? '', kind, topic, title, body, blockIds, urgent, survey }),
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
          data={(['alert', 'news'] as const).map((k) => ({ value: k, label: t(`outreach.kinds.${k}`) }))}
          value={kind}
          onChange={(v) => v && setKind(v as 'news' | 'alert')}
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
      <Checkbox label={t('outreachPage.announcements.survey')} checked={survey} onChange={(e) => setSurvey(e.currentTarget.checked)} />
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
  const detail = useQuery({ queryKey: [...outreachKey, 'announcement', a.id], queryFn: () => fetchAnnouncement(a.id) });
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
      <Text style={{ whiteSpace: 'pre-wrap' }}>{a.body}</Text>
      {!a.publishedAt && canManage ? (
        <Group>
          <Button onClick={() => setConfirming(true)}>{t('outreachPage.announcements.publish')}</Button>
        </Group>
      ) : null}
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
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const query = useQuery({ queryKey: [...outreachKey, 'announcements', q], queryFn: () => fetchAnnouncements(q) });
  return (
    <Stack>
      {canManage ? <AnnouncementForm /> : null}
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput label={t('outreachPage.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} />
        <Anchor href="/thong-bao" target="_blank">
          {t('outreachPage.announcements.publicPage')}
        </Anchor>
      </Group>
      {query.isPending ? <LoadingState /> : null}
      {query.error ? <ErrorAlert error={query.error} /> : null}
      {query.data?.items.length === 0 ? <EmptyState title={t('outreachPage.announcements.empty')} description="" /> : null}
      {query.data?.items.length ? (
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
            {query.data.items.map((a) => (
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
                    <Badge variant="light" color={a.kind === 'alert' ? 'orange' : 'blue'}>
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
      </Tabs>
    </>
  );
}
