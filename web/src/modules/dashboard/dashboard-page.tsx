import type { Dashboard } from '@binh-an/domain';
import { Alert, Button, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber, todayInVietnam } from '../../lib/format.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { useMe } from '../auth/hooks.ts';
import { resolveReportPeriod } from '../reports/period.ts';
import { ReportPeriodFilters } from '../reports/report-period-filters.tsx';
import { reportUnitKey, reportUnitOptions } from '../reports/report-units.ts';
import { useAllUnits } from '../units/api.ts';
import { type DashboardParams, useDashboard, useRollup } from './api.ts';
import { barChartOption, chartHeight } from './chart-options.ts';
import { ChartSection } from './chart-section.tsx';
import {
  DASHBOARD_DEFAULT_KIND,
  type DashboardSearch,
  dashboardUnitOptions,
  formatShare,
  monthLabel,
  peakOf,
  resolveDashboardUnit,
} from './dashboard-model.ts';
import { HeadlineFigures, RecordLink } from './dashboard-parts.tsx';
import { RollupSection } from './rollup-section.tsx';
import './dashboard.css';

const routeApi = getRouteApi('/signed-in/dashboard');

const fmt = (n: number) => formatNumber(n);

/** The unit and period the address asks for, with the reader's defaults: their own unit, this year. */
export function useDashboardChoice(search: DashboardSearch) {
  const { t } = useTranslation();
  const me = useMe();
  const unitsQuery = useAllUnits();
  const units = unitsQuery.data ?? [];
  const today = todayInVietnam();
  const baseOptions = useMemo(() => reportUnitOptions(units, t), [units, t]);
  const unitOptions = useMemo(() => dashboardUnitOptions(units, baseOptions, me.unit, t), [units, baseOptions, me.unit, t]);
  const own = units.find((unit) => unit.id === me.unit.id);
  const ownKey = own ? reportUnitKey(own, units) : me.unit.id;
  const defaultKey = unitOptions.some((o) => o.value === ownKey) ? ownKey : unitOptions[0]?.value;
  const unitKey = search.unit ?? defaultKey;
  const unit = unitKey && !unitsQuery.isPending ? resolveDashboardUnit(units, unitKey, me.unit) : null;
  const period = resolveReportPeriod({ ...search, period: search.period ?? DASHBOARD_DEFAULT_KIND }, today);
  const params: DashboardParams | null = unit && unitKey && period ? { unit: unitKey, from: period.from, to: period.to } : null;
  return { unitsQuery, unitOptions, unitKey, unit, period, params, today };
}

/** The dashboard: a unit and a period, the headline figures, charts with their tables, coverage, overdue work, roll-up. */
export function DashboardPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const { unitsQuery, unitOptions, unitKey, unit, period, params, today } = useDashboardChoice(search);
  const isCity = unit?.type === 'province' || unit?.type === 'district';
  const dashboard = useDashboard(unit?.isListed ? params : null);
  const rollup = useRollup(isCity ? params : null);
  const updateSearch = (patch: Partial<DashboardSearch>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const renderBody = () => {
    if (unitsQuery.isError) return <ErrorAlert error={unitsQuery.error} onRetry={() => void unitsQuery.refetch()} />;
    if (!unitKey || !unit) {
      return unitsQuery.isPending ? <LoadingState /> : <Alert color="orange">{t('dashboardPage.notes.chooseUnit')}</Alert>;
    }
    if (!period) return <Alert color="brand">{t('reportsPage.customIncomplete')}</Alert>;
    const rollupPart = isCity ? <RollupSection query={rollup} isOwnCityOnly={!unit.isListed} /> : null;
    if (!unit.isListed) return rollupPart;
    if (dashboard.isPending) return <LoadingState />;
    if (dashboard.isError) return <ErrorAlert error={dashboard.error} onRetry={() => void dashboard.refetch()} />;
    return (
      <div aria-busy={dashboard.isFetching || undefined}>
        <DashboardBody data={dashboard.data} rollup={rollupPart} />
      </div>
    );
  };

  return (
    <>
      <PageHeader
        title={t('dashboardPage.title')}
        description={t('dashboardPage.description')}
        actions={
          <>
            <Button variant="light" renderRoot={(props) => <Link to="/dashboard/map" search={search} {...props} />}>
              {t('dashboardPage.openMap')}
            </Button>
            <Button
              variant="default"
              renderRoot={(props) => (
                <Link to="/reports" search={{ ...search, period: search.period ?? DASHBOARD_DEFAULT_KIND }} {...props} />
              )}
            >
              {t('dashboardPage.openReport')}
            </Button>
          </>
        }
      />
      <Stack gap="md">
        <ReportPeriodFilters
          defaultKind={DASHBOARD_DEFAULT_KIND}
          label={t('dashboardPage.choose')}
          search={search}
          onChange={updateSearch}
          unitOptions={unitOptions}
          unitKey={unitKey}
          period={period}
          today={today}
        />
        {renderBody()}
      </Stack>
    </>
  );
}

