import { TIP_CATEGORIES, TIP_CHANNELS, TIP_CLASSES } from '@binh-an/domain';
import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildCsv, downloadText, stampedFileName } from '../../lib/csv.ts';
import { formatDate, formatNumber, todayInVietnam } from '../../lib/format.ts';
import { compareVietnamese } from '../../lib/text.ts';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { FilterBar } from '../../ui/filter-bar.tsx';
import { FilterSearchInput } from '../../ui/filter-search-input.tsx';
import { FilterSelect } from '../../ui/filter-select.tsx';
import { IconDownload, IconPlus } from '../../ui/icons.tsx';
import { ListFooter } from '../../ui/list-footer.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useCan } from '../auth/hooks.ts';
import { useAllUnits } from '../units/api.ts';
import {
  DEFAULT_TIP_VIEW,
  fetchAllTips,
  fetchTips,
  rememberInboxSearch,
  TIP_VIEWS,
  type TipCounts,
  type TipFilters,
  type TipSummary,
  type TipView,
  tipsQueryKey,
  useWorkingDayPredicate,
} from './api.ts';
import { describeDeadline } from './deadline.ts';
import { LogTipModal } from './log-tip-modal.tsx';
import { DeadlineLabel, TipStatusBadge, useNow } from './tip-parts.tsx';
import './tips.css';

const routeApi = getRouteApi('/signed-in/tips');

