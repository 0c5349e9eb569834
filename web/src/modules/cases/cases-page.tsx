import { CASE_GROUPS, CASE_STATUSES, type CaseGroup, type CaseSort, type CaseStatus } from '@binh-an/domain';
import { Button, Group, Select, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildCsv, downloadText, stampedFileName } from '../../lib/csv.ts';
import { formatDate, formatNumber, todayInVietnam } from '../../lib/format.ts';
import { matchesFolded } from '../../lib/text.ts';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { FilterBar } from '../../ui/filter-bar.tsx';
import { FilterDateInput } from '../../ui/filter-date-input.tsx';
import { FilterSearchInput } from '../../ui/filter-search-input.tsx';
import { FilterSelect } from '../../ui/filter-select.tsx';
import { IconDownload, IconPlus } from '../../ui/icons.tsx';
import { ListFooter } from '../../ui/list-footer.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useCan } from '../auth/hooks.ts';
import { useAllUnits } from '../units/api.ts';
import {
  type CaseFilters,
  type CaseSummary,
  casesExportUrl,
  casesQueryKey,
  fetchCases,
  rememberRegisterSearch,
  useCaseTypeName,
  useCaseTypes,
} from './api.ts';
import { CaseFormModal } from './case-form-modal.tsx';
import { CaseImportModal } from './case-import-modal.tsx';
import { CaseStatusBadge, caseTypeOptions, officersText } from './case-parts.tsx';
import { caseUnitOptions } from './case-units.ts';
import { IconSheet, IconUpload } from './cases-icons.tsx';
import './cases.css';

const routeApi = getRouteApi('/signed-in/cases');

type SortableHeaderProps = {
  sort: CaseSort;
  current: CaseFilters;
  onSort: (sort: CaseSort) => void;
  className?: string;
  children: React.ReactNode;
};