function DashboardBody({ data, rollup }: { data: Dashboard; rollup: ReactNode }) {
  const { t } = useTranslation();
  const label = (month: string) => monthLabel(month, t);
  const periodLabel = data.period.label;
  const description = (key: string) => t(key, { unit: data.unit.name, period: periodLabel });
  return (
    <Stack gap="md">
      <HeadlineFigures figures={data.headline} previousLabel={data.previousPeriod.label} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <TrendSection data={data} label={label} description={description('dashboardPage.trend.aria')} />
        <PatrolSection data={data} label={label} description={description('dashboardPage.patrols.aria')} />
        <GroupsSection data={data} description={description('dashboardPage.groups.aria')} />
        <CategoriesSection data={data} description={description('dashboardPage.categories.aria')} />
      </SimpleGrid>
      {data.level !== 'city' && data.areas.length > 0 ? (
        <AreasSection data={data} description={description('dashboardPage.areas.aria')} />
      ) : null}
      {rollup}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <CoverageSection data={data} />
        <OverdueSection data={data} />
      </SimpleGrid>
      <Alert color="gray" variant="light" title={t('dashboardPage.certification.heading')} component="section">
        {data.certification.figures.length ? (
          <List size="sm">
            {data.certification.figures.map((f) => (
              <List.Item key={f.key}>
                {f.label}: {f.href ? <RecordLink href={f.href}>{f.current.text}</RecordLink> : f.current.text}
              </List.Item>
            ))}
          </List>
        ) : (
          t('dashboardPage.certification.none')
        )}
      </Alert>
      <Notes data={data} />
    </Stack>
  );
}

