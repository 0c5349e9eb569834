import { AUDIT_OUTCOMES } from '@binh-an/domain';
import { vi as domainVi } from '@binh-an/domain/i18n/vi.ts';
import { Badge, Button, Code, Group, Pill, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildCsv, downloadText, stampedFileName } from '../../lib/csv.ts';
import { formatDate, formatDateTime, formatNumber, todayInVietnam } from '../../lib/format.ts';
import { compareVietnamese } from '../../lib/text.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { FilterBar } from '../../ui/filter-bar.tsx';
import { FilterDateInput } from '../../ui/filter-date-input.tsx';
import { FilterSelect } from '../../ui/filter-select.tsx';
import { IconDownload } from '../../ui/icons.tsx';
import { ListFooter } from '../../ui/list-footer.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { type AuditEntryView, type AuditFilters, auditQueryKey, fetchAllAudit, fetchAudit, KNOWN_ENTITY_TYPES } from './api.ts';

const routeApi = getRouteApi('/signed-in/audit');

const OUTCOME_COLORS = { ok: 'green', denied: 'orange', failed: 'red' } as const;

function compactJson(detail: Record<string, unknown>): string {
  return Object.keys(detail).length === 0 ? '' : JSON.stringify(detail);
}

function DetailCell({ entry }: { entry: AuditEntryView }) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  const text = compactJson(entry.detail);
  if (!text)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  const isLong = text.length > 48;
  const id = `audit-detail-${entry.seq}`;
  return (
    <Stack gap={4} align="flex-start">
      {isOpen ? (
        <Code block id={id} style={{ maxWidth: 420, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {JSON.stringify(entry.detail, null, 2)}
        </Code>
      ) : (
        <Code style={{ maxWidth: 300, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', display: 'block' }}>
          {isLong ? `${text.slice(0, 48)}…` : text}
        </Code>
      )}
      {isLong ? (
        <UnstyledButton
          onClick={() => setOpen(!isOpen)}
          aria-expanded={isOpen}
          aria-controls={isOpen ? id : undefined}
          fz="xs"
          c="brand.8"
          td="underline"
        >
          {isOpen ? t('auditPage.collapse') : t('auditPage.expand')}
        </UnstyledButton>
      ) : null}
    </Stack>
  );
}

/** Who did what and when, in the user's scope; filters live in the address so views can be shared. */
export function AuditPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();

  const filters: AuditFilters = useMemo(
    () => ({
      action: search.action,
      outcome: search.outcome,
      actorId: search.actorId,
      entityType: search.entityType,
      from: search.from,
      to: search.to,
    }),
    [search.action, search.outcome, search.actorId, search.entityType, search.from, search.to],
  );
  const isFiltered = Object.values(filters).some(Boolean);

  const query = useInfiniteQuery({
    queryKey: [...auditQueryKey, 'list', filters],
    queryFn: ({ pageParam, signal }) => fetchAudit(filters, pageParam, undefined, signal),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);

  const [isExporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);

  const updateSearch = (patch: Partial<typeof search>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const clearFilters = () => void navigate({ search: {}, replace: true });

  const actionLabel = (code: string) => t(`auditActions.${code}`, { defaultValue: code });
  const entityLabel = (type: string) => t(`auditPage.entityTypes.${type}`, { defaultValue: type });

  const actionOptions = useMemo(() => {
    const codes = Object.keys(domainVi.auditActions);
    if (search.action && !codes.includes(search.action)) codes.push(search.action);
    return codes
      .map((code) => ({ value: code, label: t(`auditActions.${code}`, { defaultValue: code }) }))
      .sort((a, b) => compareVietnamese(a.label, b.label));
  }, [search.action, t]);

  const entityOptions = useMemo(() => {
    const types: string[] = [...KNOWN_ENTITY_TYPES];
    if (search.entityType && !types.includes(search.entityType)) types.push(search.entityType);
    return types.map((type) => ({ value: type, label: t(`auditPage.entityTypes.${type}`, { defaultValue: type }) }));
  }, [search.entityType, t]);

  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const all = await fetchAllAudit(filters);
      const csv = buildCsv(
        [
          t('auditPage.fields.seq'),
          t('auditPage.fields.at'),
          t('auditPage.fields.actor'),
          t('auditPage.fields.action'),
          t('auditPage.fields.actionCode'),
          t('auditPage.fields.entityType'),
          t('auditPage.fields.entityId'),
          t('auditPage.fields.outcome'),
          t('auditPage.fields.detail'),
        ],
        all.map((entry) => [
          entry.seq,
          formatDateTime(entry.at, { seconds: true }),
          entry.actorName ?? t('auditPage.system'),
          actionLabel(entry.action),
          entry.action,
          entry.entityType ? entityLabel(entry.entityType) : '',
          entry.entityId,
          t(`auditPage.outcomes.${entry.outcome}`),
          compactJson(entry.detail),
        ]),
      );
      downloadText(stampedFileName(t('auditPage.csvName'), todayInVietnam()), csv);
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(false);
    }
  };

  const activeFilters = [
    filters.action ? `${t('auditPage.fields.action')}: ${actionLabel(filters.action)}` : null,
    filters.outcome ? `${t('auditPage.fields.outcome')}: ${t(`auditPage.outcomes.${filters.outcome}`)}` : null,
    filters.actorId ? `${t('auditPage.fields.actor')}: ${search.actorName ?? filters.actorId}` : null,
    filters.entityType ? `${t('auditPage.fields.entityType')}: ${entityLabel(filters.entityType)}` : null,
    filters.from ? `${t('auditPage.from')}: ${formatDate(filters.from)}` : null,
    filters.to ? `${t('auditPage.to')}: ${formatDate(filters.to)}` : null,
  ].filter((v): v is string => v !== null);

  const renderBody = () => {
    if (query.isPending) return <LoadingState />;
    if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
    if (rows.length === 0) {
      return isFiltered ? (
        <EmptyState
          title={t('common.noResultsTitle')}
          description={t('auditPage.noResultsText')}
          activeFilters={activeFilters}
          onClearFilters={clearFilters}
        />
      ) : (
        <EmptyState title={t('auditPage.emptyTitle')} description={t('auditPage.emptyText')} />
      );
    }
    return (
      <>
        <DataTable caption={t('auditPage.tableCaption')} minWidth={1040} label={t('auditPage.tableCaption')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" className="num">
                {t('auditPage.fields.at')}
              </Table.Th>
              <Table.Th scope="col">{t('auditPage.fields.actor')}</Table.Th>
              <Table.Th scope="col">{t('auditPage.fields.action')}</Table.Th>
              <Table.Th scope="col">{t('auditPage.fields.object')}</Table.Th>
              <Table.Th scope="col">{t('auditPage.fields.outcome')}</Table.Th>
              <Table.Th scope="col">{t('auditPage.fields.detail')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((entry) => (
              <Table.Tr key={entry.seq}>
                <Table.Td className="num">{formatDateTime(entry.at, { seconds: true })}</Table.Td>
                <Table.Td>
                  {entry.actorId && entry.actorName ? (
                    <UnstyledButton
                      fz="sm"
                      c="brand.8"
                      td="underline"
                      onClick={() => updateSearch({ actorId: entry.actorId ?? undefined, actorName: entry.actorName ?? undefined })}
                      aria-label={t('auditPage.filterByActor', { name: entry.actorName })}
                    >
                      {entry.actorName}
                    </UnstyledButton>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {entry.actorName ?? t('auditPage.system')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{actionLabel(entry.action)}</Text>
                  <Text size="xs" c="dimmed" className="mono">
                    {entry.action}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {entry.entityType ? (
                    <>
                      <Text size="sm">{entityLabel(entry.entityType)}</Text>
                      {entry.entityId ? (
                        <Text size="xs" c="dimmed" className="mono" title={entry.entityId}>
                          {entry.entityId.length > 13 ? `${entry.entityId.slice(0, 8)}…` : entry.entityId}
                        </Text>
                      ) : null}
                    </>
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge color={OUTCOME_COLORS[entry.outcome]}>{t(`auditPage.outcomes.${entry.outcome}`)}</Badge>
                </Table.Td>
                <Table.Td>
                  <DetailCell entry={entry} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
        <ListFooter
          countText={t('auditPage.count', { count: formatNumber(rows.length) })}
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
        title={t('auditPage.title')}
        description={t('auditPage.description')}
        actions={
          <Button
            variant="outline"
            leftSection={<IconDownload size={16} />}
            onClick={() => void exportCsv()}
            loading={isExporting}
            disabled={rows.length === 0}
          >
            {t('common.exportCsv')}
          </Button>
        }
      />
      <Stack gap="md">
        <FilterBar
          align="flex-start"
          footer={
            filters.actorId || isFiltered ? (
              <Group gap="xs" mt="sm" wrap="wrap">
                {filters.actorId ? (
                  <Pill
                    withRemoveButton
                    onRemove={() => updateSearch({ actorId: undefined, actorName: undefined })}
                    removeButtonProps={{ 'aria-label': t('auditPage.removeActorFilter') }}
                  >
                    {t('auditPage.fields.actor')}: {search.actorName ?? filters.actorId}
                  </Pill>
                ) : null}
                {isFiltered ? (
                  <Button variant="subtle" size="compact-sm" onClick={clearFilters}>
                    {t('common.clearFilters')}
                  </Button>
                ) : null}
              </Group>
            ) : null
          }
        >
          <FilterSelect
            label={t('auditPage.fields.action')}
            placeholder={t('auditPage.allActions')}
            data={actionOptions}
            value={filters.action}
            onChange={(action) => updateSearch({ action })}
            searchable
            flex="2 1 14rem"
          />
          <FilterSelect
            label={t('auditPage.fields.outcome')}
            placeholder={t('auditPage.allOutcomes')}
            data={AUDIT_OUTCOMES.map((outcome) => ({ value: outcome, label: t(`auditPage.outcomes.${outcome}`) }))}
            value={filters.outcome}
            onChange={(outcome) => updateSearch({ outcome })}
            flex="1 1 9rem"
          />
          <FilterSelect
            label={t('auditPage.fields.entityType')}
            placeholder={t('auditPage.allEntityTypes')}
            data={entityOptions}
            value={filters.entityType}
            onChange={(entityType) => updateSearch({ entityType })}
            flex="1 1 10rem"
          />
          <FilterDateInput
            label={t('auditPage.from')}
            value={filters.from}
            onCommit={(from) => updateSearch({ from })}
            formatError={t('auditPage.dateFormat')}
            style={{ flex: '1 1 9rem' }}
          />
          <FilterDateInput
            label={t('auditPage.to')}
            value={filters.to}
            onCommit={(to) => updateSearch({ to })}
            formatError={t('auditPage.dateFormat')}
            style={{ flex: '1 1 9rem' }}
          />
        </FilterBar>
        {exportError ? <ErrorAlert error={exportError} /> : null}
        <div>{renderBody()}</div>
      </Stack>
    </>
  );
}
