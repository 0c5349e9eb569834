import type { RollupView } from '@binh-an/domain';
import { Alert, Stack, Table, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/format.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { barChartOption, chartHeight } from './chart-options.ts';
import { ChartSection } from './chart-section.tsx';
import { formatShare, peakOf } from './dashboard-model.ts';

const fmt = (n: number) => formatNumber(n);
type Figures = RollupView['total'];

function FigureCells({ f }: { f: Figures }) {
  return (
    <>
      <Table.Td className="num">{fmt(f.tips)}</Table.Td>
      <Table.Td className="num">{fmt(f.cases)}</Table.Td>
      <Table.Td className="num">{fmt(f.cleared)}</Table.Td>
      <Table.Td className="num">{formatShare(f.clearanceRate)}</Table.Td>
      <Table.Td className="num">{f.rehab.text}</Table.Td>
      <Table.Td className="num">{fmt(f.rounds)}</Table.Td>
      <Table.Td className="num">{fmt(f.turns)}</Table.Td>
    </>
  );
}

/** Every ward of a city or province side by side, and their sum: a chart of cases per ward and the full table. */
export function RollupSection({ query, isOwnCityOnly }: { query: UseQueryResult<RollupView>; isOwnCityOnly: boolean }) {
  const { t } = useTranslation();
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const r = query.data;
  const heading = t('dashboardPage.rollup.heading');
  const peak = peakOf(r.rows, (row) => row.figures.cases);
  const title = peak
    ? t('dashboardPage.rollup.chartTitle', { name: peak.ward.name, n: fmt(peak.figures.cases) })
    : t('dashboardPage.rollup.chartEmpty');
  const nameOf = (row: RollupView['rows'][number]) => row.ward.name;
  return (
    <Stack gap="xs">
      {isOwnCityOnly ? <Alert color="brand">{t('dashboardPage.rollup.ownCityOnly')}</Alert> : null}
      <ChartSection
        id="chart-rollup"
        heading={heading}
        title={title}
        description={t('dashboardPage.rollup.aria', { period: r.period.label })}
        option={
          r.rows.length > 1
            ? barChartOption({
                categories: r.rows.map(nameOf),
                series: [
                  { name: t('dashboardPage.series.cases'), values: r.rows.map((row) => row.figures.cases) },
                  { name: t('dashboardPage.series.cleared'), values: r.rows.map((row) => row.figures.cleared) },
                ],
                isHorizontal: true,
                format: fmt,
              })
            : null
        }
        height={chartHeight(r.rows.length, true, 2)}
        table={
          r.rows.length === 0 ? (
            <Text>{t('dashboardPage.rollup.empty')}</Text>
          ) : (
            <DataTable caption={t('dashboardPage.rollup.caption', { unit: r.unit.name, period: r.period.label })} minWidth={720}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('dashboardPage.rollup.ward')}</Table.Th>
                  <Table.Th scope="col" className="num">
                    {t('dashboardPage.series.tips')}
                  </Table.Th>
                  <Table.Th scope="col" className="num">
                    {t('dashboardPage.series.cases')}
                  </Table.Th>
                  <Table.Th scope="col" className="num">
                    {t('dashboardPage.series.cleared')}
                  </Table.Th>
                  <Table.Th scope="col" className="num">
                    {t('dashboardPage.rollup.clearanceRate')}
                  </Table.Th>
                  <Table.Th scope="col" className="num">
                    {t('dashboardPage.rollup.rehab')}
                  </Table.Th>
                  <Table.Th scope="col" className="num">
                    {t('dashboardPage.series.rounds')}
                  </Table.Th>
                  <Table.Th scope="col" className="num">
                    {t('dashboardPage.series.turns')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.rows.map((row) => (
                  <Table.Tr key={row.ward.id}>
                    <Table.Th scope="row" fw={400} style={{ whiteSpace: 'normal', minWidth: '12rem' }}>
                      {row.ward.name}
                      {row.isInForce ? null : (
                        <Text component="span" size="xs" c="dimmed">
                          {` (${t('dashboardPage.rollup.historic')})`}
                        </Text>
                      )}
                      {row.absorbed.length ? (
                        <Text size="xs" c="dimmed">
                          {t('dashboardPage.rollup.includes', { names: row.absorbed.map((w) => w.name).join(', ') })}
                        </Text>
                      ) : null}
                    </Table.Th>
                    <FigureCells f={row.figures} />
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th scope="row">{t('dashboardPage.rollup.sum')}</Table.Th>
                  <FigureCells f={r.total} />
                </Table.Tr>
              </Table.Tfoot>
            </DataTable>
          )
        }
      />
      <Text size="sm" c="dimmed">
        {t('dashboardPage.rollup.mergerNote')}
      </Text>
    </Stack>
  );
}
