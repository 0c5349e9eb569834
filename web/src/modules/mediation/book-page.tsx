import {
  MEDIATION_GROUNDS,
  MEDIATION_RISKS,
  MEDIATION_STATUSES,
  MEDIATION_TYPES,
  type MediationStatus,
  type MediationType,
  SCOPE_EXCLUSIONS,
  type ScopeExclusion,
} from '@binh-an/domain';
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../lib/api.ts';
import { formatDate, todayInVietnam } from '../../lib/format.ts';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { FilterBar } from '../../ui/filter-bar.tsx';
import { FilterSearchInput } from '../../ui/filter-search-input.tsx';
import { FilterSelect } from '../../ui/filter-select.tsx';
import { ListFooter } from '../../ui/list-footer.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { useCan } from '../auth/hooks.ts';
import { useAllUnits } from '../units/api.ts';
import { bookUrl, type CaseFilters, createCase, fetchCases, fetchTeams, fetchTipsToMediate, mediationKey, sendTip } from './api.ts';
import { MediationBlocksView } from './blocks-view.tsx';

const routeApi = getRouteApi('/signed-in/mediation');

export function StatusBadge({ status }: { status: MediationStatus }) {
  const { t } = useTranslation();
  const color = { in_progress: 'blue', settled: 'green', not_settled: 'orange', stopped: 'gray', refused: 'red', referred: 'grape' }[
    status
  ];
  return (
    <Badge color={color} variant="light">
      {t(`mediation.statuses.${status}`)}
    </Badge>
  );
}

function NewCaseModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const blocks = (useAllUnits().data ?? []).filter((u) => u.type === 'block' && u.isActive);
  const teams = useQuery({ queryKey: [...mediationKey, 'teams'], queryFn: fetchTeams }).data?.items ?? [];
  const [unitId, setUnitId] = useState<string | null>(null);
  const block = unitId ?? blocks[0]?.id ?? null;
  const team = teams.find((x) => x.unitId === block);
  const [receivedOn, setReceived] = useState(todayInVietnam());
  const [ground, setGround] = useState<string | null>('party_request');
  const [type, setType] = useState<string | null>('neighbours');
  const [summary, setSummary] = useState('');
  const [parties, setParties] = useState([
    { name: '', age: '' as number | string, address: '' },
    { name: '', age: '' as number | string, address: '' },
  ]);
  const [mediatorIds, setMediators] = useState<string[]>([]);
  const [exclusions, setExclusions] = useState<ScopeExclusion[]>([]);
  const [refusalNote, setRefusal] = useState('');
  const [invitees, setInvitees] = useState('');
  const [risk, setRisk] = useState<string | null>('none');
  const save = useMutation({
    mutationFn: () =>
      createCase({
        unitId: block ?? '',
        ...(team ? { teamId: team.id } : {}),
        receivedOn,
        ground: ground as (typeof MEDIATION_GROUNDS)[number],
        type: type as MediationType,
        summary,
        parties: parties
          .filter((p) => p.name.trim())
          .map((p) => ({
            name: p.name,
            ...(typeof p.age === 'number' ? { age: p.age } : {}),
            ...(p.address.trim() ? { address: p.address } : {}),
          })),
        mediatorIds,
        ...(invitees.trim() ? { invitees } : {}),
        exclusions,
        ...(refusalNote.trim() ? { refusalNote } : {}),
        risk: risk as (typeof MEDIATION_RISKS)[number],
      }),
    onSuccess: (created) => {
      notifySuccess(t('mediationPage.form.created'));
      void client.invalidateQueries({ queryKey: mediationKey });
      onClose();
      void navigate({ to: '/mediation/$caseId', params: { caseId: created.id } });
    },
  });
  const serving = team?.members.filter((m) => m.serving) ?? [];
  return (
    <Modal opened onClose={onClose} title={t('mediationPage.form.title')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          {save.error ? <Alert color="red">{describeError(save.error)}</Alert> : null}
          <Select
            label={t('mediationPage.form.block')}
            data={blocks.map((b) => ({ value: b.id, label: b.name }))}
            value={block}
            onChange={setUnitId}
            allowDeselect={false}
          />
          <TextInput
            type="date"
            label={t('mediationPage.form.receivedOn')}
            value={receivedOn}
            onChange={(e) => setReceived(e.currentTarget.value)}
            required
          />
          <Select
            label={t('mediationPage.form.ground')}
            data={MEDIATION_GROUNDS.map((g) => ({ value: g, label: t(`mediation.grounds.${g}`) }))}
            value={ground}
            onChange={setGround}
            allowDeselect={false}
          />
          <Select
            label={t('mediationPage.form.type')}
            data={MEDIATION_TYPES.map((g) => ({ value: g, label: t(`mediation.types.${g}`) }))}
            value={type}
            onChange={setType}
            allowDeselect={false}
          />
          <Textarea
            label={t('mediationPage.form.summary')}
            value={summary}
            onChange={(e) => setSummary(e.currentTarget.value)}
            required
            autosize
            minRows={2}
          />
          <Title order={3} size="h5">
            {t('mediationPage.form.parties')}
          </Title>
          {parties.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the rows are positional and never reordered.
            <Group key={i} grow align="flex-end" wrap="wrap">
              <TextInput
                label={t('mediationPage.form.partyName', { n: i + 1 })}
                value={p.name}
                required={i === 0}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setParties((all) => all.map((x, j) => (j === i ? { ...x, name: v } : x)));
                }}
              />
              <NumberInput
                label={t('mediationPage.form.partyAge')}
                value={p.age}
                min={0}
                max={130}
                onChange={(v) => setParties((all) => all.map((x, j) => (j === i ? { ...x, age: v } : x)))}
              />
              <TextInput
                label={t('mediationPage.form.partyAddress')}
                value={p.address}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setParties((all) => all.map((x, j) => (j === i ? { ...x, address: v } : x)));
                }}
              />
            </Group>
          ))}
          <Group>
            <Button variant="subtle" size="xs" onClick={() => setParties((all) => [...all, { name: '', age: '', address: '' }])}>
              {t('mediationPage.form.addParty')}
            </Button>
          </Group>
          {serving.length ? (
            <Checkbox.Group label={t('mediationPage.form.mediators')} value={mediatorIds} onChange={setMediators}>
              <Group mt={4}>
                {serving.map((m) => (
                  <Checkbox key={m.id} value={m.id} label={m.fullName} />
                ))}
              </Group>
            </Checkbox.Group>
          ) : null}
          <Textarea
            label={t('mediationPage.form.invitees')}
            description={t('mediationPage.form.inviteesHint')}
            value={invitees}
            onChange={(e) => setInvitees(e.currentTarget.value)}
            autosize
            minRows={1}
            maxLength={500}
          />
          <Checkbox.Group
            label={t('mediationPage.form.screening')}
            description={t('mediationPage.form.screeningHint')}
            value={exclusions}
            onChange={(v) => setExclusions(v as ScopeExclusion[])}
          >
            <Stack gap={4} mt={4}>
              {SCOPE_EXCLUSIONS.map((e) => (
                <Checkbox key={e.code} value={e.code} label={`${t(`mediation.exclusions.${e.code}`)} (${e.article})`} />
              ))}
            </Stack>
          </Checkbox.Group>
          {exclusions.length ? (
            <Textarea label={t('mediationPage.form.refusalNote')} value={refusalNote} onChange={(e) => setRefusal(e.currentTarget.value)} />
          ) : null}
          <Select
            label={t('mediationPage.form.risk')}
            data={MEDIATION_RISKS.map((g) => ({ value: g, label: t(`mediation.risks.${g}`) }))}
            value={risk}
            onChange={setRisk}
            allowDeselect={false}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('mediationPage.form.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('mediationPage.form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function TipsToMediate() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const tips = useQuery({ queryKey: [...mediationKey, 'tips'], queryFn: fetchTipsToMediate });
  const send = useMutation({
    mutationFn: sendTip,
    onSuccess: (created) => {
      notifySuccess(t('mediationPage.book.sent'));
      void client.invalidateQueries({ queryKey: mediationKey });
      void navigate({ to: '/mediation/$caseId', params: { caseId: created.id } });
    },
  });
  return (
    <Card withBorder mb="md">
      <Title order={2} size="h4" mb="xs">
        {t('mediationPage.book.tipsTitle')}
      </Title>
      {send.error ? <Alert color="red">{describeError(send.error)}</Alert> : null}
      {tips.data?.items.length === 0 ? <Text size="sm">{t('mediationPage.book.tipsEmpty')}</Text> : null}
      <Stack gap="xs">
        {tips.data?.items.map((tip) => (
          <Group key={tip.id} justify="space-between" wrap="wrap">
            <Text size="sm">
              <strong>{tip.number}</strong> · {tip.unitName} · {formatDate(tip.receivedOn)} — {tip.excerpt}
            </Text>
            <Button size="xs" variant="light" onClick={() => send.mutate(tip.id)} loading={send.isPending}>
              {t('mediationPage.book.send')}
            </Button>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

/**
 * The mediation book: search and filters in the address, newest first, paged; the book printed in its layout. A second
 * tab gives the book's figures by block over a period.
 */
export function MediationBookPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const can = useCan();
  const [isCreating, setCreating] = useState(false);
  const view = search.view ?? 'book';
  return (
    <>
      <PageHeader
        title={t('mediationPage.book.title')}
        description={t('mediationPage.book.description')}
        actions={can('mediation.manage') ? <Button onClick={() => setCreating(true)}>{t('mediationPage.book.create')}</Button> : null}
      />
      <Tabs
        value={view}
        onChange={(v) => void navigate({ search: (prev) => ({ ...prev, view: v === 'blocks' ? 'blocks' : undefined }), replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="book">{t('mediationPage.tabs.book')}</Tabs.Tab>
          <Tabs.Tab value="blocks">{t('mediationPage.tabs.blocks')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="book">
          <BookList />
        </Tabs.Panel>
        <Tabs.Panel value="blocks">
          <MediationBlocksView />
        </Tabs.Panel>
      </Tabs>
      {isCreating ? <NewCaseModal onClose={() => setCreating(false)} /> : null}
    </>
  );
}

/** The book's list: search and filters in the address, newest first, paged; the book printed in its layout. */
function BookList() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const can = useCan();
  const blocks = (useAllUnits().data ?? []).filter((u) => u.type === 'block');
  const filters: CaseFilters = useMemo(
    () => ({ q: search.q, status: search.status, type: search.mediationType, unitId: search.unitId }),
    [search],
  );
  const isFiltered = Object.values(filters).some(Boolean);
  const clearFilters = () =>
    void navigate({
      search: (prev) => ({ ...prev, q: undefined, status: undefined, mediationType: undefined, unitId: undefined }),
      replace: true,
    });
  const query = useInfiniteQuery({
    queryKey: [...mediationKey, 'cases', filters],
    queryFn: ({ pageParam }) => fetchCases(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  const escalationsOnly = query.data?.pages[0]?.escalationsOnly ?? false;
  const [exportBlock, setExportBlock] = useState<string | null>(null);
  const [exportYear, setExportYear] = useState<number | string>(Number(todayInVietnam().slice(0, 4)));
  const update = (patch: Partial<typeof search>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const chosenBlock = exportBlock ?? blocks[0]?.id ?? null;
  return (
    <>
      {escalationsOnly ? (
        <Text size="sm" c="dimmed" mb="sm">
          {t('mediationPage.book.policeDescription')}
        </Text>
      ) : null}
      {can('mediation.refer') ? <TipsToMediate /> : null}
      <FilterBar isFiltered={isFiltered} onClearFilters={clearFilters}>
        <FilterSearchInput
          label={t('mediationPage.book.searchLabel')}
          description={t('mediationPage.book.searchHint')}
          value={filters.q}
          onChange={(q) => update({ q })}
          flex="2 1 14rem"
        />
        <FilterSelect
          label={t('mediationPage.book.status')}
          data={MEDIATION_STATUSES.map((s) => ({ value: s, label: t(`mediation.statuses.${s}`) }))}
          value={filters.status}
          onChange={(status) => update({ status })}
        />
        <FilterSelect
          label={t('mediationPage.book.type')}
          data={MEDIATION_TYPES.map((s) => ({ value: s, label: t(`mediation.types.${s}`) }))}
          value={filters.type}
          onChange={(mediationType) => update({ mediationType })}
        />
        <FilterSelect
          label={t('mediationPage.book.block')}
          data={blocks.map((b) => ({ value: b.id, label: b.isActive ? b.name : `${b.name} (${formatDate(b.validTo)})` }))}
          value={filters.unitId}
          onChange={(unitId) => update({ unitId })}
          searchable
        />
      </FilterBar>
      {query.isPending ? <LoadingState /> : null}
      {query.error ? <ErrorAlert error={query.error} /> : null}
      {query.data && rows.length === 0 ? (
        <EmptyState title={isFiltered ? t('mediationPage.book.emptyFiltered') : t('mediationPage.book.empty')} description="" />
      ) : null}
      {rows.length ? (
        <DataTable caption={t('mediationPage.book.caption')} minWidth={720}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('mediationPage.book.number')}</Table.Th>
              <Table.Th scope="col">{t('mediationPage.book.receivedOn')}</Table.Th>
              <Table.Th scope="col">{t('mediationPage.book.block')}</Table.Th>
              <Table.Th scope="col">{t('mediationPage.book.content')}</Table.Th>
              <Table.Th scope="col">{t('mediationPage.book.result')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <AnchorLink to="/mediation/$caseId" params={{ caseId: c.id }}>
                    {c.number}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>{formatDate(c.receivedOn)}</Table.Td>
                <Table.Td>{c.unitName}</Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {t(`mediation.types.${c.type}`)}
                  </Text>
                  <Text size="sm">{c.excerpt}</Text>
                  <Group gap={4}>
                    {c.risk !== 'none' ? (
                      <Badge color="red" variant="light">
                        {t(`mediation.risks.${c.risk}`)}
                      </Badge>
                    ) : null}
                    {c.recurring ? (
                      <Badge color="orange" variant="light">
                        {t('mediationPage.book.returning')}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={c.status} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      ) : null}
      {query.data ? (
        <ListFooter
          countText={t('mediationPage.book.count', { count: rows.length })}
          hasMore={Boolean(query.hasNextPage)}
          isLoadingMore={query.isFetchingNextPage}
          onLoadMore={() => void query.fetchNextPage()}
        />
      ) : null}
      {can('mediation.manage') && chosenBlock ? (
        <Card withBorder mt="lg">
          <Title order={2} size="h4" mb="xs">
            {t('mediationPage.book.exportTitle')}
          </Title>
          <Group align="flex-end" wrap="wrap">
            <Select
              label={t('mediationPage.book.exportBlock')}
              data={blocks.map((b) => ({ value: b.id, label: b.isActive ? b.name : `${b.name} (${formatDate(b.validTo)})` }))}
              value={chosenBlock}
              onChange={setExportBlock}
              allowDeselect={false}
            />
            <NumberInput
              label={t('mediationPage.book.exportYear')}
              value={exportYear}
              onChange={setExportYear}
              min={2014}
              max={2100}
              w={110}
            />
            {(['pdf', 'docx', 'xlsx'] as const).map((format) => (
              <Button key={format} component="a" variant="light" href={bookUrl(chosenBlock, Number(exportYear), format)} download>
                {format.toUpperCase()}
              </Button>
            ))}
          </Group>
        </Card>
      ) : null}
    </>
  );
}
