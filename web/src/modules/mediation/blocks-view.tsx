import { Alert, Button, Group, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { buildCsv, downloadText, stampedFileName } from '../../lib/csv.ts';
import { formatDate, formatNumber, todayInVietnam } from '../../lib/format.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { IconDownload } from '../../ui/icons.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { useMe } from '../auth/hooks.ts';
import { formatRate } from '../cases/period.ts';
import { resolveReportPeriod } from '../reports/period.ts';
import { ReportPeriodFilters } from '../reports/report-period-filters.tsx';
import { findUnitByKey, reportUnitKey, reportUnitOptions } from '../reports/report-units.ts';
import { useAllUnits } from '../units/api.ts';
import { type BlockCounts, type BlockFigures, fetchBlockFigures, mediationKey } from './api.ts';

const routeApi = getRouteApi('/signed-in/mediation');

/** The columns of the table and of its CSV, in order. */
const COUNTS = ['received', 'settled', 'notSettled', 'stopped', 'inProgress', 'refused', 'referred'] as const;

function FiguresTable({ data }: { data: BlockFigures }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'vi';
  const dash = t('mediationPage.blocks.noRate');
  const period = t('mediationPage.blocks.period', { from: formatDate(data.period.from), to: formatDate(data.period.to) });
  const cells = (c: BlockCounts, isTotal = false) => (
    <>
      {COUNTS.map((key) => (
        <Table.Td key={key} className="num" fw={isTotal ? 700 : undefined}>
          {formatNumber(c[key])}
        </Table.Td>
      ))}
      <Table.Td className="num" fw={isTotal ? 700 : undefined}>
        {formatRate(c.settlementRate, locale) ?? dash}
      </Table.Td>
    </>
  );

  const exportCsv = () => {
    const row = (name: string, c: BlockCounts) => [name, ...COUNTS.map((key) => c[key]), formatRate(c.settlementRate, locale) ?? ''];
    const csv = buildCsv(
      [t('mediationPage.blocks.block'), ...COUNTS.map((key) => t(`mediationPage.blocks.${key}`)), t('mediationPage.blocks.rate')],
      [...data.blocks.map((b) => row(b.name, b)), row(t('mediationPage.blocks.total'), data.totals)],
    );
    downloadText(stampedFileName(`${t('mediationPage.blocks.csvName')}-${data.unit.code}`, `${data.period.from}-${data.period.to}`), csv);
  };

  if (data.blocks.length === 0)
    return <EmptyState title={t('mediationPage.blocks.empty', { unit: data.unit.name, period })} description="" />;
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Text size="sm" c="dimmed" maw="48rem">
          {t('mediationPage.blocks.note')}
        </Text>
        <Button variant="outline" leftSection={<IconDownload size={16} />} onClick={exportCsv}>
          {t('common.exportCsv')}
        </Button>
      </Group>
      <DataTable caption={t('mediationPage.blocks.caption', { unit: data.unit.name, period })} minWidth={640} isCompact>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('mediationPage.blocks.block')}</Table.Th>
            {COUNTS.map((key) => (
              <Table.Th key={key} scope="col" className="num">
                {t(`mediationPage.blocks.${key}`)}
              </Table.Th>
            ))}
            <Table.Th scope="col" className="num">
              {t('mediationPage.blocks.rate')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.blocks.map((b) => (
            <Table.Tr key={b.unitId}>
              <Table.Th scope="row" fw={400} style={{ whiteSpace: 'nowrap' }}>
                {b.name}
              </Table.Th>
              {cells(b)}
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row">{t('mediationPage.blocks.total')}</Table.Th>
            {cells(data.totals, true)}
          </Table.Tr>
        </Table.Tfoot>
      </DataTable>
    </Stack>
  );
}

/**
 * The book's figures by block: for a unit (a ward, or the reader's block) and a period chosen as on the report pages,
 * each block's cases received and results, the blocks with the most cases first, with their totals and a CSV copy.
 * Counts only; the unit and the period live in the address.
 */
export function MediationBlocksView() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const me = useMe();
  const unitsQuery = useAllUnits();
  const units = unitsQuery.data ?? [];
  const today = todayInVietnam();
  const unitOptions = useMemo(() => reportUnitOptions(units, t), [units, t]);
  const ownUnit = units.find((unit) => unit.id === me.unit.id);
  const defaultUnitKey =
    ownUnit && unitOptions.some((o) => o.value === reportUnitKey(ownUnit, units)) ? reportUnitKey(ownUnit, units) : unitOptions[0]?.value;
  const unitKey = search.unit ?? defaultUnitKey;
  const unit = unitKey ? findUnitByKey(units, unitKey) : undefined;
  const period = resolveReportPeriod({ ...search, period: search.period ?? 'year' }, today);
  const params = unit && period ? { unitId: unit.id, from: period.from, to: period.to } : null;
  const query = useQuery({
    queryKey: [...mediationKey, 'figures', params],
    queryFn: ({ signal }) => fetchBlockFigures(params as { unitId: string; from: string; to: string }, signal),
    enabled: params !== null,
    placeholderData: keepPreviousData,
  });
  const isInverted = Boolean(search.period === 'custom' && search.from && search.to && search.from > search.to);
  const update = (patch: Partial<typeof search>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const renderBody = () => {
    if (unitsQuery.isError) return <ErrorAlert error={unitsQuery.error} onRetry={() => void unitsQuery.refetch()} />;
    if (!unit) return unitsQuery.isPending ? <LoadingState /> : <Alert color="orange">{t('mediationPage.blocks.chooseUnit')}</Alert>;
    if (!period) return isInverted ? null : <Alert color="brand">{t('mediationPage.blocks.customIncomplete')}</Alert>;
    if (query.isPending) return <LoadingState />;
    if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
    return (
      <div aria-busy={query.isFetching || undefined}>
        <FiguresTable data={query.data} />
      </div>
    );
  };

  return (
    <Stack gap="md">
      <ReportPeriodFilters
        search={search}
        onChange={update}
        unitOptions={unitOptions}
        unitKey={unitKey}
        period={period}
        today={today}
        defaultKind="year"
        label={t('mediationPage.blocks.choose')}
      />
      <div>{renderBody()}</div>
    </Stack>
  );
}
