import { Button, Menu, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { FilterBar } from '../../ui/filter-bar.tsx';
import { FilterDateInput } from '../../ui/filter-date-input.tsx';
import { FilterSelect } from '../../ui/filter-select.tsx';
import { IconChevronDown, IconDownload } from '../../ui/icons.tsx';
import { ListFooter } from '../../ui/list-footer.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import {
  fetchRounds,
  fetchTeams,
  type PatrolRoundSummary,
  patrolsQueryKey,
  type RoundFilters,
  rememberRoundSearch,
  roundsExportUrl,
} from './api.ts';
import './patrols.css';

const routeApi = getRouteApi('/signed-in/patrols/rounds');

/** The patrol log: rounds newest first, by team, period and incidents; paging; CSV and Excel exports built by the server. */
export function RoundsPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const filters: RoundFilters = useMemo(
    () => ({ teamId: search.teamId, from: search.from, to: search.to, hasIncidents: search.hasIncidents }),
    [search.teamId, search.from, search.to, search.hasIncidents],
  );
  const isInverted = Boolean(filters.from && filters.to && filters.from > filters.to);
  const isFiltered = Boolean(filters.teamId || filters.from || filters.to || filters.hasIncidents);
  useEffect(() => rememberRoundSearch(filters), [filters]);

  const teams = useQuery({
    queryKey: [...patrolsQueryKey, 'teams', 'all-for-filter'],
    queryFn: ({ signal }) => fetchTeams({ status: 'all' }, undefined, signal, 200),
    staleTime: 5 * 60_000,
  });
  const query = useInfiniteQuery({
    queryKey: [...patrolsQueryKey, 'rounds', filters],
    queryFn: ({ pageParam, signal }) => fetchRounds(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !isInverted,
  });
  const rows = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  const updateSearch = (patch: Partial<RoundFilters>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const clearFilters = () => void navigate({ search: {}, replace: true });
  const teamName = (id: string | undefined) => teams.data?.items.find((x) => x.id === id)?.name ?? id ?? '';

  const activeFilters = [
    filters.teamId ? `${t('patrolsPage.rounds.team')}: ${teamName(filters.teamId)}` : null,
    filters.from ? `${t('patrolsPage.rounds.from')}: ${formatDate(filters.from)}` : null,
    filters.to ? `${t('patrolsPage.rounds.to')}: ${formatDate(filters.to)}` : null,
    filters.hasIncidents ? `${t('patrolsPage.rounds.incidents')}: ${t(`patrolsPage.rounds.hasIncidents.${filters.hasIncidents}`)}` : null,
  ].filter((v): v is string => v !== null);

  const renderRow = (r: PatrolRoundSummary) => (
    <Table.Tr key={r.id}>
      <Table.Th scope="row" fw={400} className="nowrap">
        <AnchorLink
          to="/patrols/rounds/$roundId"
          params={{ roundId: r.id }}
          fw={700}
          aria-label={t('patrolsPage.rounds.open', { team: r.teamName, when: formatDateTime(r.startedAt) })}
        >
          {formatDateTime(r.startedAt)}
        </AnchorLink>
      </Table.Th>
      <Table.Td miw={200}>{r.teamName}</Table.Td>
      <Table.Td miw={140}>{r.routeName ?? '—'}</Table.Td>
      <Table.Td className="num">{formatNumber(r.durationMinutes)}</Table.Td>
      <Table.Td className="num">{formatNumber(r.turns.officers)}</Table.Td>
      <Table.Td className="num">{formatNumber(r.turns.civilians)}</Table.Td>
      <Table.Td className="num">{formatNumber(r.checkpointsReached)}</Table.Td>
      <Table.Td className="num">{formatNumber(r.residenceChecks)}</Table.Td>
      <Table.Td className="num">
        {formatNumber(r.incidents)}
        {r.handedToPolice > 0 ? ` (${t('patrolsPage.rounds.handed', { count: formatNumber(r.handedToPolice) })})` : ''}
      </Table.Td>
    </Table.Tr>
  );

  const renderBody = () => {
    if (isInverted) {
      return (
        <EmptyState
          title={t('common.noResultsTitle')}
          description={t('patrols.periodInverted')}
          activeFilters={activeFilters}
          onClearFilters={clearFilters}
        />
      );
    }
    if (query.isPending) return <LoadingState />;
    if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
    if (rows.length === 0) {
      return isFiltered ? (
        <EmptyState
          title={t('common.noResultsTitle')}
          description={t('patrolsPage.rounds.noResults')}
          activeFilters={activeFilters}
          onClearFilters={clearFilters}
        />
      ) : (
        <EmptyState title={t('patrolsPage.rounds.emptyTitle')} description={t('patrolsPage.rounds.emptyText')} />
      );
    }
    return (
      <>
        <DataTable caption={t('patrolsPage.rounds.caption')} minWidth={980} label={t('patrolsPage.rounds.caption')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('patrolsPage.rounds.startedAt')}</Table.Th>
              <Table.Th scope="col">{t('patrolsPage.rounds.team')}</Table.Th>
              <Table.Th scope="col">{t('patrolsPage.record.route')}</Table.Th>
              <Table.Th scope="col" className="num">
                {t('patrolsPage.rounds.minutes')}
              </Table.Th>
              <Table.Th scope="col" className="num">
                {t('patrolsPage.rounds.officers')}
              </Table.Th>
              <Table.Th scope="col" className="num">
                {t('patrolsPage.rounds.civilians')}
              </Table.Th>
              <Table.Th scope="col" className="num">
                {t('patrolsPage.rounds.checkpoints')}
              </Table.Th>
              <Table.Th scope="col" className="num">
                {t('patrolsPage.rounds.residenceChecks')}
              </Table.Th>
              <Table.Th scope="col" className="num">
                {t('patrolsPage.rounds.incidents')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>{rows.map(renderRow)}</Table.Tbody>
        </DataTable>
        <ListFooter
          countText={t('patrolsPage.rounds.count', { count: formatNumber(rows.length) })}
          hasMore={Boolean(query.hasNextPage)}
          isLoadingMore={query.isFetchingNextPage}
          onLoadMore={() => void query.fetchNextPage()}
        />
      </>
    );
  };

  return (
    <>
      <PageHeader
        title={t('patrolsPage.rounds.title')}
        description={t('patrolsPage.rounds.description')}
        actions={
          <Menu position="bottom-end" withinPortal shadow="md">
            <Menu.Target>
              <Button
                variant="outline"
                leftSection={<IconDownload size={16} />}
                rightSection={<IconChevronDown size={16} />}
                disabled={rows.length === 0 || isInverted}
                title={t('patrolsPage.rounds.exportHint')}
              >
                {t('patrolsPage.export')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item component="a" href={roundsExportUrl(filters, 'csv')} download>
                {t('patrolsPage.exportCsv')}
              </Menu.Item>
              <Menu.Item component="a" href={roundsExportUrl(filters, 'xlsx')} download>
                {t('patrolsPage.exportExcel')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        }
      />
      <Stack gap="md">
        <FilterBar
          isFiltered={isFiltered}
          onClearFilters={clearFilters}
          moreCount={[filters.from, filters.to, filters.hasIncidents].filter(Boolean).length}
          moreFilters={
            <>
              <FilterDateInput
                label={t('patrolsPage.rounds.from')}
                value={filters.from}
                onCommit={(from) => updateSearch({ from })}
                formatError={t('patrolsPage.dateInvalid')}
                style={{ flex: '1 1 9rem' }}
              />
              <FilterDateInput
                label={t('patrolsPage.rounds.to')}
                value={filters.to}
                onCommit={(to) => updateSearch({ to })}
                formatError={t('patrolsPage.dateInvalid')}
                error={isInverted ? t('patrols.periodInverted') : null}
                style={{ flex: '1 1 9rem' }}
              />
              <FilterSelect
                label={t('patrolsPage.rounds.incidents')}
                placeholder={t('patrolsPage.rounds.anyIncidents')}
                data={(['true', 'false'] as const).map((value) => ({ value, label: t(`patrolsPage.rounds.hasIncidents.${value}`) }))}
                value={filters.hasIncidents}
                onChange={(hasIncidents) => updateSearch({ hasIncidents })}
                flex="1 1 12rem"
              />
            </>
          }
        >
          <FilterSelect
            label={t('patrolsPage.rounds.team')}
            placeholder={t('patrolsPage.rounds.allTeams')}
            data={(teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
            value={filters.teamId}
            onChange={(teamId) => updateSearch({ teamId })}
            searchable
            flex="3 1 18rem"
          />
        </FilterBar>
        <div>{renderBody()}</div>
        <Text size="sm" c="dimmed">
          {t('patrolsPage.rounds.turnsNote')}
        </Text>
      </Stack>
    </>
  );
}
