import { UNIT_TYPES, type Unit } from '@binh-an/domain';
import { Box, Button, Drawer, Grid, Group, Paper, Select, Stack, Switch, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useDebouncedCallback, useMediaQuery } from '@mantine/hooks';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadText, stampedFileName } from '../../lib/csv.ts';
import { formatNumber, todayInVietnam } from '../../lib/format.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { IconDownload, IconSearch } from '../../ui/icons.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useCan } from '../auth/hooks.ts';
import { useAllUnits, useFilteredUnits } from './api.ts';
import { UnitBadges } from './unit-badges.tsx';
import { buildUnitsCsv } from './unit-csv.ts';
import { UnitDetail } from './unit-detail.tsx';
import { ancestorIdsOf, buildUnitForest, pathLabelOf, visibleUnits } from './unit-forest.ts';
import { UnitFormModal, type UnitFormMode } from './unit-form-modal.tsx';
import { UnitTree } from './unit-tree.tsx';

const routeApi = getRouteApi('/signed-in/units');

/** The unit tree of the user's scope: browse, search, see details, and (administrators) add or change units. */
export function UnitsPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const can = useCan();
  const canManage = can('unit.manage');
  const isWide = useMediaQuery('(min-width: 62em)', true);
  const includeInactive = search.inactive === '1';
  const isFiltering = Boolean(search.q || search.type);

  const allQuery = useAllUnits();
  const filteredQuery = useFilteredUnits({ q: search.q, type: search.type, includeInactive }, isFiltering);

  const allUnits = allQuery.data;
  const lookupForest = useMemo(() => buildUnitForest(allUnits ?? []), [allUnits]);
  const shownUnits = useMemo(() => visibleUnits(allUnits ?? [], includeInactive), [allUnits, includeInactive]);
  const forest = useMemo(() => buildUnitForest(shownUnits), [shownUnits]);

  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [isExpansionReady, setExpansionReady] = useState(false);
  const [formMode, setFormMode] = useState<UnitFormMode | null>(null);
  const [searchText, setSearchText] = useState(search.q ?? '');

  // Follow the address (Back, links, clearing) without undoing what is being typed (e.g. a trailing space).
  useEffect(() => setSearchText((current) => (current.trim() === (search.q ?? '') ? current : (search.q ?? ''))), [search.q]);

  // Open the top levels on first load, and always the way down to the selected unit.
  useEffect(() => {
    if (!allUnits) return;
    setExpanded((previous) => {
      const next = new Set(previous);
      if (!isExpansionReady) for (const id of forest.roots) next.add(id);
      if (search.unit) for (const id of ancestorIdsOf(search.unit, forest.byId)) next.add(id);
      return next;
    });
    if (!isExpansionReady) setExpansionReady(true);
  }, [allUnits, forest, search.unit, isExpansionReady]);

  const updateSearch = (patch: Partial<typeof search>, replace = true) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace });

  const applySearchText = useDebouncedCallback((value: string) => updateSearch({ q: value.trim() || undefined }), 350);

  const selected: Unit | undefined = search.unit ? lookupForest.byId.get(search.unit) : undefined;
  const listedUnits = isFiltering ? (filteredQuery.data ?? []) : shownUnits;

  const toggle = (id: string, isOpen?: boolean) =>
    setExpanded((previous) => {
      const next = new Set(previous);
      const shouldOpen = isOpen ?? !next.has(id);
      if (shouldOpen) next.add(id);
      else next.delete(id);
      return next;
    });

  const select = (id: string) => updateSearch({ unit: id });
  const clearFilters = () => {
    setSearchText('');
    updateSearch({ q: undefined, type: undefined });
  };

  const exportCsv = () => {
    const csv = buildUnitsCsv(listedUnits, lookupForest.byId, t);
    downloadText(stampedFileName(t('unitsPage.csvName'), todayInVietnam()), csv);
  };

  const activeFilters = [
    search.q ? `${t('unitsPage.searchLabel')}: “${search.q}”` : null,
    search.type ? `${t('unitsPage.fields.type')}: ${t(`unitTypes.${search.type}`)}` : null,
  ].filter((v): v is string => v !== null);

  const detail = selected ? (
    <UnitDetail
      unit={selected}
      forest={lookupForest}
      canManage={canManage}
      headingId="unit-detail-heading"
      onEdit={() => setFormMode({ kind: 'edit', unit: selected })}
      onAddChild={() => setFormMode({ kind: 'create', parent: selected })}
    />
  ) : (
    <Stack gap="xs">
      <Title order={2} size="h3">
        {t('unitsPage.detailTitle')}
      </Title>
      <Text c="dimmed">{t('unitsPage.selectHint')}</Text>
    </Stack>
  );

  const renderList = () => {
    if (allQuery.isPending || (isFiltering && filteredQuery.isPending)) return <LoadingState />;
    if (allQuery.isError) return <ErrorAlert error={allQuery.error} onRetry={() => void allQuery.refetch()} />;
    if (isFiltering && filteredQuery.isError)
      return <ErrorAlert error={filteredQuery.error} onRetry={() => void filteredQuery.refetch()} />;
    if (!isFiltering && forest.roots.length === 0) {
      return (
        <EmptyState
          title={t('unitsPage.emptyTitle')}
          description={includeInactive ? t('unitsPage.emptyText') : t('unitsPage.emptyActiveText')}
          action={
            !includeInactive ? (
              <Button variant="outline" onClick={() => updateSearch({ inactive: '1' })}>
                {t('unitsPage.showInactive')}
              </Button>
            ) : undefined
          }
        />
      );
    }
    if (isFiltering && listedUnits.length === 0) {
      return (
        <EmptyState
          title={t('common.noResultsTitle')}
          description={t('unitsPage.noResultsText')}
          activeFilters={activeFilters}
          onClearFilters={clearFilters}
        />
      );
    }
    if (isFiltering) {
      return (
        <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-labelledby="unit-list-heading">
          {listedUnits.map((unit) => {
            const path = pathLabelOf(unit.id, lookupForest.byId);
            const isSelected = unit.id === search.unit;
            return (
              <li key={unit.id}>
                <UnstyledButton
                  onClick={() => select(unit.id)}
                  aria-current={isSelected ? 'true' : undefined}
                  w="100%"
                  p="xs"
                  style={{
                    borderRadius: 'var(--mantine-radius-sm)',
                    background: isSelected ? 'var(--mantine-color-brand-1)' : undefined,
                    border: '1px solid var(--mantine-color-gray-3)',
                  }}
                >
                  <Group gap={6} wrap="wrap">
                    <Text fw={isSelected ? 700 : 500}>{unit.name}</Text>
                    <Text size="xs" c="dimmed">
                      {t(`unitTypes.${unit.type}`)}
                    </Text>
                    <UnitBadges unit={unit} size="sm" />
                  </Group>
                  {path ? (
                    <Text size="sm" c="dimmed">
                      {path}
                    </Text>
                  ) : null}
                </UnstyledButton>
              </li>
            );
          })}
        </Stack>
      );
    }
    return (
      <UnitTree
        forest={forest}
        expanded={expanded}
        onToggle={toggle}
        selectedId={search.unit}
        onSelect={select}
        labelledBy="unit-list-heading"
      />
    );
  };

  const listCount = isFiltering
    ? t('unitsPage.resultCount', { count: formatNumber(listedUnits.length) })
    : t('unitsPage.unitCount', { count: formatNumber(shownUnits.length) });

  return (
    <>
      <PageHeader
        title={t('unitsPage.title')}
        description={t('unitsPage.description')}
        actions={
          <Button
            variant="outline"
            leftSection={<IconDownload size={16} />}
            onClick={exportCsv}
            disabled={!allUnits || listedUnits.length === 0}
          >
            {t('common.exportCsv')}
          </Button>
        }
      />
      <Paper withBorder p="sm" mb="md" component="section" aria-label={t('common.filters')}>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label={t('unitsPage.searchLabel')}
            description={t('unitsPage.searchHint')}
            type="search"
            leftSection={<IconSearch size={16} />}
            value={searchText}
            onChange={(event) => {
              setSearchText(event.currentTarget.value);
              applySearchText(event.currentTarget.value);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                applySearchText.cancel?.();
                updateSearch({ q: searchText.trim() || undefined });
              }
            }}
            style={{ flex: '1 1 16rem' }}
          />
          <Select
            label={t('unitsPage.fields.type')}
            placeholder={t('unitsPage.allTypes')}
            data={UNIT_TYPES.map((type) => ({ value: type, label: t(`unitTypes.${type}`) }))}
            value={search.type ?? null}
            onChange={(value) => updateSearch({ type: (value as Unit['type'] | null) ?? undefined })}
            clearable
            clearButtonProps={{ 'aria-label': t('common.clear') }}
            style={{ flex: '1 1 14rem' }}
          />
          <Switch
            label={t('unitsPage.showInactive')}
            checked={includeInactive}
            onChange={(event) => updateSearch({ inactive: event.currentTarget.checked ? '1' : undefined })}
            pb={8}
          />
        </Group>
      </Paper>

      <Grid gap="md" align="flex-start">
        <Grid.Col span={{ base: 12, md: 6, lg: 7 }}>
          <Paper withBorder p="sm" component="section" aria-labelledby="unit-list-heading">
            <Group justify="space-between" mb="xs" gap="xs">
              <Title order={2} size="h3" id="unit-list-heading">
                {isFiltering ? t('unitsPage.resultsTitle') : t('unitsPage.treeTitle')}
              </Title>
              {allUnits ? (
                <Text size="sm" c="dimmed" role="status">
                  {listCount}
                </Text>
              ) : null}
            </Group>
            {renderList()}
          </Paper>
        </Grid.Col>
        {isWide ? (
          <Grid.Col span={{ base: 12, md: 6, lg: 5 }}>
            <Paper
              withBorder
              p="md"
              component="section"
              aria-labelledby={selected ? 'unit-detail-heading' : undefined}
              aria-label={selected ? undefined : t('unitsPage.detailTitle')}
              style={{ position: 'sticky', top: 76 }}
            >
              {detail}
            </Paper>
          </Grid.Col>
        ) : null}
      </Grid>

      {!isWide ? (
        <Drawer
          opened={Boolean(selected)}
          onClose={() => updateSearch({ unit: undefined })}
          position="bottom"
          size="85%"
          title={t('unitsPage.detailTitle')}
          closeButtonProps={{ 'aria-label': t('common.close') }}
        >
          <Box pb="md">{detail}</Box>
        </Drawer>
      ) : null}

      <UnitFormModal
        mode={formMode}
        forest={lookupForest}
        onClose={() => setFormMode(null)}
        onSaved={(unit) => {
          setFormMode(null);
          if (unit.parentId) setExpanded((previous) => new Set(previous).add(unit.parentId as string));
          // A unit whose validity starts later (or has ended) is only in the tree with historic units shown.
          updateSearch({ unit: unit.id, q: undefined, type: undefined, inactive: unit.isActive ? search.inactive : '1' }, false);
        }}
      />
    </>
  );
}
