import { defaultRehabSortDirection, REHAB_DOSSIER_STATUSES, type RehabSort, type RehabSortDirection } from '@binh-an/domain';
import { Button, Menu, Stack, Table, Text } from '@mantine/core';
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
import { FilterDateInput } from '../../ui/filter-date-input.tsx';
import { FilterSearchInput } from '../../ui/filter-search-input.tsx';
import { FilterSelect } from '../../ui/filter-select.tsx';
import { IconChevronDown, IconDownload, IconPlus } from '../../ui/icons.tsx';
import { ListFooter } from '../../ui/list-footer.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useCan } from '../auth/hooks.ts';
import { fetchRehabDossiers, type RehabDossier, type RehabFilters, rehabExportUrl, rehabQueryKey, rememberRehabSearch } from './api.ts';
import { RehabFormModal } from './rehab-form-modal.tsx';
import { CompileDue, RehabStatusBadge } from './rehab-parts.tsx';
import '../cases/cases.css';

const routeApi = getRouteApi('/signed-in/rehab');

/** The orders the list offers, each a sort and a direction of the API. */
const ORDERS = ['found-desc', 'found-asc', 'name-asc', 'name-desc', 'status-asc'] as const;
type Order = (typeof ORDERS)[number];

function orderOf(sort: RehabSort | undefined, dir: RehabSortDirection | undefined): Order {
  const s = sort ?? 'found';
  const order = `${s}-${dir ?? defaultRehabSortDirection(s)}`;
  return (ORDERS as readonly string[]).includes(order) ? (order as Order) : 'found-desc';
}

/**
 * The compulsory-rehab dossiers: search by name (with or without diacritics) or number, status and period filters and
 * the order in the address, paged; every dossier matching the filters exported as CSV or Excel by the server.
 */
