import { AUDIT_OUTCOMES, MESSAGES } from '@binh-an/domain';
import { Badge, Button, Code, Group, Paper, Pill, Select, Stack, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildCsv, downloadText, stampedFileName } from '../../lib/csv.ts';
import { formatDate, formatDateTime, formatNumber, parseDateInput, todayInVietnam } from '../../lib/format.ts';
import { compareVietnamese, matchesFolded } from '../../lib/text.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
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

  const [fromText, setFromText] = useState(formatDate(search.from));
  const [toText, setToText] = useState(formatDate(search.to));
  const [dateErrors, setDateErrors] = useState<{ from?: string; to?: string }>({});
  useEffect(() => setFromText(formatDate(search.from)), [search.from]);
  useEffect(() => setToText(formatDate(search.to)), [search.to]);
  const [isExporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);

  const updateSearch = (patch: Partial<typeof search>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const clearFilters = () => {
    setDateErrors({});
    void navigate({ search: {}, replace: true });
  };

  const applyDate = (which: 'from' | 'to', text: string) => {
    const parsed = parseDateInput(text);
    if (parsed === null) {
      setDateErrors((previous) => ({ ...previous, [which]: t('auditPage.dateFormat') }));
      return;
    }
    setDateErrors((previous) => ({ ...previous, [which]: undefined }));
    if ((parsed || undefined) !== search[which]) updateSearch({ [which]: parsed || undefined });
  };

  const actionLabel = (code: string) => t(`auditActions.${code}`, { defaultValue: code });
  const entityLabel = (type: string) => t(`auditPage.entityTypes.${type}`, { defaultValue: type });

  const actionOptions = useMemo(() => {
    const codes = Object.keys(MESSAGES.vi.auditActions);
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

  const dateInputProps = {
    placeholder: t('common.datePlaceholder'),
    inputMode: 'numeric' as const,
    autoComplete: 'off',
    style: { flex: '1 1 9rem' },
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
        <Paper withBorder p="sm" component="section" aria-label={t('common.filters')}>
          <Group gap="sm" align="flex-start" wrap="wrap">
            <Select
              label={t('auditPage.fields.action')}
              placeholder={t('auditPage.allActions')}
              data={actionOptions}
              value={filters.action ?? null}
              onChange={(value) => updateSearch({ action: value ?? undefined })}
              searchable
              clearable
              clearButtonProps={{ 'aria-label': t('common.clear') }}
              nothingFoundMessage={t('common.noMatches')}
              filter={({ options, search: text }) =>
                (options as { value: string; label: string }[]).filter((option) => matchesFolded(option.label, text))
              }
              style={{ flex: '2 1 14rem' }}
            />
            <Select
              label={t('auditPage.fields.outcome')}
              placeholder={t('auditPage.allOutcomes')}
              data={AUDIT_OUTCOMES.map((outcome) => ({ value: outcome, label: t(`auditPage.outcomes.${outcome}`) }))}
              value={filters.outcome ?? null}
              onChange={(value) => updateSearch({ outcome: (value as AuditFilters['outcome'] | null) ?? undefined })}
              clearable
              clearButtonProps={{ 'aria-label': t('common.clear') }}
              style={{ flex: '1 1 9rem' }}
            />
            <Select
              label={t('auditPage.fields.entityType')}
              placeholder={t('auditPage.allEntityTypes')}
              data={entityOptions}
              value={filters.entityType ?? null}
              onChange={(value) => updateSearch({ entityType: value ?? undefined })}
              clearable
              clearButtonProps={{ 'aria-label': t('common.clear') }}
              style={{ flex: '1 1 10rem' }}
            />
            <TextInput
              label={t('auditPage.from')}
              value={fromText}
              onChange={(event) => setFromText(event.currentTarget.value)}
              onBlur={() => applyDate('from', fromText)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') applyDate('from', fromText);
              }}
              error={dateErrors.from}
              {...dateInputProps}
            />
            <TextInput
              label={t('auditPage.to')}
              value={toText}
              onChange={(event) => setToText(event.currentTarget.value)}
              onBlur={() => applyDate('to', toText)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') applyDate('to', toText);
              }}
              error={dateErrors.to}
              {...dateInputProps}
            />
          </Group>
          {filters.actorId || isFiltered ? (
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
          ) : null}
        </Paper>
        {exportError ? <ErrorAlert error={exportError} /> : null}
        <div>{renderBody()}</div>
      </Stack>
    </>
  );
}