function TrendSection({ data, label, description }: { data: Dashboard; label: (m: string) => string; description: string }) {
  const { t } = useTranslation();
  const cases = data.months.reduce((a, m) => a + m.cases, 0);
  const tips = data.months.reduce((a, m) => a + m.tips, 0);
  const peak = peakOf(data.months, (m) => m.cases);
  const vars = {
    period: data.period.label,
    cases: fmt(cases),
    tips: fmt(tips),
    month: peak ? label(peak.month) : '',
    n: fmt(peak?.cases ?? 0),
  };
  const title =
    cases + tips === 0
      ? t('dashboardPage.trend.titleEmpty', vars)
      : peak
        ? t('dashboardPage.trend.title', vars)
        : t('dashboardPage.trend.titleEmpty', vars);
  const series = [
    { name: t('dashboardPage.series.tips'), values: data.months.map((m) => m.tips) },
    { name: t('dashboardPage.series.cases'), values: data.months.map((m) => m.cases) },
  ];
  const heading = t('dashboardPage.trend.heading');
  return (
    <ChartSection
      id="chart-trend"
      heading={heading}
      title={title}
      description={description}
      option={barChartOption({ categories: data.months.map((m) => label(m.month)), series, format: fmt })}
      height={chartHeight(data.months.length, false)}
      table={
        <DataTable caption={t('dashboardPage.tableOf', { chart: heading })} minWidth={0} isCompact>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('dashboardPage.month')}</Table.Th>
              <Table.Th scope="col" className="num">
                {t('dashboardPage.series.tips')}
              </Table.Th>
              <Table.Th scope="col" className="num">
                {t('dashboardPage.series.cases')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.months.map((m) => (
              <Table.Tr key={m.month}>
                <Table.Th scope="row" fw={400}>
                  {label(m.month)}
                </Table.Th>
                <Table.Td className="num">{fmt(m.tips)}</Table.Td>
                <Table.Td className="num">{fmt(m.cases)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th scope="row">{t('dashboardPage.total')}</Table.Th>
              <Table.Td className="num">{fmt(tips)}</Table.Td>
              <Table.Td className="num">{fmt(cases)}</Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        </DataTable>
      }
    />
  );
}

function PatrolSection({ data, label, description }: { data: Dashboard; label: (m: string) => string; description: string }) {
  const { t } = useTranslation();
  const rounds = data.months.reduce((a, m) => a + m.rounds, 0);
  const turns = data.months.reduce((a, m) => a + m.turns, 0);
  const peak = peakOf(data.months, (m) => m.rounds);
  const title = peak
    ? t('dashboardPage.patrols.title', { rounds: fmt(rounds), turns: fmt(turns), month: label(peak.month), n: fmt(peak.rounds) })
    : t('dashboardPage.patrols.titleEmpty');
  const heading = t('dashboardPage.patrols.heading');
  return (
    <ChartSection
      id="chart-patrols"
      heading={heading}
      title={title}
      description={description}
      option={barChartOption({
        categories: data.months.map((m) => label(m.month)),
        series: [{ name: t('dashboardPage.series.rounds'), values: data.months.map((m) => m.rounds) }],
        format: fmt,
      })}
      height={chartHeight(data.months.length, false)}
      table={
        <DataTable caption={t('dashboardPage.tableOf', { chart: heading })} minWidth={0} isCompact>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('dashboardPage.month')}</Table.Th>
              <Table.Th scope="col" className="num">
                {t('dashboardPage.series.rounds')}
              </Table.Th>
              <Table.Th scope="col" className="num">
                {t('dashboardPage.series.turns')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.months.map((m) => (
              <Table.Tr key={m.month}>
                <Table.Th scope="row" fw={400}>
                  {label(m.month)}
                </Table.Th>
                <Table.Td className="num">{fmt(m.rounds)}</Table.Td>
                <Table.Td className="num">{fmt(m.turns)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th scope="row">{t('dashboardPage.total')}</Table.Th>
              <Table.Td className="num">{fmt(rounds)}</Table.Td>
              <Table.Td className="num">{fmt(turns)}</Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        </DataTable>
      }
    />
  );
}

function GroupsSection({ data, description }: { data: Dashboard; description: string }) {
  const { t } = useTranslation();
  const name = (group: string) => t(`cases.groups.${group}`);
  const shown = data.casesByGroup.filter((g) => g.count > 0);
  const peak = peakOf(data.casesByGroup, (g) => g.count);
  const title = peak
    ? t('dashboardPage.groups.title', { group: name(peak.group), n: fmt(peak.count), cleared: fmt(peak.cleared) })
    : t('dashboardPage.groups.titleEmpty');
  const heading = t('dashboardPage.groups.heading');
  return (
    <ChartSection
      id="chart-groups"
      heading={heading}
      title={title}
      description={description}
      option={
        shown.length
          ? barChartOption({
              categories: shown.map((g) => name(g.group)),
              series: [
                { name: t('dashboardPage.series.cases'), values: shown.map((g) => g.count) },
                { name: t('dashboardPage.series.cleared'), values: shown.map((g) => g.cleared) },
              ],
              isHorizontal: true,
              format: fmt,
            })
          : null
      }
      height={chartHeight(shown.length, true, 2)}
      table={
        <DataTable caption={t('dashboardPage.tableOf', { chart: heading })} minWidth={0} isCompact>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('dashboardPage.groups.column')}</Table.Th>
              <Table.Th scope="col" className="num">
                {t('dashboardPage.series.cases')}
              </Table.Th>
              <Table.Th scope="col" className="num">
                {t('dashboardPage.series.cleared')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.casesByGroup.map((g) => (
              <Table.Tr key={g.group}>
                <Table.Th scope="row" fw={400}>
                  {name(g.group)}
                </Table.Th>
                <Table.Td className="num">{fmt(g.count)}</Table.Td>
                <Table.Td className="num">{fmt(g.cleared)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      }
    />
  );
}

function CategoriesSection({ data, description }: { data: Dashboard; description: string }) {
  const { t } = useTranslation();
  const rows = data.tipsByCategory;
  const name = (category: string) =>
    category === 'unclassified' ? t('dashboardPage.categories.unclassified') : t(`tips.categories.${category}`);
  const shown = rows.filter((r) => r.count > 0);
  const peak = peakOf(rows, (r) => r.count);
  const title = peak
    ? t('dashboardPage.categories.title', { category: name(peak.category), n: fmt(peak.count) })
    : t('dashboardPage.categories.titleEmpty');
  const heading = t('dashboardPage.categories.heading');
  return (
    <ChartSection
      id="chart-categories"
      heading={heading}
      title={title}
      description={description}
      option={
        shown.length
          ? barChartOption({
              categories: shown.map((r) => name(r.category)),
              series: [{ name: t('dashboardPage.series.tips'), values: shown.map((r) => r.count) }],
              isHorizontal: true,
              format: fmt,
            })
          : null
      }
      height={chartHeight(shown.length, true)}
      table={
        <DataTable caption={t('dashboardPage.tableOf', { chart: heading })} minWidth={0} isCompact>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('dashboardPage.categories.column')}</Table.Th>
              <Table.Th scope="col" className="num">
                {t('dashboardPage.series.tips')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.category}>
                <Table.Th scope="row" fw={400}>
                  {name(r.category)}
                </Table.Th>
                <Table.Td className="num">{fmt(r.count)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      }
    />
  );
}

function AreasSection({ data, description }: { data: Dashboard; description: string }) {
  const { t } = useTranslation();
  const name = (a: Dashboard['areas'][number]) =>
    a.isOwn ? t('dashboardPage.areas.own', { name: a.name }) : a.isActive ? a.name : t('dashboardPage.areas.historic', { name: a.name });
  const peak = peakOf(data.areas, (a) => a.cases);
  const title = peak ? t('dashboardPage.areas.title', { name: name(peak), n: fmt(peak.cases) }) : t('dashboardPage.areas.titleEmpty');
  const series = [
    { name: t('dashboardPage.series.tips'), values: data.areas.map((a) => a.tips) },
    { name: t('dashboardPage.series.cases'), values: data.areas.map((a) => a.cases) },
    { name: t('dashboardPage.series.rounds'), values: data.areas.map((a) => a.rounds) },
  ];
  const heading = t('dashboardPage.areas.heading');
  const total = (pick: (a: Dashboard['areas'][number]) => number) => fmt(data.areas.reduce((s, a) => s + pick(a), 0));
  return (
    <ChartSection
      id="chart-areas"
      heading={heading}
      title={title}
      description={description}
      option={data.areas.length > 1 ? barChartOption({ categories: data.areas.map(name), series, isHorizontal: true, format: fmt }) : null}
      height={chartHeight(data.areas.length, true, series.length)}
      table={
        <DataTable caption={t('dashboardPage.tableOf', { chart: heading })} minWidth={480} isCompact>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('dashboardPage.areas.column')}</Table.Th>
              <Table.Th scope="col" className="num">
                {t('dashboardPage.series.tips')}
              </Table.Th>
              <Table.Th scope="col" className="num">
                {t('dashboardPage.series.cases')}
              </Table.Th>
              <Table.Th scope="col" className="num">
                {t('dashboardPage.series.rounds')}
              </Table.Th>
              <Table.Th scope="col">{t('dashboardPage.areas.reached')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.areas.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Th scope="row" fw={400}>
                  {name(a)}
                </Table.Th>
                <Table.Td className="num">{fmt(a.tips)}</Table.Td>
                <Table.Td className="num">{fmt(a.cases)}</Table.Td>
                <Table.Td className="num">{fmt(a.rounds)}</Table.Td>
                <Table.Td>{a.isReached === null ? '' : a.isReached ? t('dashboardPage.areas.yes') : t('dashboardPage.areas.no')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th scope="row">{t('dashboardPage.total')}</Table.Th>
              <Table.Td className="num">{total((a) => a.tips)}</Table.Td>
              <Table.Td className="num">{total((a) => a.cases)}</Table.Td>
              <Table.Td className="num">{total((a) => a.rounds)}</Table.Td>
              <Table.Td />
            </Table.Tr>
          </Table.Tfoot>
        </DataTable>
      }
    />
  );
}

function CoverageSection({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const { coverage } = data;
  return (
    <Paper withBorder p={{ base: 'xs', sm: 'md' }} component="section" aria-labelledby="dashboard-coverage">
      <Title order={2} size="h4" id="dashboard-coverage" mb="xs">
        {t('dashboardPage.coverage.heading')}
      </Title>
      {coverage.blocks === 0 ? (
        <Text>{t('dashboardPage.coverage.none')}</Text>
      ) : (
        <Stack gap="xs">
          <Text fw={600}>
            {t('dashboardPage.coverage.summary', {
              covered: fmt(coverage.covered),
              blocks: fmt(coverage.blocks),
              rate: formatShare(coverage.rate),
            })}
          </Text>
          <Text size="sm">
            {coverage.uncovered.length
              ? t('dashboardPage.coverage.uncovered', { names: coverage.uncovered.map((b) => b.name).join(', ') })
              : t('dashboardPage.coverage.all')}
          </Text>
        </Stack>
      )}
    </Paper>
  );
}

function OverdueSection({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const { overdue } = data;
  const rows = [
    {
      key: 'tips',
      work: t('dashboardPage.overdue.tips'),
      count: fmt(overdue.tips),
      basis: t('dashboardPage.overdue.tipsBasis'),
      href: overdue.links.tips,
    },
    {
      key: 'rehab',
      work: t('dashboardPage.overdue.rehab'),
      count: overdue.rehab.text,
      basis: t('dashboardPage.overdue.rehabBasis'),
      href: overdue.links.rehab,
    },
    {
      key: 'cases',
      work: t('dashboardPage.overdue.cases', { days: overdue.caseDays }),
      count: fmt(overdue.cases),
      basis: overdue.caseBasis,
      href: overdue.links.cases,
    },
  ];
  return (
    <Paper withBorder p={{ base: 'xs', sm: 'md' }} component="section" aria-labelledby="dashboard-overdue">
      <Title order={2} size="h4" id="dashboard-overdue" mb="xs">
        {t('dashboardPage.overdue.heading')}
      </Title>
      <DataTable caption={t('dashboardPage.overdue.caption', { date: formatDate(overdue.asOf) })} minWidth={0} isCompact>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('dashboardPage.overdue.work')}</Table.Th>
            <Table.Th scope="col" className="num">
              {t('dashboardPage.overdue.count')}
            </Table.Th>
            <Table.Th scope="col">{t('dashboardPage.overdue.basis')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Th scope="row" fw={400}>
                {r.href ? <RecordLink href={r.href}>{r.work}</RecordLink> : r.work}
              </Table.Th>
              <Table.Td className="num">{r.count}</Table.Td>
              <Table.Td>
                <Text size="xs">{r.basis}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </DataTable>
    </Paper>
  );
}

function Notes({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const notes = data.isSuppressed ? [t('reports.suppressionNote')] : [];
  if (notes.length === 0) return null;
  return (
    <Alert color="gray" variant="light" title={t('dashboardPage.notes.heading')}>
      <List size="sm">
        {notes.map((note) => (
          <List.Item key={note}>{note}</List.Item>
        ))}
      </List>
    </Alert>
  );
}