/** The saved views as links styled like tabs, each with its count where the server gives one. */
function ViewTabs({ view, counts }: { view: TipView; counts: TipCounts | undefined }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('tipsPage.viewsLabel')} className="tips-views">
      <ul>
        {TIP_VIEWS.map((item) => {
          const count = counts && item in counts ? counts[item as keyof TipCounts] : undefined;
          const isCurrent = item === view;
          return (
            <li key={item}>
              <Link
                to="/tips"
                search={(prev) => ({ ...prev, view: item === DEFAULT_TIP_VIEW ? undefined : item })}
                replace
                className="tips-view-link"
                aria-current={isCurrent ? 'page' : undefined}
              >
                <span>{t(`tipsPage.views.${item}`)}</span>
                {count !== undefined ? <span className="tips-view-count">{formatNumber(count)}</span> : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** The tip inbox: saved views, search and filters in the address, the queue sorted by the nearest deadline. */
export function TipsPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const can = useCan();
  const canHandle = can('tip.triage');
  const now = useNow();
  const isWorkingDay = useWorkingDayPredicate(can('calendar.read'));
  const unitsQuery = useAllUnits();
  const units = unitsQuery.data ?? [];

  const view: TipView = search.view ?? DEFAULT_TIP_VIEW;
  const filters: TipFilters = useMemo(
    () => ({
      q: search.q,
      category: search.category,
      classification: search.classification,
      unitId: search.unitId,
      channel: search.channel,
    }),
    [search.q, search.category, search.classification, search.unitId, search.channel],
  );
  const isFiltered = Object.values(filters).some(Boolean);
  useEffect(() => rememberInboxSearch({ view: search.view, ...filters }), [search.view, filters]);

  const query = useInfiniteQuery({
    queryKey: [...tipsQueryKey, 'list', view, filters],
    queryFn: ({ pageParam, signal }) => fetchTips(view, filters, pageParam, undefined, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  const counts = query.data?.pages[0]?.counts;

  const [isLogOpen, setLogOpen] = useState(false);
  const [isExporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);

  const updateSearch = (patch: Partial<typeof search>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const clearFilters = () => void navigate({ search: { view: search.view }, replace: true });

  const unitOptions = useMemo(
    () =>
      [...units]
        .filter((unit) => unit.type !== 'province' && unit.type !== 'district')
        .sort((a, b) => compareVietnamese(a.name, b.name))
        .map((unit) => ({ value: unit.id, label: `${unit.name} — ${t(`unitTypes.${unit.type}`)}` })),
    [units, t],
  );
  const unitName = (id: string) => units.find((unit) => unit.id === id)?.name ?? id;
  const viewLabel = t(`tipsPage.views.${view}`);

  const classLabel = (tip: TipSummary) => (tip.classification ? t(`tipsPage.classes.${tip.classification}`) : t('tipsPage.unclassified'));
  const categoryLabel = (tip: TipSummary) => (tip.category ? t(`tipsPage.categories.${tip.category}`) : '—');

  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const all = await fetchAllTips(view, filters);
      const exportedAt = new Date();
      // The tip text stays out of the file: a spreadsheet on a desktop is not protected like the inbox.
      const csv = buildCsv(
        [
          t('tipsPage.fields.number'),
          t('tipsPage.fields.receivedOn'),
          t('tipsPage.fields.channel'),
          t('tipsPage.fields.unit'),
          t('tipsPage.fields.classification'),
          t('tipsPage.fields.category'),
          t('tipsPage.fields.urgency'),
          t('tipsPage.fields.assignedTo'),
          t('tipsPage.fields.nextDeadline'),
          t('tipsPage.fields.nextDeadlineDate'),
          t('tipsPage.fields.status'),
        ],
        all.map((tip) => {
          const deadline = tip.nextDeadline ? describeDeadline(tip.nextDeadline, t, exportedAt, isWorkingDay) : null;
          return [
            tip.number,
            formatDate(tip.receivedOn),
            t(`tipsPage.channels.${tip.channel}`),
            tip.unitName,
            classLabel(tip),
            tip.category ? t(`tipsPage.categories.${tip.category}`) : '',
            tip.urgency ? t(`tipsPage.urgencies.${tip.urgency}`) : '',
            tip.assignedTo?.name ?? t('tipsPage.unassigned'),
            deadline ? deadline.remaining : t('tipsPage.noDeadline'),
            deadline ? deadline.due : '',
            t(`tipsPage.statuses.${tip.status}`),
          ];
        }),
      );
      downloadText(stampedFileName(t('tipsPage.csvName'), todayInVietnam()), csv);
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(false);
    }
  };

  const activeFilters = [
    filters.q ? `${t('tipsPage.searchLabel')}: “${filters.q}”` : null,
    filters.category ? `${t('tipsPage.fields.category')}: ${t(`tipsPage.categories.${filters.category}`)}` : null,
    filters.classification ? `${t('tipsPage.fields.classification')}: ${t(`tipsPage.classes.${filters.classification}`)}` : null,
    filters.unitId ? `${t('tipsPage.fields.unit')}: ${unitName(filters.unitId)}` : null,
    filters.channel ? `${t('tipsPage.fields.channel')}: ${t(`tipsPage.channels.${filters.channel}`)}` : null,
  ].filter((v): v is string => v !== null);

  const logButton = canHandle ? (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setLogOpen(true)}>
      {t('tipsPage.logTip')}
    </Button>
  ) : null;

  const total = counts && view in counts && !isFiltered ? counts[view as keyof TipCounts] : undefined;

  const renderBody = () => {
    if (query.isPending) return <LoadingState />;
    if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
    if (rows.length === 0) {
      if (isFiltered) {
        return (
          <EmptyState
            title={t('common.noResultsTitle')}
            description={t('tipsPage.noResultsText')}
            activeFilters={[`${t('tipsPage.viewsLabel')}: ${viewLabel}`, ...activeFilters]}
            onClearFilters={clearFilters}
          />
        );
      }
      if (view !== 'all') {
        return (
          <EmptyState
            title={t('tipsPage.emptyViewTitle', { view: viewLabel })}
            description={t('tipsPage.emptyViewText')}
            action={
              <Button variant="outline" onClick={() => updateSearch({ view: 'all' })}>
                {t('tipsPage.showAll')}
              </Button>
            }
          />
        );
      }
      return <EmptyState title={t('tipsPage.emptyTitle')} description={t('tipsPage.emptyText')} action={logButton ?? undefined} />;
    }
    return (
      <>
        <DataTable caption={`${t('tipsPage.tableCaption')} — ${viewLabel}`} minWidth={940} label={t('tipsPage.tableCaption')} isCompact>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('tipsPage.fields.number')}</Table.Th>
              <Table.Th scope="col" className="num">
                {t('tipsPage.fields.receivedOn')}
              </Table.Th>
              <Table.Th scope="col">{t('tipsPage.fields.channel')}</Table.Th>
              <Table.Th scope="col">{t('tipsPage.fields.unit')}</Table.Th>
              <Table.Th scope="col">{t('tipsPage.fields.classification')}</Table.Th>
              <Table.Th scope="col">{t('tipsPage.fields.category')}</Table.Th>
              <Table.Th scope="col">{t('tipsPage.fields.assignedTo')}</Table.Th>
              <Table.Th scope="col">{t('tipsPage.fields.nextDeadline')}</Table.Th>
              <Table.Th scope="col">{t('tipsPage.fields.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody className="tips-table">
            {rows.map((tip) => (
              <Table.Tr key={tip.id}>
                <Table.Th scope="row" fw={400}>
                  <AnchorLink
                    to="/tips/$tipId"
                    params={{ tipId: tip.id }}
                    fw={700}
                    className="mono"
                    aria-label={t('tipsPage.openTip', { number: tip.number })}
                  >
                    {tip.number}
                  </AnchorLink>
                  {tip.excerpt ? (
                    <Text size="xs" c="dimmed" lineClamp={2} className="tips-excerpt">
                      {tip.excerpt}
                    </Text>
                  ) : null}
                  {tip.urgency === 'urgent' || tip.hasUnreadFromSender ? (
                    <Group gap={4} mt={4} wrap="wrap">
                      {tip.urgency === 'urgent' ? <Badge color="red">{t('tipsPage.urgentBadge')}</Badge> : null}
                      {tip.hasUnreadFromSender ? <Badge color="brand">{t('tipsPage.unread')}</Badge> : null}
                    </Group>
                  ) : null}
                </Table.Th>
                <Table.Td className="num">{formatDate(tip.receivedOn)}</Table.Td>
                <Table.Td>{t(`tipsPage.channels.${tip.channel}`)}</Table.Td>
                <Table.Td>{tip.unitName}</Table.Td>
                <Table.Td>
                  {tip.classification ? (
                    classLabel(tip)
                  ) : (
                    <Text size="sm" fs="italic">
                      {t('tipsPage.unclassified')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{categoryLabel(tip)}</Table.Td>
                <Table.Td>
                  {tip.assignedTo ? (
                    tip.assignedTo.name
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('tipsPage.unassigned')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td miw={170}>
                  {tip.nextDeadline ? (
                    <DeadlineLabel clock={tip.nextDeadline} now={now} isWorkingDay={isWorkingDay} />
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('tipsPage.noDeadline')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <TipStatusBadge status={tip.status} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
        <ListFooter
          countText={
            total !== undefined && total >= rows.length
              ? t('tipsPage.countOf', { count: formatNumber(rows.length), total: formatNumber(total) })
              : t('tipsPage.count', { count: formatNumber(rows.length) })
          }
          hasMore={Boolean(query.hasNextPage)}
          isLoadingMore={query.isFetchingNextPage}
          onLoadMore={() => void query.fetchNextPage()}
        />
      </>
    );
  };

  const selectFilters = (
    <>
      <FilterSelect
        label={t('tipsPage.fields.classification')}
        placeholder={t('tipsPage.allClasses')}
        data={TIP_CLASSES.map((value) => ({ value, label: t(`tipsPage.classes.${value}`) }))}
        value={filters.classification}
        onChange={(classification) => updateSearch({ classification })}
        flex="1 1 10rem"
      />
      <FilterSelect
        label={t('tipsPage.fields.category')}
        placeholder={t('tipsPage.allCategories')}
        data={TIP_CATEGORIES.map((value) => ({ value, label: t(`tipsPage.categories.${value}`) }))}
        value={filters.category}
        onChange={(category) => updateSearch({ category })}
        flex="1 1 9rem"
      />
      <FilterSelect
        label={t('tipsPage.fields.unit')}
        placeholder={t('tipsPage.allUnits')}
        data={unitOptions}
        value={filters.unitId}
        onChange={(unitId) => updateSearch({ unitId })}
        searchable
        flex="1 1 12rem"
      />
      <FilterSelect
        label={t('tipsPage.fields.channel')}
        placeholder={t('tipsPage.allChannels')}
        data={TIP_CHANNELS.map((value) => ({ value, label: t(`tipsPage.channels.${value}`) }))}
        value={filters.channel}
        onChange={(channel) => updateSearch({ channel })}
        flex="1 1 9rem"
      />
    </>
  );
  const selectCount = [filters.category, filters.classification, filters.unitId, filters.channel].filter(Boolean).length;

  return (
    <>
      <PageHeader
        title={t('tipsPage.title')}
        description={t('tipsPage.description')}
        actions={
          <>
            <Button
              variant="outline"
              leftSection={<IconDownload size={16} />}
              onClick={() => void exportCsv()}
              loading={isExporting}
              disabled={rows.length === 0}
            >
              {t('common.exportCsv')}
            </Button>
            {logButton}
          </>
        }
      />
      <Stack gap="md">
        <ViewTabs view={view} counts={counts} />
        <FilterBar moreFilters={selectFilters} moreCount={selectCount} isFiltered={isFiltered} onClearFilters={clearFilters}>
          <FilterSearchInput
            label={t('tipsPage.searchLabel')}
            description={t('tipsPage.searchHint')}
            value={filters.q}
            onChange={(q) => updateSearch({ q })}
            flex="2 1 14rem"
          />
        </FilterBar>
        {exportError ? <ErrorAlert error={exportError} /> : null}
        <div>{renderBody()}</div>
      </Stack>
      <LogTipModal opened={isLogOpen} units={units} onClose={() => setLogOpen(false)} />
    </>
  );
}
