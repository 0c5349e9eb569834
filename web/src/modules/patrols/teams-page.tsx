import { PATROL_TEAM_KINDS } from '@binh-an/domain';
import { Badge, Button, Menu, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { FilterBar } from '../../ui/filter-bar.tsx';
import { FilterSearchInput } from '../../ui/filter-search-input.tsx';
import { FilterSelect } from '../../ui/filter-select.tsx';
import { IconChevronDown, IconDownload, IconPlus } from '../../ui/icons.tsx';
import { ListFooter } from '../../ui/list-footer.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useCan } from '../auth/hooks.ts';
import {
  fetchTeams,
  type PatrolTeam,
  patrolsQueryKey,
  rememberTeamSearch,
  TEAM_STATUSES_SHOWN,
  type TeamFilters,
  teamsExportUrl,
} from './api.ts';
import { TeamFormModal } from './team-form-modal.tsx';
import './patrols.css';

const routeApi = getRouteApi('/signed-in/patrols/teams');

/** The teams of the ward police, the security and order teams, people's patrol and school gate teams: search, filters, paging, exports. */
export function TeamsPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const can = useCan();
  const canManage = can('patrol.manage');
  const [isCreateOpen, setCreateOpen] = useState(false);

  const filters: TeamFilters = useMemo(
    () => ({ q: search.q, kind: search.kind, status: search.status }),
    [search.q, search.kind, search.status],
  );
  const isFiltered = Boolean(filters.q || filters.kind || filters.status);
  useEffect(() => rememberTeamSearch(filters), [filters]);

  const query = useInfiniteQuery({
    queryKey: [...patrolsQueryKey, 'teams', filters],
    queryFn: ({ pageParam, signal }) => fetchTeams(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  const updateSearch = (patch: Partial<TeamFilters>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const clearFilters = () => void navigate({ search: {}, replace: true });

  const activeFilters = [
    filters.q ? `${t('patrolsPage.teams.searchLabel')}: “${filters.q}”` : null,
    filters.kind ? `${t('patrolsPage.teams.kind')}: ${t(`patrols.teamKinds.${filters.kind}`)}` : null,
    filters.status ? `${t('patrolsPage.teams.status')}: ${t(`patrolsPage.teams.statuses.${filters.status}`)}` : null,
  ].filter((v): v is string => v !== null);

  const createButton = canManage ? (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setCreateOpen(true)}>
      {t('patrolsPage.teams.create')}
    </Button>
  ) : null;

  const renderRow = (team: PatrolTeam) => (
    <Table.Tr key={team.id}>
      <Table.Th scope="row" fw={400} miw={220}>
        <AnchorLink to="/patrols/teams/$teamId" params={{ teamId: team.id }} fw={700}>
          {team.name}
        </AnchorLink>
        {team.isMine ? (
          <Badge ml={6} size="sm" variant="light" tt="none">
            {t('patrolsPage.teams.mine')}
          </Badge>
        ) : null}
      </Table.Th>
      <Table.Td miw={160}>{t(`patrols.teamKinds.${team.kind}`)}</Table.Td>
      <Table.Td miw={140}>{team.area.length > 0 ? team.area.map((u) => u.name).join(', ') : team.unitName}</Table.Td>
      <Table.Td miw={140}>{team.leader?.fullName ?? t('common.notSet')}</Table.Td>
      <Table.Td className="num">{formatNumber(team.memberCount)}</Table.Td>
      <Table.Td className="num">{formatDate(team.establishedOn)}</Table.Td>
      <Table.Td>
        {team.isActive ? t('patrolsPage.teams.statuses.active') : t('patrolsPage.teams.closedOn', { date: formatDate(team.closedOn) })}
      </Table.Td>
    </Table.Tr>
  );

  const renderBody = () => {
    if (query.isPending) return <LoadingState />;
    if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
    if (rows.length === 0) {
      if (isFiltered) {
        return (
          <EmptyState
            title={t('common.noResultsTitle')}
            description={t('patrolsPage.teams.noResults')}
            activeFilters={activeFilters}
            onClearFilters={clearFilters}
          />
        );
      }
      return (
        <EmptyState
          title={t('patrolsPage.teams.emptyTitle')}
          description={t('patrolsPage.teams.emptyText')}
          action={createButton ?? undefined}
        />
      );
    }
    return (
      <>
        <DataTable caption={t('patrolsPage.teams.caption')} minWidth={900} label={t('patrolsPage.teams.caption')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('patrolsPage.teams.name')}</Table.Th>
              <Table.Th scope="col">{t('patrolsPage.teams.kind')}</Table.Th>
              <Table.Th scope="col">{t('patrolsPage.teams.area')}</Table.Th>
              <Table.Th scope="col">{t('patrolsPage.teams.leader')}</Table.Th>
              <Table.Th scope="col" className="num">
                {t('patrolsPage.teams.members')}
              </Table.Th>
              <Table.Th scope="col" className="num">
                {t('patrolsPage.teams.establishedOn')}
              </Table.Th>
              <Table.Th scope="col">{t('patrolsPage.teams.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>{rows.map(renderRow)}</Table.Tbody>
        </DataTable>
        <ListFooter
          countText={t('patrolsPage.teams.count', { count: formatNumber(rows.length) })}
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
        title={t('patrolsPage.teams.title')}
        description={canManage ? t('patrolsPage.teams.description') : t('patrolsPage.teams.descriptionMember')}
        actions={
          <>
            <Menu position="bottom-end" withinPortal shadow="md">
              <Menu.Target>
                <Button
                  variant="outline"
                  leftSection={<IconDownload size={16} />}
                  rightSection={<IconChevronDown size={16} />}
                  disabled={rows.length === 0}
                  title={t('patrolsPage.teams.exportHint')}
                >
                  {t('patrolsPage.export')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item component="a" href={teamsExportUrl(filters, 'csv')} download>
                  {t('patrolsPage.exportCsv')}
                </Menu.Item>
                <Menu.Item component="a" href={teamsExportUrl(filters, 'xlsx')} download>
                  {t('patrolsPage.exportExcel')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
            {createButton}
          </>
        }
      />
      <Stack gap="md">
        <FilterBar
          isFiltered={isFiltered}
          onClearFilters={clearFilters}
          moreCount={[filters.kind, filters.status].filter(Boolean).length}
          moreFilters={
            <>
              <FilterSelect
                label={t('patrolsPage.teams.kind')}
                placeholder={t('patrolsPage.teams.allKinds')}
                data={PATROL_TEAM_KINDS.map((value) => ({ value, label: t(`patrols.teamKinds.${value}`) }))}
                value={filters.kind}
                onChange={(kind) => updateSearch({ kind })}
                flex="1 1 14rem"
              />
              <FilterSelect
                label={t('patrolsPage.teams.status')}
                placeholder={t('patrolsPage.teams.statuses.active')}
                data={TEAM_STATUSES_SHOWN.map((value) => ({ value, label: t(`patrolsPage.teams.statuses.${value}`) }))}
                value={filters.status}
                onChange={(status) => updateSearch({ status })}
                flex="1 1 10rem"
              />
            </>
          }
        >
          <FilterSearchInput
            label={t('patrolsPage.teams.searchLabel')}
            description={t('patrolsPage.teams.searchHint')}
            value={filters.q}
            onChange={(q) => updateSearch({ q })}
            flex="3 1 18rem"
          />
        </FilterBar>
        <div>{renderBody()}</div>
        <Text size="sm" c="dimmed">
          {t('patrolsPage.teams.contactsNote')}
        </Text>
      </Stack>
      {canManage ? <TeamFormModal opened={isCreateOpen} onClose={() => setCreateOpen(false)} /> : null}
    </>
  );
}
