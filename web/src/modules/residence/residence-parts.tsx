import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/format.ts';
import { DataTable, TableHead } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { FilterBar, hasFilters } from '../../ui/filter-bar.tsx';
import { FilterSearchInput } from '../../ui/filter-search-input.tsx';
import { FilterSelect } from '../../ui/filter-select.tsx';
import { blockOptions } from '../../ui/form-fields.tsx';
import { IconDownload, IconPlus } from '../../ui/icons.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { type PagedQuery, PagedTable } from '../../ui/paged-table.tsx';
import { SectionNav } from '../../ui/section-nav.tsx';
import { useCan } from '../auth/hooks.ts';
import { useAllUnits } from '../units/api.ts';
import { revealIdNumber } from './api.ts';

type Section = 'places' | 'notifications' | 'residents' | 'inspections';
type ListQuery = PagedQuery & { rows: readonly unknown[]; total: number; refetch: () => unknown };

/** The links between the four residence lists (and the retention settings for those who manage them); the current one is marked for screen readers. */
export function ResidenceNav({ current }: { current: Section | 'retention' }) {
  const { t } = useTranslation();
  const canManage = useCan()('residence.manage');
  const links = [
    { key: 'places', to: '/residence' },
    { key: 'notifications', to: '/residence/notifications' },
    { key: 'residents', to: '/residence/residents' },
    { key: 'inspections', to: '/residence/inspections' },
    ...(canManage ? ([{ key: 'retention', to: '/residence/retention' }] as const) : []),
  ] as const;
  return (
    <SectionNav
      label={t('residencePage.sectionsLabel')}
      links={links.map((l) => ({ ...l, label: t(`residencePage.sections.${l.key}`) }))}
      current={current}
    />
  );
}

/**
 * A residence list screen: its header (the section's name unless `title` is given, with the section's "add" button
 * when `onAdd` is given, then `moreActions`, then "Xuất Excel" when `exportHref` is given), the links between the lists,
 * the filters (the search and the block, then the list's own `filters`), the table (`children`: its head and rows) under
 * them, and the screen's dialogs. `search` holds the filters in the address; `onChange` merges a change into it.
 */
export function ResidenceListPage({
  section,
  title,
  description,
  onAdd,
  moreActions,
  exportHref,
  search,
  onChange,
  onClear,
  filters,
  list,
  dialogs,
  children,
}: {
  section: Section;
  title?: string;
  description?: string;
  onAdd?: () => void;
  moreActions?: ReactNode;
  exportHref?: string;
  search: { q?: string; unitId?: string };
  onChange: (patch: { q?: string; unitId?: string }) => void;
  onClear: () => void;
  filters: ReactNode;
  list: ListQuery;
  dialogs?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <PageHeader
        title={title ?? t(`residencePage.sections.${section}`)}
        description={description}
        actions={
          onAdd || moreActions || exportHref ? (
            <Group gap="xs">
              {onAdd ? (
                <Button leftSection={<IconPlus size={16} />} onClick={onAdd}>
                  {t(`residencePage.${section}.add`)}
                </Button>
              ) : null}
              {moreActions}
              {exportHref ? (
                <Button component="a" href={exportHref} download variant="outline" leftSection={<IconDownload size={16} />}>
                  {t('residencePage.places.exportExcel')}
                </Button>
              ) : null}
            </Group>
          ) : undefined
        }
      />
      <ResidenceNav current={section} />
      <ResidenceFilters search={search} onChange={onChange} onClear={onClear}>
        {filters}
      </ResidenceFilters>
      <ResidenceList section={section} list={list} isFiltered={hasFilters(search)} onClearFilters={onClear}>
        {children}
      </ResidenceList>
      {dialogs}
    </Stack>
  );
}

/**
 * The filter bar of a residence list: the search without diacritics and the block, then the list's own filters.
 * `onChange` merges a change into the address; "Xoá bộ lọc" calls `onClear`.
 */