export function RehabPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const can = useCan();
  const canManage = can('case.manage');
  const [isCreateOpen, setCreateOpen] = useState(false);

  const filters: RehabFilters = useMemo(
    () => ({ q: search.q, status: search.status, from: search.from, to: search.to, sort: search.sort, dir: search.dir }),
    [search.q, search.status, search.from, search.to, search.sort, search.dir],
  );
  const isPeriodInverted = Boolean(filters.from && filters.to && filters.from > filters.to);
  const isFiltered = Boolean(filters.q || filters.status || filters.from || filters.to);
  useEffect(() => rememberRehabSearch(filters), [filters]);

  const query = useInfiniteQuery({
    queryKey: [...rehabQueryKey, 'list', filters],
    queryFn: ({ pageParam, signal }) => fetchRehabDossiers(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !isPeriodInverted,
  });
  const rows = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);

  const updateSearch = (patch: Partial<RehabFilters>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  // Clearing the filters keeps the order.
  const clearFilters = () => void navigate({ search: { sort: search.sort, dir: search.dir }, replace: true });

  const order = orderOf(filters.sort, filters.dir);
  const setOrder = (value: Order) => {
    const [sort, dir] = value.split('-') as [RehabSort, RehabSortDirection];
    // The default direction of a sort stays out of the address.
    updateSearch({ sort: sort === 'found' ? undefined : sort, dir: dir === defaultRehabSortDirection(sort) ? undefined : dir });
  };

  const activeFilters = [
    filters.q ? `${t('rehabPage.searchLabel')}: “${filters.q}”` : null,
    filters.status ? `${t('rehabPage.fields.status')}: ${t(`cases.rehab.statuses.${filters.status}`)}` : null,
    filters.from ? `${t('rehabPage.foundFrom')}: ${formatDate(filters.from)}` : null,
    filters.to ? `${t('rehabPage.foundTo')}: ${formatDate(filters.to)}` : null,
  ].filter((v): v is string => v !== null);

  const createButton = canManage ? (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setCreateOpen(true)}>
      {t('rehabPage.create')}
    </Button>
  ) : null;

  const renderRow = (d: RehabDossier) => (
    <Table.Tr key={d.id}>
      <Table.Th scope="row" fw={400}>
        <AnchorLink
          to="/rehab/$dossierId"
          params={{ dossierId: d.id }}
          fw={700}
          className="mono nowrap"
          aria-label={t('rehabPage.openDossier', { number: d.number })}
        >
          {d.number}
        </AnchorLink>
      </Table.Th>
      <Table.Td miw={140}>{d.subject.name}</Table.Td>
      <Table.Td className="num">{formatDate(d.foundOn)}</Table.Td>
      <Table.Td miw={130}>
        <RehabStatusBadge status={d.status} />
      </Table.Td>
      <Table.Td miw={130}>
        <CompileDue item={d} />
      </Table.Td>
      <Table.Td className="num">
        {d.missingAttachments.length > 0 ? (
          <Text size="sm" fw={700} c="red.8" component="span">
            {formatNumber(d.missingAttachments.length)}
          </Text>
        ) : (
          t('rehabPage.noneMissing')
        )}
      </Table.Td>
    </Table.Tr>
  );

  const renderBody = () => {
    if (isPeriodInverted) {
      return (
        <EmptyState
          title={t('common.noResultsTitle')}
          description={t('cases.periodInverted')}
          activeFilters={activeFilters}
          onClearFilters={clearFilters}
        />
      );
    }
    if (query.isPending) return <LoadingState />;
    if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
    if (rows.length === 0) {
      if (isFiltered) {
        return (
          <EmptyState
            title={t('common.noResultsTitle')}
            description={t('rehabPage.noResultsText')}
            activeFilters={activeFilters}
            onClearFilters={clearFilters}
          />
        );
      }
      return <EmptyState title={t('rehabPage.emptyTitle')} description={t('rehabPage.emptyText')} action={createButton ?? undefined} />;
    }
    return (
      <>
        <DataTable
          caption={`${t('rehabPage.tableCaption')} — ${t(`rehabPage.orders.${order}`)}`}
          minWidth={760}
          label={t('rehabPage.tableCaption')}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('rehabPage.fields.number')}</Table.Th>
              <Table.Th scope="col">{t('rehabPage.fields.name')}</Table.Th>
              <Table.Th scope="col" className="num">
                {t('rehabPage.fields.foundOn')}
              </Table.Th>
              <Table.Th scope="col">{t('rehabPage.fields.status')}</Table.Th>
              <Table.Th scope="col">{t('rehabPage.fields.compileDue')}</Table.Th>
              <Table.Th scope="col" className="num">
                {t('rehabPage.fields.missing')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>{rows.map(renderRow)}</Table.Tbody>
        </DataTable>
        <ListFooter
          countText={t('rehabPage.count', { count: formatNumber(rows.length) })}
          hasMore={Boolean(query.hasNextPage)}
          isLoadingMore={query.isFetchingNextPage}
          onLoadMore={() => void query.fetchNextPage()}
        />
      </>
    );
  };

  const moreFilters = (
    <>
      <FilterSelect
        label={t('rehabPage.fields.status')}
        placeholder={t('rehabPage.allStatuses')}
        data={REHAB_DOSSIER_STATUSES.map((value) => ({ value, label: t(`cases.rehab.statuses.${value}`) }))}
        value={filters.status}
        onChange={(status) => updateSearch({ status })}
        flex="1 1 12rem"
      />
      <FilterDateInput
        label={t('rehabPage.foundFrom')}
        value={filters.from}
        onCommit={(from) => updateSearch({ from })}
        formatError={t('rehabPage.dateFormat')}
        style={{ flex: '1 1 9rem' }}
      />
      <FilterDateInput
        label={t('rehabPage.foundTo')}
        value={filters.to}
        onCommit={(to) => updateSearch({ to })}
        formatError={t('rehabPage.dateFormat')}
        error={isPeriodInverted ? t('cases.periodInverted') : null}
        style={{ flex: '1 1 9rem' }}
      />
      <FilterSelect
        label={t('rehabPage.orderLabel')}
        data={ORDERS.map((value) => ({ value, label: t(`rehabPage.orders.${value}`) }))}
        value={order}
        onChange={(value) => value && setOrder(value)}
        clearable={false}
        flex="1 1 14rem"
      />
    </>
  );
  const moreCount = [filters.status, filters.from, filters.to].filter(Boolean).length;
  const canExport = rows.length > 0 && !isPeriodInverted;

  return (
    <>
      <PageHeader
        title={t('rehabPage.title')}
        description={t('rehabPage.description')}
        actions={
          <>
            <Menu position="bottom-end" withinPortal shadow="md">
              <Menu.Target>
                <Button
                  variant="outline"
                  leftSection={<IconDownload size={16} />}
                  rightSection={<IconChevronDown size={16} />}
                  disabled={!canExport}
                  title={t('rehabPage.exportHint')}
                >
                  {t('rehabPage.export')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item component="a" href={rehabExportUrl(filters, 'csv')} download>
                  {t('rehabPage.exportCsv')}
                </Menu.Item>
                <Menu.Item component="a" href={rehabExportUrl(filters, 'xlsx')} download>
                  {t('rehabPage.exportExcel')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
            {createButton}
          </>
        }
      />
      <Stack gap="md">
        <FilterBar moreFilters={moreFilters} moreCount={moreCount} isFiltered={isFiltered} onClearFilters={clearFilters}>
          <FilterSearchInput
            label={t('rehabPage.searchLabel')}
            description={t('rehabPage.searchHint')}
            value={filters.q}
            onChange={(q) => updateSearch({ q })}
            flex="3 1 18rem"
          />
        </FilterBar>
        <div>{renderBody()}</div>
      </Stack>
      {canManage ? <RehabFormModal opened={isCreateOpen} onClose={() => setCreateOpen(false)} /> : null}
    </>
  );
}