/** A column header that orders the register by its column; `aria-sort` tells screen readers the order in force. */
function SortableHeader({ sort, current, onSort, className, children }: SortableHeaderProps) {
  const { t } = useTranslation();
  const isActive = (current.sort ?? 'discovered') === sort;
  const dir = current.dir ?? 'desc';
  return (
    <Table.Th scope="col" className={className} aria-sort={isActive ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton onClick={() => onSort(sort)} fw={700} fz="sm" className="cases-sort" title={t('casesPage.sortBy')}>
        {children}
        <span aria-hidden="true">{isActive ? (dir === 'asc' ? ' ▲' : ' ▼') : ' ↕'}</span>
      </UnstyledButton>
    </Table.Th>
  );
}

/** The case register: search and filters in the address, newest first, paged, exported as CSV or Excel. */
export function CasesPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const can = useCan();
  const canManage = can('case.manage');
  const unitsQuery = useAllUnits();
  const units = unitsQuery.data ?? [];

  const filters: CaseFilters = useMemo(
    () => ({
      q: search.q,
      group: search.group,
      type: search.caseType,
      status: search.status,
      unitId: search.unitId,
      from: search.from,
      to: search.to,
      sort: search.sort,
      dir: search.dir,
    }),
    [search.q, search.group, search.caseType, search.status, search.unitId, search.from, search.to, search.sort, search.dir],
  );
  const isPeriodInverted = Boolean(filters.from && filters.to && filters.from > filters.to);
  const isFiltered = [filters.q, filters.group, filters.type, filters.status, filters.unitId, filters.from, filters.to].some(Boolean);
  const caseTypes = useCaseTypes().data ?? [];
  const typeName = useCaseTypeName();
  useEffect(() => rememberRegisterSearch(filters), [filters]);

  const query = useInfiniteQuery({
    queryKey: [...casesQueryKey, 'list', filters],
    queryFn: ({ pageParam, signal }) => fetchCases(filters, pageParam, undefined, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !isPeriodInverted,
  });
  const rows = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);

  const isSmall = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const [isCreateOpen, setCreateOpen] = useState(false);
  const [isImportOpen, setImportOpen] = useState(false);

  const updateSearch = (patch: Partial<typeof search>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const clearFilters = () => {
    void navigate({ search: (prev) => ({ sort: prev.sort, dir: prev.dir }), replace: true });
  };

  const unitOptions = useMemo(() => caseUnitOptions(units, t, { includeHistoric: true }), [units, t]);
  const typeOptions = useMemo(
    () => caseTypeOptions(caseTypes, t, typeName, { onlyGroup: filters.group, keep: filters.type, withRetired: true }),
    [caseTypes, t, typeName, filters.group, filters.type],
  );
  const unitLabel = (id: string) => unitOptions.find((option) => option.value === id)?.label ?? id;

  const exportCsv = () => {
    // What is shown, as shown: the summary text stays out of a file that leaves the protected register.
    const csv = buildCsv(
      [
        t('casesPage.fields.number'),
        t('casesPage.fields.discoveredOn'),
        t('casesPage.fields.occurredOn'),
        t('casesPage.fields.unit'),
        t('casesPage.fields.type'),
        t('casesPage.fields.article'),
        t('casesPage.fields.group'),
        t('casesPage.fields.status'),
        t('casesPage.fields.clearedOn'),
        t('casesPage.fields.officers'),
      ],
      rows.map((c) => [
        c.number,
        formatDate(c.discoveredOn),
        formatDate(c.occurredOn),
        c.unitName,
        typeName(c.type),
        c.penalCodeArticle ?? '',
        t(`cases.groups.${c.group}`),
        t(`cases.statuses.${c.status}`),
        formatDate(c.clearedOn),
        officersText(c.officers, t),
      ]),
    );
    downloadText(stampedFileName(t('casesPage.csvName'), todayInVietnam()), csv);
  };

  const activeFilters = [
    filters.q ? `${t('casesPage.searchLabel')}: “${filters.q}”` : null,
    filters.group ? `${t('casesPage.fields.group')}: ${t(`cases.groups.${filters.group}`)}` : null,
    filters.type ? `${t('casesPage.fields.type')}: ${typeName(filters.type)}` : null,
    filters.status ? `${t('casesPage.fields.status')}: ${t(`cases.statuses.${filters.status}`)}` : null,
    filters.unitId ? `${t('casesPage.fields.unit')}: ${unitLabel(filters.unitId)}` : null,
    filters.from ? `${t('casesPage.discoveredFrom')}: ${formatDate(filters.from)}` : null,
    filters.to ? `${t('casesPage.discoveredTo')}: ${formatDate(filters.to)}` : null,
  ].filter((v): v is string => v !== null);

  const createButton = canManage ? (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setCreateOpen(true)}>
      {t('casesPage.create')}
    </Button>
  ) : null;

  const renderRow = (c: CaseSummary) => (
    <Table.Tr key={c.id}>
      <Table.Th scope="row" fw={400}>
        <AnchorLink
          to="/cases/$caseId"
          params={{ caseId: c.id }}
          fw={700}
          className="mono nowrap"
          aria-label={t('casesPage.openCase', { number: c.number })}
        >
          {c.number}
        </AnchorLink>
        {c.wardRef ? (
          <Text size="xs" c="dimmed" className="mono">
            {t('casesPage.wardRefShort', { ref: c.wardRef })}
          </Text>
        ) : null}
        {c.excerpt ? (
          <Text size="xs" c="dimmed" lineClamp={2} className="cases-excerpt">
            {c.excerpt}
          </Text>
        ) : null}
      </Table.Th>
      <Table.Td className="num">{formatDate(c.discoveredOn)}</Table.Td>
      <Table.Td miw={100}>{c.unitName}</Table.Td>
      <Table.Td miw={160}>
        {typeName(c.type)}
        {c.penalCodeArticle ? (
          <Text component="span" size="xs" c="dimmed" display="block">
            {t('casesPage.articleShort', { article: c.penalCodeArticle })}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td miw={140}>{t(`cases.groups.${c.group}`)}</Table.Td>
      <Table.Td miw={120}>
        <CaseStatusBadge status={c.status} />
      </Table.Td>
      <Table.Td miw={110}>
        {c.officers.length ? (
          officersText(c.officers, t)
        ) : (
          <Text size="sm" c="dimmed">
            {t('casesPage.noOfficer')}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );

  const renderBody = () => {
    if (isPeriodInverted) return null;
    if (query.isPending) return <LoadingState />;
    if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
    if (rows.length === 0) {
      if (isFiltered) {
        return (
          <EmptyState
            title={t('common.noResultsTitle')}
            description={t('casesPage.noResultsText')}
            activeFilters={activeFilters}
            onClearFilters={clearFilters}
          />
        );
      }
      return (
        <EmptyState
          title={t('casesPage.emptyTitle')}
          description={t('casesPage.emptyText')}
          action={
            canManage ? (
              <Group gap="xs" justify="center">
                {createButton}
                <Button variant="outline" leftSection={<IconUpload size={16} />} onClick={() => setImportOpen(true)}>
                  {t('casesPage.importExcel')}
                </Button>
              </Group>
            ) : undefined
          }
        />
      );
    }
    return (
      <>
        <DataTable caption={t('casesPage.tableCaption')} minWidth={960} label={t('casesPage.tableCaption')}>
          <Table.Thead>
            <Table.Tr>
              <SortableHeader sort="number" current={filters} onSort={sortBy}>
                {t('casesPage.fields.number')}
              </SortableHeader>
              <SortableHeader sort="discovered" current={filters} onSort={sortBy} className="num">
                {t('casesPage.fields.discoveredOn')}
              </SortableHeader>
              <Table.Th scope="col">{t('casesPage.fields.unit')}</Table.Th>
              <Table.Th scope="col">{t('casesPage.fields.type')}</Table.Th>
              <Table.Th scope="col">{t('casesPage.fields.group')}</Table.Th>
              <Table.Th scope="col">{t('casesPage.fields.status')}</Table.Th>
              <Table.Th scope="col">{t('casesPage.fields.officers')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody className="cases-table">{rows.map(renderRow)}</Table.Tbody>
        </DataTable>
        <ListFooter
          countText={t('casesPage.count', { count: formatNumber(rows.length) })}
          hasMore={Boolean(query.hasNextPage)}
          isLoadingMore={query.isFetchingNextPage}
          onLoadMore={() => void query.fetchNextPage()}
        />
      </>
    );
  };

  const selectProps = {
    clearable: true,
    clearButtonProps: { 'aria-label': t('common.clear') },
    comboboxProps: { withinPortal: true },
  } as const;

  // Side by side on wide screens; one under the other (no flex basis turned into height) on phones.
  const grow = (flex: string) => (isSmall ? undefined : { flex });
  const moreFilters = (
    <>
      <FilterSelect
        label={t('casesPage.fields.group')}
        placeholder={t('casesPage.allGroups')}
        data={CASE_GROUPS.map((value) => ({ value, label: t(`cases.groups.${value}`) }))}
        value={filters.group}
        onChange={(group: CaseGroup | undefined) => {
          // A type of another group would hide everything: drop it when the group changes.
          const typeGroup = caseTypes.find((entry) => entry.code === filters.type)?.group;
          updateSearch({ group, caseType: filters.type && group && typeGroup !== group ? undefined : filters.type });
        }}
        flex={isSmall ? undefined : '1 1 11rem'}
      />
      <Select
        label={t('casesPage.fields.type')}
        placeholder={t('casesPage.allTypes')}
        data={typeOptions}
        value={filters.type ?? null}
        onChange={(value) => updateSearch({ caseType: value ?? undefined })}
        searchable
        nothingFoundMessage={t('common.noMatches')}
        filter={({ options, search: text }) =>
          (options as { group: string; items: { value: string; label: string }[] }[])
            .map((group) => ({
              ...group,
              items: matchesFolded(group.group, text) ? group.items : group.items.filter((item) => matchesFolded(item.label, text)),
            }))
            .filter((group) => group.items.length > 0)
        }
        maxDropdownHeight={320}
        style={grow('2 1 14rem')}
        {...selectProps}
      />
      <FilterSelect
        label={t('casesPage.fields.status')}
        placeholder={t('casesPage.allStatuses')}
        data={CASE_STATUSES.map((value) => ({ value, label: t(`cases.statuses.${value}`) }))}
        value={filters.status}
        onChange={(status: CaseStatus | undefined) => updateSearch({ status })}
        flex={isSmall ? undefined : '1 1 11rem'}
      />
      <FilterSelect
        label={t('casesPage.fields.unit')}
        placeholder={t('casesPage.allUnits')}
        data={unitOptions}
        value={filters.unitId}
        onChange={(unitId) => updateSearch({ unitId })}
        searchable
        flex={isSmall ? undefined : '2 1 14rem'}
      />
      <FilterDateInput
        label={t('casesPage.discoveredFrom')}
        value={filters.from}
        onCommit={(from) => updateSearch({ from })}
        formatError={t('casesPage.dateFormat')}
        style={grow('1 1 9rem')}
      />
      <FilterDateInput
        label={t('casesPage.discoveredTo')}
        value={filters.to}
        onCommit={(to) => updateSearch({ to })}
        formatError={t('casesPage.dateFormat')}
        error={isPeriodInverted ? t('cases.periodInverted') : null}
        style={grow('1 1 9rem')}
      />
    </>
  );
  const sortBy = (sort: CaseSort) => {
    const current = filters.sort ?? 'discovered';
    // A second click on the same column turns the order round; a new column starts newest (largest) first.
    const dir = current === sort ? ((filters.dir ?? 'desc') === 'desc' ? 'asc' : 'desc') : 'desc';
    updateSearch({ sort: sort === 'discovered' ? undefined : sort, dir: dir === 'desc' ? undefined : dir });
  };
  const moreCount = [filters.group, filters.type, filters.status, filters.unitId, filters.from, filters.to].filter(Boolean).length;

  return (
    <>
      <PageHeader
        title={t('casesPage.title')}
        description={t('casesPage.description')}
        actions={
          <>
            <Button
              variant="outline"
              leftSection={<IconDownload size={16} />}
              onClick={exportCsv}
              disabled={rows.length === 0}
              title={t('casesPage.exportCsvHint')}
            >
              {t('common.exportCsv')}
            </Button>
            <Button
              component="a"
              href={casesExportUrl(filters)}
              download
              variant="outline"
              leftSection={<IconSheet size={16} />}
              title={t('casesPage.exportCsvHint')}
            >
              {t('casesPage.exportExcel')}
            </Button>
            {canManage ? (
              <Button variant="outline" leftSection={<IconUpload size={16} />} onClick={() => setImportOpen(true)}>
                {t('casesPage.importExcel')}
              </Button>
            ) : null}
            {createButton}
          </>
        }
      />
      <Stack gap="md">
        <FilterBar moreFilters={moreFilters} moreCount={moreCount} isFiltered={isFiltered} onClearFilters={clearFilters}>
          <FilterSearchInput
            label={t('casesPage.searchLabel')}
            description={t('casesPage.searchHint')}
            value={filters.q}
            onChange={(q) => updateSearch({ q })}
            flex="3 1 18rem"
          />
        </FilterBar>
        <div>{renderBody()}</div>
      </Stack>
      <CaseFormModal opened={isCreateOpen} units={units} onClose={() => setCreateOpen(false)} />
      {canManage ? <CaseImportModal opened={isImportOpen} onClose={() => setImportOpen(false)} /> : null}
    </>
  );
}
