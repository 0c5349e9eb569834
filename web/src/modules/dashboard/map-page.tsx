import type { DashboardMap } from '@binh-an/domain';
import { Alert, Button, Checkbox, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { getRouteApi, Link } from '@tanstack/react-router';
import { Component, lazy, type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LoadingState } from '../../ui/loading-state.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { ReportPeriodFilters } from '../reports/report-period-filters.tsx';
import { useDashboardMap } from './api.ts';
import { DASHBOARD_DEFAULT_KIND, type DashboardSearch } from './dashboard-model.ts';
import { useDashboardChoice } from './dashboard-page.tsx';
import { ALL_LAYERS, KIND_COLOURS, type MapLayers, ROUTE_COLOUR } from './map-layers.ts';
import './dashboard.css';

/** Leaflet loads with this screen only (stack.md: about 45 kB gzip). */
const DashboardMapView = lazy(() => import('./dashboard-map.tsx'));

const routeApi = getRouteApi('/signed-in/dashboard/map');
const fmt = (n: number) => formatNumber(n);

class MapBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { hasFailed: boolean }> {
  state = { hasFailed: false };
  static getDerivedStateFromError() {
    return { hasFailed: true };
  }
  render() {
    return this.state.hasFailed ? this.props.fallback : this.props.children;
  }
}

/** The map page: a unit and a period, the map with its layers and notes, and its numbers as tables. */
export function MapPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const { unitsQuery, unitOptions, unitKey, unit, period, params, today } = useDashboardChoice(search);
  const query = useDashboardMap(unit?.isListed ? params : null);
  const [layers, setLayers] = useState<MapLayers>(ALL_LAYERS);
  const updateSearch = (patch: Partial<DashboardSearch>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const renderBody = () => {
    if (unitsQuery.isError) return <ErrorAlert error={unitsQuery.error} onRetry={() => void unitsQuery.refetch()} />;
    if (!unitKey || !unit?.isListed) {
      return unitsQuery.isPending ? <LoadingState /> : <Alert color="orange">{t('dashboardPage.notes.chooseUnit')}</Alert>;
    }
    if (!period) return <Alert color="brand">{t('reportsPage.customIncomplete')}</Alert>;
    if (query.isPending) return <LoadingState label={t('mapPage.loading')} />;
    if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
    return <MapBody data={query.data} layers={layers} onLayers={setLayers} />;
  };

  return (
    <>
      <PageHeader
        title={t('mapPage.title')}
        description={t('mapPage.description')}
        actions={
          <Button variant="light" renderRoot={(props) => <Link to="/dashboard" search={search} {...props} />}>
            {t('mapPage.openDashboard')}
          </Button>
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

function MapBody({ data, layers, onLayers }: { data: DashboardMap; layers: MapLayers; onLayers: (next: MapLayers) => void }) {
  const { t } = useTranslation();
  const unplaced = data.unplaced.tip + data.unplaced.case + data.unplaced.incident;
  const choices: { key: keyof MapLayers; colour: string; isShown: boolean }[] = [
    { key: 'tip', colour: KIND_COLOURS.tip, isShown: true },
    { key: 'case', colour: KIND_COLOURS.case, isShown: true },
    { key: 'incident', colour: KIND_COLOURS.incident, isShown: true },
    { key: 'routes', colour: ROUTE_COLOUR, isShown: data.routes !== null },
    { key: 'boundaries', colour: '#505a5f', isShown: true },
  ];
  return (
    <Stack gap="md">
      <Paper withBorder p="sm" component="fieldset" style={{ margin: 0 }}>
        <Text component="legend" fw={600} px={4}>
          {t('mapPage.layers')}
        </Text>
        <Group gap="md" wrap="wrap">
          {choices
            .filter((c) => c.isShown)
            .map((c) => (
              <Checkbox
                key={c.key}
                checked={layers[c.key]}
                onChange={(event) => onLayers({ ...layers, [c.key]: event.currentTarget.checked })}
                label={
                  <span>
                    <span className="dashboard-legend-swatch" style={{ background: c.colour }} aria-hidden="true" />
                    {t(`mapPage.layer.${c.key}`)}
                  </span>
                }
              />
            ))}
        </Group>
        <Text size="sm" mt="xs">
          {t('mapPage.legend')} {data.isExact ? t('mapPage.exact') : t('mapPage.blurred')}
        </Text>
      </Paper>
      {data.tiles ? null : (
        <Alert color="gray" variant="light">
          {t('mapPage.noTiles')}
        </Alert>
      )}
      {data.center ? (
        <MapBoundary fallback={<Alert color="orange">{t('mapPage.failed')}</Alert>}>
          <Suspense fallback={<LoadingState label={t('mapPage.loading')} />}>
            <DashboardMapView data={data} layers={layers} />
          </Suspense>
        </MapBoundary>
      ) : (
        <Alert color="orange">{t('mapPage.noPlace')}</Alert>
      )}
      {unplaced > 0 ? <Text size="sm">{t('mapPage.unplaced', { n: fmt(unplaced) })}</Text> : null}
      <AreasTable data={data} />
      {data.routes && data.routes.length > 0 ? <RoutesTable routes={data.routes} /> : null}
    </Stack>
  );
}

function AreasTable({ data }: { data: DashboardMap }) {
  const { t } = useTranslation();
  const period = `${formatDate(data.period.from)} – ${formatDate(data.period.to)}`;
  return (
    <DataTable caption={t('mapPage.tableCaption', { period })} minWidth={480} isCompact>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('mapPage.area')}</Table.Th>
          <Table.Th scope="col" className="num">
            {t('mapPage.layer.tip')}
          </Table.Th>
          <Table.Th scope="col" className="num">
            {t('mapPage.layer.case')}
          </Table.Th>
          <Table.Th scope="col" className="num">
            {t('mapPage.layer.incident')}
          </Table.Th>
          <Table.Th scope="col" className="num">
            {t('dashboardPage.series.rounds')}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {data.areas.map((a) => (
          <Table.Tr key={a.id}>
            <Table.Th scope="row" fw={a.id === data.unit.id ? 700 : 400}>
              {a.id === data.unit.id ? t('dashboardPage.areas.own', { name: a.name }) : a.name}
            </Table.Th>
            <Table.Td className="num">{fmt(a.tips)}</Table.Td>
            <Table.Td className="num">{fmt(a.cases)}</Table.Td>
            <Table.Td className="num">{fmt(a.incidents)}</Table.Td>
            <Table.Td className="num">{fmt(a.rounds)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </DataTable>
  );
}

function RoutesTable({ routes }: { routes: NonNullable<DashboardMap['routes']> }) {
  const { t } = useTranslation();
  return (
    <DataTable caption={t('mapPage.routesCaption')} minWidth={0} isCompact>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('mapPage.route')}</Table.Th>
          <Table.Th scope="col" className="num">
            {t('mapPage.checkpoints')}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {routes.map((r) => (
          <Table.Tr key={r.id}>
            <Table.Th scope="row" fw={400}>
              {r.name}
            </Table.Th>
            <Table.Td className="num">{fmt(r.checkpoints.length)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </DataTable>
  );
}
