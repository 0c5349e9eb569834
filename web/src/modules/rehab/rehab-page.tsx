import { REHAB_DOSSIER_STATUSES, type RehabDossierStatus } from '@binh-an/domain';
import { Button, Group, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildCsv, downloadText, stampedFileName } from '../../lib/csv.ts';
import { formatDate, formatNumber, todayInVietnam } from '../../lib/format.ts';
import { AnchorLink } from '../../ui/anchor-link.tsx';
import { DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { IconDownload, IconPlus } from '../../ui/icons.tsx';
import { ListFooter } from '../../ui/list-footer.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useCan } from '../auth/hooks.ts';
import { fetchRehabDossiers, type RehabDossier, type RehabFilters, rehabQueryKey, rememberRehabSearch } from './api.ts';
import { RehabFormModal } from './rehab-form-modal.tsx';
import { CompileDue, compileDueText, RehabStatusBadge } from './rehab-parts.tsx';
import '../cases/cases.css';

const routeApi = getRouteApi('/signed-in/rehab');

/** The compulsory-rehab dossiers: status filter in the address, newest first, paged, exported as CSV. */
export function RehabPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const can = useCan();
  const canManage = can('case.manage');
  const [isCreateOpen, setCreateOpen] = useState(false);

  const filters: RehabFilters = useMemo(() => ({ status: search.status }), [search.status]);
  const isFiltered = Boolean(filters.status);
  useEffect(() => rememberRehabSearch(filters), [filters]);

  const query = useInfiniteQuery({
    queryKey: [...rehabQueryKey, 'list', filters],
    queryFn: ({ pageParam, signal }) => fetchRehabDossiers(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);

  const setStatus = (status: RehabDossierStatus | undefined) => void navigate({ search: { status }, replace: true });

  const exportCsv = () => {
    const csv = buildCsv(
      [
        t('rehabPage.fields.number'),
        t('rehabPage.fields.name'),
        t('rehabPage.fields.foundOn'),
        t('rehabPage.fields.status'),
        t('rehabPage.fields.compileDue'),
        t('rehabPage.fields.missing'),
      ],
      rows.map((d) => [
        d.number,
        d.subject.name,
        formatDate(d.foundOn),
        t(`cases.rehab.statuses.${d.status}`),
        compileDueText(d, t),
        String(d.missingAttachments.length),
      ]),
    );
    downloadText(stampedFileName(t('rehabPage.csvName'), todayInVietnam()), csv);
  };

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
    if (query.isPending) return <LoadingState />;
    if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
    if (rows.length === 0) {
      if (isFiltered) {
        return (
          <EmptyState
            title={t('common.noResultsTitle')}
            description={t('rehabPage.noResultsText')}
            activeFilters={filters.status ? [`${t('rehabPage.fields.status')}: ${t(`cases.rehab.statuses.${filters.status}`)}`] : []}
            onClearFilters={() => setStatus(undefined)}
          />
        );
      }
      return <EmptyState title={t('rehabPage.emptyTitle')} description={t('rehabPage.emptyText')} action={createButton ?? undefined} />;
    }
    return (
      <>
        <DataTable caption={t('rehabPage.tableCaption')} minWidth={760} label={t('rehabPage.tableCaption')}>
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

  return (
    <>
      <PageHeader
        title={t('rehabPage.title')}
        description={t('rehabPage.description')}
        actions={
          <>
            <Button
              variant="outline"
              leftSection={<IconDownload size={16} />}
              onClick={exportCsv}
              disabled={rows.length === 0}
              title={t('rehabPage.csvHint')}
            >
              {t('common.exportCsv')}
            </Button>
            {createButton}
          </>
        }
      />
      <Stack gap="md">
        <Paper withBorder p="sm" component="section" aria-label={t('common.filters')}>
          <Group gap="sm" align="flex-end" wrap="wrap">
            <Select
              label={t('rehabPage.fields.status')}
              placeholder={t('rehabPage.allStatuses')}
              data={REHAB_DOSSIER_STATUSES.map((value) => ({ value, label: t(`cases.rehab.statuses.${value}`) }))}
              value={filters.status ?? null}
              onChange={(value) => setStatus((value as RehabDossierStatus | null) ?? undefined)}
              clearable
              clearButtonProps={{ 'aria-label': t('common.clear') }}
              comboboxProps={{ withinPortal: true }}
              style={{ flex: '0 1 18rem' }}
            />
            {isFiltered ? (
              <Button variant="subtle" onClick={() => setStatus(undefined)}>
                {t('common.clearFilters')}
              </Button>
            ) : null}
          </Group>
        </Paper>
        <div>{renderBody()}</div>
      </Stack>
      {canManage ? <RehabFormModal opened={isCreateOpen} onClose={() => setCreateOpen(false)} /> : null}
    </>
  );
}