function ResidenceFilters({
  search,
  onChange,
  onClear,
  children,
}: {
  search: { q?: string; unitId?: string };
  onChange: (patch: { q?: string; unitId?: string }) => void;
  onClear: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const units = useAllUnits().data ?? [];
  return (
    <FilterBar isFiltered={hasFilters(search)} onClearFilters={onClear}>
      <FilterSearchInput
        label={t('residencePage.search')}
        description={t('residencePage.searchHint')}
        value={search.q}
        onChange={(q) => onChange({ q })}
        flex="2 1 16rem"
      />
      <FilterSelect
        label={t('residencePage.block')}
        placeholder={t('residencePage.allBlocks')}
        data={blockOptions(units)}
        value={search.unitId}
        onChange={(unitId) => onChange({ unitId })}
        searchable
        flex="1 1 12rem"
      />
      {children}
    </FilterBar>
  );
}

const MIN_WIDTH: Record<Section, number> = { places: 760, notifications: 820, residents: 780, inspections: 820 };

/** A residence table (its head and rows as children) with the section's caption, e.g. on a place's page. */
export function ResidenceTable({ section, children }: { section: Section; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <DataTable caption={t(`residencePage.${section}.caption`)} minWidth={MIN_WIDTH[section]}>
      {children}
    </DataTable>
  );
}

/**
 * A residence list under its filters: loading, error, the section's empty state (or "no results" with "Xoá bộ lọc"
 * when filtered), the table of the rows loaded so far, the count and "Tải thêm".
 */
function ResidenceList({
  section,
  list,
  isFiltered,
  onClearFilters,
  children,
}: {
  section: Section;
  list: ListQuery;
  isFiltered: boolean;
  onClearFilters: () => void;
  /** The table's head and rows. */
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <PagedTable
      list={list}
      rowCount={list.rows.length}
      empty={
        <EmptyState
          title={isFiltered ? t('common.noResultsTitle') : t(`residencePage.${section}.emptyTitle`)}
          description={isFiltered ? t('residencePage.noResultsText') : t(`residencePage.${section}.emptyText`)}
          onClearFilters={isFiltered ? onClearFilters : undefined}
        />
      }
      caption={t(`residencePage.${section}.caption`)}
      minWidth={MIN_WIDTH[section]}
      countText={t('residencePage.count', { shown: formatNumber(list.rows.length), total: formatNumber(list.total) })}
      onRetry={() => void list.refetch()}
    >
      {children}
    </PagedTable>
  );
}

/** A residence table's head: the columns named by `residencePage.fields.<field>`, then any further labels. */
export function FieldsHead({ fields, more = [] }: { fields: readonly string[]; more?: readonly string[] }) {
  const { t } = useTranslation();
  return <TableHead columns={[...fields.map((f) => t(`residencePage.fields.${f}`)), ...more]} />;
}

/** A row's place (or its address when it has none), the block under it. */
export function PlaceCell({ row }: { row: { placeName: string | null; address?: string | null; unitName: string } }) {
  return (
    <Table.Td>
      {row.placeName ?? row.address ?? '—'}
      <Text size="xs" c="dimmed">
        {row.unitName}
      </Text>
    </Table.Td>
  );
}

export function OnTimeBadge({ onTime }: { onTime: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge color={onTime ? 'green.9' : 'red.9'} variant="outline">
      {onTime ? t('residence.onTime') : t('residence.late')}
    </Badge>
  );
}

/** A masked ID number with the audited "show" button for readers allowed to see it in full. */
export function IdNumberCell({
  kind,
  id,
  name,
  masked,
  canReveal,
}: {
  kind: 'guest' | 'resident';
  id: string;
  name: string;
  masked: string | null;
  canReveal: boolean;
}) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<string | null>(null);
  const reveal = useMutation({ mutationFn: () => revealIdNumber(kind, id), onSuccess: (r) => setShown(r.idNumber) });
  if (!masked) return <Text size="sm">—</Text>;
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" className="mono">
        {shown ?? masked}
      </Text>
      {canReveal && !shown ? (
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => reveal.mutate()}
          loading={reveal.isPending}
          aria-label={t('residencePage.revealOf', { name })}
        >
          {t('residencePage.reveal')}
        </Button>
      ) : null}
    </Group>
  );
}
